/**
 * Browser and network protections of §19.2 as middleware factories. Options
 * come from a getter so a hot-reloaded config applies to the next request.
 * Requests on the Unix socket skip the Host and Origin checks (§17.1): only
 * local processes with file access can reach it. No CORS header is ever set.
 */
import { createMiddleware } from "hono/factory";
import type { MiddlewareHandler } from "hono";
import { OompahError } from "../domain/errors.js";
import type { AuthMode } from "./auth.js";
import { readLimitedBody } from "./body.js";
import type { AppEnv, HttpSecurityOptions } from "./context.js";
import { hostAllowed, originAllowed } from "./host-origin.js";

export type { AuthContext, Authenticate, HttpSecurityOptions } from "./context.js";
export { hostAllowed, originAllowed } from "./host-origin.js";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** True for methods that change state (Origin, CSRF-header and body rules apply). */
export function isMutating(method: string): boolean {
  return MUTATING.has(method.toUpperCase());
}

/** 403 `host_not_allowed` unless the Host header names this server. */
export function hostCheck(security: () => HttpSecurityOptions): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.env?.transport !== "unix") {
      const host = c.req.header("host") ?? new URL(c.req.url).host;
      if (!hostAllowed(host, security())) {
        throw new OompahError("host_not_allowed", "The Host header does not name this server", {
          hint: "Add the host name to server.allowed_hosts",
        });
      }
    }
    await next();
  });
}

/** 403 `origin_not_allowed` for a foreign Origin on mutating requests and WebSocket upgrades. */
export function originCheck(security: () => HttpSecurityOptions): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header("origin");
    const upgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
    if (
      c.env?.transport !== "unix" &&
      origin !== undefined &&
      (isMutating(c.req.method) || upgrade)
    ) {
      if (!originAllowed(origin, security())) {
        throw new OompahError("origin_not_allowed", "Cross-origin requests are not allowed", {
          hint: "Add the origin to server.allowed_origins",
        });
      }
    }
    await next();
  });
}

/**
 * Identifies the caller (401/403/429) and, for cookie sessions, requires
 * `X-Oompah-Client: web` on mutating requests so that no other page can
 * ride on the browser's cookie.
 */
export function authGate(mode: AuthMode): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (mode === "public") {
      const loopback = c.var.authService.tokenConfigured() ? "anonymous" : "anonymous-loopback";
      c.set("auth", { kind: loopback });
      c.set("viaCookie", false);
    } else {
      const { auth, viaCookie } = await c.var.authService.resolve(c, mode);
      if (viaCookie && isMutating(c.req.method) && c.req.header("x-oompah-client") !== "web") {
        throw new OompahError(
          "forbidden",
          "Cookie-authenticated changes must send X-Oompah-Client: web",
        );
      }
      c.set("auth", auth);
      c.set("viaCookie", viaCookie);
    }
    await next();
  });
}

/** 415 for an unaccepted media type, 413 past the limit; stores the body as `rawBody`. */
export function bodyGuard(
  route: { contentTypes: readonly string[]; maxBodyBytes: number | undefined },
  security: () => HttpSecurityOptions,
): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const limit = route.maxBodyBytes ?? security().maxBodyBytes;
    c.set("rawBody", await readLimitedBody(c.req.raw, { limit, contentTypes: route.contentTypes }));
    await next();
  });
}
