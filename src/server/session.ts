/**
 * Dashboard session cookies (§19.2). The cookie holds a random session id and
 * its expiry, HMAC-signed with the session secret and a fingerprint of the API
 * token — never the token itself — so rotating the token ends every session.
 * Logout revokes the id in memory until it would have expired anyway.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "oompah_session";
export const DEFAULT_SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Constant-time string equality that also hides the length of the expected value. */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

interface Keys {
  secret: Buffer;
  apiToken: string;
}

function sign(keys: Keys, payload: string): string {
  const fingerprint = createHash("sha256").update(keys.apiToken).digest("base64url");
  return createHmac("sha256", keys.secret).update(`${fingerprint}|${payload}`).digest("base64url");
}

/** Issues, verifies and revokes signed session values. */
export class SessionSigner {
  private readonly revoked = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  issue(keys: Keys, ttlMs: number): { value: string; expiresAt: number } {
    const expiresAt = this.now() + ttlMs;
    const payload = `${randomBytes(18).toString("base64url")}.${expiresAt.toString(36)}`;
    return { value: `${payload}.${sign(keys, payload)}`, expiresAt };
  }

  /** The session id when the value is authentic, unexpired and not revoked. */
  verify(keys: Keys, value: string): { id: string; expiresAt: number } | null {
    const parts = value.split(".");
    if (parts.length !== 3) return null;
    const [id = "", exp = "", mac = ""] = parts;
    if (!safeEqual(mac, sign(keys, `${id}.${exp}`))) return null;
    const expiresAt = parseInt(exp, 36);
    if (!Number.isFinite(expiresAt) || expiresAt <= this.now()) return null;
    if (this.revoked.has(id)) return null;
    return { id, expiresAt };
  }

  revoke(keys: Keys, value: string): void {
    const session = this.verify(keys, value);
    if (session === null) return;
    const now = this.now();
    for (const [id, exp] of this.revoked) if (exp <= now) this.revoked.delete(id);
    this.revoked.set(session.id, session.expiresAt);
  }
}
