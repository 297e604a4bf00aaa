import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox, isEncryptedSecret } from "../../../src/documents/secrets.js";
import { tempDir } from "../../helpers/sandbox.js";

describe("secret encryption (SPEC §19.4)", () => {
  it("creates <data_dir>/secret.key (0600) on first use and round-trips v1 values", () => {
    const dataDir = join(tempDir(), "data");
    const box = new SecretBox({ env: {}, dataDir });
    expect(existsSync(join(dataDir, "secret.key"))).toBe(false);
    const enc = box.encrypt("sk-live-abcdef123456");
    expect(enc).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(isEncryptedSecret(enc)).toBe(true);
    expect(enc).not.toContain("abcdef");
    const keyPath = join(dataDir, "secret.key");
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(keyPath)).toHaveLength(32);
    expect(box.decrypt(enc)).toBe("sk-live-abcdef123456");
    expect(new SecretBox({ env: {}, dataDir }).decrypt(enc)).toBe("sk-live-abcdef123456");
    expect(box.encrypt("same")).not.toBe(box.encrypt("same"));
  });

  it("uses OOMPAH_SECRET_KEY when set and never writes a key file", () => {
    const dataDir = join(tempDir(), "data");
    const key = randomBytes(32).toString("base64");
    const box = new SecretBox({ env: { OOMPAH_SECRET_KEY: key }, dataDir });
    const enc = box.encrypt("hello");
    expect(existsSync(join(dataDir, "secret.key"))).toBe(false);
    expect(
      new SecretBox({ env: { OOMPAH_SECRET_KEY: key }, dataDir: tempDir() }).decrypt(enc),
    ).toBe("hello");
  });

  it("rejects an OOMPAH_SECRET_KEY that is not 32 bytes", () => {
    const box = new SecretBox({ env: { OOMPAH_SECRET_KEY: "c2hvcnQ=" }, dataDir: tempDir() });
    expect(() => box.encrypt("x")).toThrow(
      expect.objectContaining({ code: "invalid_config_value" }),
    );
  });

  it("reports secret_unavailable for a wrong key or a tampered value, without the value in the message", () => {
    const a = new SecretBox({
      env: { OOMPAH_SECRET_KEY: randomBytes(32).toString("base64") },
      dataDir: tempDir(),
    });
    const b = new SecretBox({
      env: { OOMPAH_SECRET_KEY: randomBytes(32).toString("base64") },
      dataDir: tempDir(),
    });
    const enc = a.encrypt("top-secret-value");
    const r = b.tryDecrypt(enc);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("secret_unavailable");
      expect(r.error.message).not.toContain("top-secret");
    }
    const [, iv, body] = enc.split(":");
    const flipped = Buffer.from(body!, "base64");
    flipped[0] = flipped[0]! ^ 0xff;
    expect(() => a.decrypt(`v1:${iv}:${flipped.toString("base64")}`)).toThrow(
      expect.objectContaining({ code: "secret_unavailable" }),
    );
    expect(() => a.decrypt("plain-text")).toThrow(
      expect.objectContaining({ code: "secret_unavailable" }),
    );
  });
});
