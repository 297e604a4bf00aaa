/**
 * Mounts route definitions on the Hono app: auth, body guard, validation,
 * handler, then a check of the handler's result against the declared response
 * schema (which also strips undeclared fields, so nothing leaks by accident).
 * Also answers unmatched requests: 405 with `Allow` when the path exists under
 * other methods, 404 otherwise.
 */
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { TrieRouter } from "hono/router/trie-router";
import { OompahError } from "../domain/errors.js";
import { isJsonMediaType, mediaType, parseJsonBody } from "./body.js";
import type { AppEnv, HttpLogger, HttpSecurityOptions } from "./context.js";
import { errorResponse } from "./errors.js";
import type { RouteDefinition } from "./route.js";
import { authGate, bodyGuard } from "./security.js";

function queryOf(c: Context<AppEnv>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    out[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return out;
}

function bodyOf(c: Context<AppEnv>): unknown {
  const raw = c.get("rawBody");
  if (raw === null) return undefined;
  return isJsonMediaType(mediaType(c.req.header("content-type"))) ? parseJsonBody(raw) : undefined;
}

async function run(
  c: Context<AppEnv>,
  route: RouteDefinition,
  logger: HttpLogger | undefined,
): Promise<Response> {
  const result = await route.execute({
    params: c.req.param(),
    query: queryOf(c),
    body: bodyOf(c),
    auth: c.get("auth"),
    rawBody: c.get("rawBody"),
    c,
  });
  const schema = route.responses[result.status];
  const checked = schema?.safeParse(result.body);
  if (checked?.success !== true) {
    logger?.error(
      {
        route: `${route.method} ${route.path}`,
        status: result.status,
        issues: checked?.error.issues,
      },
      "handler result does not match the declared response schema",
    );
    throw new OompahError("internal_error", "response schema mismatch");
  }
  if (checked.data === undefined || result.status === 204) {
    return c.body(null, result.status as ContentfulStatusCode, result.headers);
  }
  return c.json(checked.data, result.status as ContentfulStatusCode, result.headers);
}

/** Registers every route; a duplicate method + path is a programming error. */
export function registerRoutes(
  app: Hono<AppEnv>,
  routes: readonly RouteDefinition[],
  security: () => HttpSecurityOptions,
  logger?: HttpLogger,
): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`duplicate route ${key}`);
    seen.add(key);
    app.on(route.method, route.path, authGate(route.auth), bodyGuard(route, security), (c) =>
      run(c, route, logger),
    );
  }
}

/** The methods registered for a request path (GET implies HEAD). */
export function allowedMethods(routes: readonly RouteDefinition[]): (path: string) => string[] {
  const router = new TrieRouter<string>();
  for (const route of routes) router.add(route.method, route.path, route.method);
  const methods = [...new Set(routes.map((r) => r.method))];
  return (path) => {
    const allowed = methods.filter((m) =>
      router.match(m, path)[0].some(([handler]) => handler === m),
    );
    return allowed.includes("GET") ? [...allowed, "HEAD"] : allowed;
  };
}

/** The not-found handler: 405 + Allow for known paths, 404 otherwise. */
export function unmatched(routes: readonly RouteDefinition[]): (c: Context<AppEnv>) => Response {
  const lookup = allowedMethods(routes);
  return (c) => {
    const allowed = lookup(c.req.path);
    if (allowed.length > 0) {
      return errorResponse(
        new OompahError("method_not_allowed", `${c.req.method} is not allowed on ${c.req.path}`, {
          details: { allowed },
        }),
        { Allow: allowed.join(", ") },
      );
    }
    return errorResponse(
      new OompahError("not_found", `No route for ${c.req.method} ${c.req.path}`),
    );
  };
}
