/**
 * Builds the oompah HTTP application from route definitions. The result is a
 * plain Hono app speaking Web Request/Response, testable with `app.request()`;
 * `node.ts` binds it to TCP or the Unix socket.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { OompahError } from "../domain/errors.js";
import { AuthService } from "./auth.js";
import type { AppEnv, Authenticate, HttpLogger, HttpSecurityOptions } from "./context.js";
import { renderError } from "./errors.js";
import { registerRoutes, unmatched } from "./register.js";
import type { RouteDefinition } from "./route.js";
import { hostCheck, originCheck } from "./security.js";

export interface HttpAppOptions {
  routes: readonly RouteDefinition[];
  security: () => HttpSecurityOptions;
  /** Resolves bearer tokens other than the API token (run tokens, §19.3). */
  authenticate?: Authenticate;
  logger?: HttpLogger;
  /** Injected clock for the rate limiter and session expiry. */
  now?: () => number;
}

const HTTP_EXCEPTION_CODES: Readonly<Record<number, string>> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** Converts hono's own exceptions so they share the envelope. */
function normalize(err: Error): unknown {
  if (!(err instanceof HTTPException)) return err;
  const code = HTTP_EXCEPTION_CODES[err.status];
  return code === undefined ? err : new OompahError(code, err.message || code);
}

export function createHttpApp(opts: HttpAppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const authService = new AuthService({
    security: opts.security,
    authenticate: opts.authenticate,
    now: opts.now ?? Date.now,
  });

  app.use("*", async (c, next) => {
    c.set("authService", authService);
    c.set("routes", opts.routes);
    c.set("rawBody", null);
    await next();
  });
  app.use("*", hostCheck(opts.security), originCheck(opts.security));
  registerRoutes(app, opts.routes, opts.security, opts.logger);
  app.notFound(unmatched(opts.routes));
  app.onError((err, c) => {
    const { status, body, exposed } = renderError(normalize(err));
    if (!exposed) {
      opts.logger?.error(
        {
          err: {
            name: err.name,
            message: err.message,
            code: err instanceof OompahError ? err.code : undefined,
          },
        },
        `unhandled error on ${c.req.method} ${c.req.path}`,
      );
    }
    const headers: Record<string, string> = {};
    const retryAfter = body.error.details?.retry_after_s;
    if (status === 429 && typeof retryAfter === "number")
      headers["Retry-After"] = String(retryAfter);
    if (status === 413) headers.Connection = "close";
    return c.json(body, status as ContentfulStatusCode, headers);
  });
  return app;
}
