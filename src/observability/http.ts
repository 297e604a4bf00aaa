/**
 * HTTP side of the metrics: `oompah_http_requests_total{route, status}` and
 * `GET /metrics`. The route label is the pattern of the route the app runs
 * (`/api/v1/projects/:pid`), never the raw path, so ids cannot explode the
 * label cardinality; requests no route matches share the label `unmatched`.
 *
 * The counting middleware sits on an outer app that delegates to the real one:
 * it then also sees the 401/403/404 answers that the security middleware
 * gives before any route runs.
 */
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../server/context.js";
import { authGate } from "../server/security.js";
import type { Metrics } from "./metrics.js";

/** Label for requests that no route matched. */
export const UNMATCHED_ROUTE = "unmatched";

/** Resolves the route pattern `app` would run for a method and path. */
export function routePatternOf(app: Hono<AppEnv>): (method: string, path: string) => string {
  return (method, path) => {
    const [matches] = app.router.match(method === "HEAD" ? "GET" : method, path);
    for (let i = matches.length - 1; i >= 0; i--) {
      const route = matches[i]?.[0][1];
      if (route !== undefined && route.method !== "ALL") return route.path;
    }
    return UNMATCHED_ROUTE;
  };
}

/** Counts every answered request by route pattern and status. */
export function httpMetrics(
  metrics: Pick<Metrics, "recordHttpRequest">,
  patternOf: (method: string, path: string) => string,
): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    metrics.recordHttpRequest(patternOf(c.req.method, c.req.path), c.res.status);
  });
}

/** Wraps `app` so every request passes through {@link httpMetrics}. */
export function withHttpMetrics(
  app: Hono<AppEnv>,
  metrics: Pick<Metrics, "recordHttpRequest">,
): Hono<AppEnv> {
  const outer = new Hono<AppEnv>();
  outer.use("*", httpMetrics(metrics, routePatternOf(app)));
  outer.all("*", (c) => app.fetch(c.req.raw, c.env));
  return outer;
}

/** Mounts `GET /metrics` (Prometheus text; operator credentials when a token is configured). */
export function mountMetricsRoute(app: Hono<AppEnv>, metrics: Metrics): void {
  app.get("/metrics", authGate("operator"), async (c) =>
    c.body(await metrics.render(), 200, { "content-type": metrics.contentType }),
  );
}
