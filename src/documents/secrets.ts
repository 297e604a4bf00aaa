/**
 * Encryption of secrets typed into the dashboard/API (SPEC §19.4): AES-256-GCM,
 * serialised as `v1:<iv b64>:<ciphertext+tag b64>`. The key comes from
 * `OOMPAH_SECRET_KEY` (base64 of 32 bytes) or `<data_dir>/secret.key`, which is
 * created with 32 random bytes and mode 0600 the first time a secret is used.
 * A value that cannot be decrypted is reported as `secret_unavailable`; callers
 * mark its owner unavailable and keep running.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { OompahError } from "../domain/errors.js";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = "v1";

export interface SecretBoxOptions {
  /** Environment to read `OOMPAH_SECRET_KEY` from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Data directory holding `secret.key`. */
  dataDir: string;
}

function decodeKey(raw: string, source: string): Buffer {
  const key = Buffer.from(raw.trim(), "base64");
  if (key.length !== KEY_BYTES) {
    throw new OompahError(
      "invalid_config_value",
      `${source} must be base64 of exactly 32 bytes (got ${key.length})`,
      {
        hint: "generate one with: openssl rand -base64 32",
        details: { path: source },
      },
    );
  }
  return key;
}

/** Reads `secret.key` (raw 32 bytes, or base64 text of them), creating it when absent. */
function keyFromFile(dataDir: string): Buffer {
  const path = join(dataDir, "secret.key");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const fd = openSync(path, "wx", 0o600);
    try {
      const key = randomBytes(KEY_BYTES);
      writeSync(fd, key);
      fsyncSync(fd);
      return key;
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  chmodSync(path, 0o600);
  const bytes = readFileSync(path);
  if (bytes.length === KEY_BYTES) return bytes;
  return decodeKey(bytes.toString("utf8"), path);
}

/** Encrypts and decrypts stored secrets with one lazily loaded key. */
export class SecretBox {
  private key: Buffer | null = null;

  constructor(private readonly opts: SecretBoxOptions) {}

  private getKey(): Buffer {
    if (!this.key) {
      const fromEnv = this.opts.env.OOMPAH_SECRET_KEY;
      this.key = fromEnv ? decodeKey(fromEnv, "OOMPAH_SECRET_KEY") : keyFromFile(this.opts.dataDir);
    }
    return this.key;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.getKey(), iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}:${iv.toString("base64")}:${body.toString("base64")}`;
  }

  /** Throws `secret_unavailable` (never with the value in the message) when it cannot decrypt. */
  decrypt(stored: string): string {
    const [prefix, ivB64, bodyB64, ...extra] = stored.split(":");
    const fail = (why: string, cause?: unknown): OompahError =>
      new OompahError("secret_unavailable", `stored secret cannot be decrypted: ${why}`, {
        hint: "re-enter the secret, or restore the OOMPAH_SECRET_KEY / secret.key it was encrypted with",
        cause,
      });
    if (prefix !== PREFIX || !ivB64 || !bodyB64 || extra.length) throw fail("unrecognised format");
    const iv = Buffer.from(ivB64, "base64");
    const body = Buffer.from(bodyB64, "base64");
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw fail("truncated value");
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.getKey(), iv);
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    } catch (e) {
      if (e instanceof OompahError) throw e;
      throw fail("wrong key or corrupted value", e);
    }
  }

  /** Decrypts, or returns the `secret_unavailable` error instead of throwing. */
  tryDecrypt(stored: string): { ok: true; value: string } | { ok: false; error: OompahError } {
    try {
      return { ok: true, value: this.decrypt(stored) };
    } catch (e) {
      if (e instanceof OompahError) return { ok: false, error: e };
      throw e;
    }
  }
}

/** True for strings in the `v1:…:…` stored-secret format. */
export function isEncryptedSecret(value: string): boolean {
  return /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/.test(value);
}
