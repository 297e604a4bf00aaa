/**
 * Credential checks (§19.2): the API token as a bearer, the session cookie,
 * or — through the `authenticate` hook — run tokens (§19.3). Without a
 * configured token every caller is `anonymous-loopback` with operator rights,
 * but a bearer that is presented must still be valid, so an expired run token
 * stops working. Wrong credentials feed the per-address failure limiter.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { OompahError } from "../domain/errors.js";
import { peerAddress } from "./context.js";
import type { AppEnv, AuthContext, Authenticate, HttpSecurityOptions } from "./context.js";
import { createFailureLimiter } from "./rate-limit.js";
import type { FailureLimiter } from "./rate-limit.js";
import { DEFAULT_SESSION_TTL_MS, SESSION_COOKIE, SessionSigner, safeEqual } from "./session.js";

/** Who may call a route: anyone, operators only, or operators and run tokens. */
export type AuthMode = "public" | "operator" | "run-token-ok";

export interface ResolvedAuth {
  auth: AuthContext;
  viaCookie: boolean;
}

const unauthorized = (): OompahError =>
  new OompahError("unauthorized", "Missing or invalid credentials", {
    hint: "Send Authorization: Bearer <api token> or log in with POST /api/v1/session",
  });

/** One per app: owns the failure limiter and the session signer. */
export class AuthService {
  private readonly limiter: FailureLimiter;
  private readonly sessions: SessionSigner;

  constructor(
    private readonly deps: {
      security: () => HttpSecurityOptions;
      authenticate?: Authenticate;
      now: () => number;
    },
  ) {
    this.limiter = createFailureLimiter({ max: 10, windowMs: 60_000, now: deps.now });
    this.sessions = new SessionSigner(deps.now);
  }

  tokenConfigured(): boolean {
    return this.deps.security().apiToken !== null;
  }

  /** Identifies the caller of a non-public route; throws 401/403/429 OompahErrors. */
  async resolve(c: Context<AppEnv>, mode: Exclude<AuthMode, "public">): Promise<ResolvedAuth> {
    const opts = this.deps.security();
    const authorization = c.req.header("authorization");
    const cookie = opts.apiToken === null ? undefined : getCookie(c, SESSION_COOKIE);
    if (authorization === undefined && cookie === undefined) {
      if (opts.apiToken === null) return { auth: { kind: "anonymous-loopback" }, viaCookie: false };
      throw unauthorized();
    }
    const address = peerAddress(c.env);
    this.checkRate(address);
    const resolved =
      authorization !== undefined
        ? await this.fromBearer(authorization, opts)
        : this.fromCookie(cookie ?? "", opts.apiToken ?? "", opts);
    if (resolved === null) {
      this.limiter.recordFailure(address);
      throw unauthorized();
    }
    if (mode === "operator" && resolved.auth.kind === "run") {
      throw new OompahError("forbidden", "Run tokens may not call this route");
    }
    return resolved;
  }

  /** `POST /api/v1/session`: checks the token and sets the session cookie. */
  login(c: Context<AppEnv>, token: string): { expiresAt: number } | null {
    const opts = this.deps.security();
    if (opts.apiToken === null) return null;
    const address = peerAddress(c.env);
    this.checkRate(address);
    if (!safeEqual(token, opts.apiToken)) {
      this.limiter.recordFailure(address);
      throw unauthorized();
    }
    const ttl = opts.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
    const session = this.sessions.issue(
      { secret: opts.sessionSecret, apiToken: opts.apiToken },
      ttl,
    );
    setCookie(c, SESSION_COOKIE, session.value, {
      path: "/",
      httpOnly: true,
      sameSite: "Strict",
      secure: opts.secureCookies === true,
      maxAge: Math.floor(ttl / 1000),
    });
    return { expiresAt: session.expiresAt };
  }

  /** `DELETE /api/v1/session`: revokes the presented session and clears the cookie. */
  logout(c: Context<AppEnv>): void {
    const opts = this.deps.security();
    const value = getCookie(c, SESSION_COOKIE);
    if (value !== undefined && opts.apiToken !== null) {
      this.sessions.revoke({ secret: opts.sessionSecret, apiToken: opts.apiToken }, value);
    }
    deleteCookie(c, SESSION_COOKIE, {
      path: "/",
      httpOnly: true,
      sameSite: "Strict",
      secure: opts.secureCookies === true,
    });
  }

  private checkRate(address: string): void {
    const wait = this.limiter.retryAfter(address);
    if (wait > 0) {
      throw new OompahError("rate_limited", "Too many failed authentication attempts", {
        hint: `Retry in ${wait} s`,
        details: { retry_after_s: wait },
      });
    }
  }

  private async fromBearer(
    header: string,
    opts: HttpSecurityOptions,
  ): Promise<ResolvedAuth | null> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    if (token === undefined) return null;
    if (opts.apiToken !== null && safeEqual(token, opts.apiToken)) {
      return { auth: { kind: "operator" }, viaCookie: false };
    }
    const auth = this.deps.authenticate === undefined ? null : await this.deps.authenticate(token);
    return auth === null ? null : { auth, viaCookie: false };
  }

  private fromCookie(
    value: string,
    apiToken: string,
    opts: HttpSecurityOptions,
  ): ResolvedAuth | null {
    const session = this.sessions.verify({ secret: opts.sessionSecret, apiToken }, value);
    return session === null ? null : { auth: { kind: "operator" }, viaCookie: true };
  }
}
