/**
 * Composition of the live channel and the metrics endpoint: the hub tailing
 * the store's event log (and streaming run activity to `runs:<id>`
 * subscribers), `/ws`, `GET /api/v1/events` and `GET /metrics`
 * mounted on the HTTP app, request counting around it, and the WebSocket
 * upgrade support the Node TCP listener needs. `app.ts` builds it after the
 * store and stops it before closing the listeners (open WebSockets would
 * otherwise keep the server from closing).
 */
import type { Hono } from "hono";
import type { Logger } from "../logging/logger.js";
import { mountMetricsRoute, withHttpMetrics } from "../observability/http.js";
import { Metrics } from "../observability/metrics.js";
import type { AppEnv } from "../server/context.js";
import { LiveHub } from "../server/live/hub.js";
import { mountLiveRoutes } from "../server/live/routes.js";
import type { LiveTiming } from "../server/live/timing.js";
import { createWebSocketSupport, type NodeWebSocketSupport } from "../server/node-ws.js";
import type { ServiceApi } from "../server/service-api.js";
import type { Store } from "../store/db.js";
import { VERSION } from "../version.js";

/** A board with issues grouped by status (the issues service's `board()`). */
export interface BoardLike {
  columns: readonly { status: string; issues: readonly { project_id: string }[] }[];
}

export interface LiveChannelDeps {
  store: Store;
  api: ServiceApi;
  logger: Logger;
  /** Board for snapshots and the `oompah_issues` gauge; omitted until an issues service exists. */
  board?: () => Promise<BoardLike>;
  timing?: Partial<LiveTiming>;
}

export interface LiveChannel {
  readonly hub: LiveHub;
  readonly metrics: Metrics;
  /**
   * Mounts the live and metrics routes on `app` and returns the app to serve
   * (counting requests) with the WebSocket support for `serveHttp`.
   */
  serve(app: Hono<AppEnv>): { app: Hono<AppEnv>; websocket: NodeWebSocketSupport };
  stop(): Promise<void>;
}

export function createLiveChannel(deps: LiveChannelDeps): LiveChannel {
  const log = deps.logger.child({ component: "live" });
  const onError = (err: unknown) =>
    log.error({ err: err instanceof Error ? err.message : String(err) }, "live channel error");
  const metrics = new Metrics({
    collect: async () => {
      const state = await deps.api.state();
      metrics.setRuntime({
        runsActive: state.counts.running,
        retriesPending: state.counts.retrying,
        budgetLimitUsd: state.budget.limit,
        budgetSpentUsd: state.budget.spent,
        budgetExceeded: state.budget.exceeded,
      });
      if (deps.board) recordIssueCounts(metrics, await deps.board());
    },
  });
  const hub = new LiveHub({
    store: deps.store,
    state: () => deps.api.state(),
    ...(deps.board ? { board: deps.board } : {}),
    refresh: () => deps.api.refresh(),
    serverVersion: VERSION,
    ...(deps.timing ? { timing: deps.timing } : {}),
    onError,
  });
  hub.start();
  // Activity entries are not events: they reach only clients subscribed to `runs:<id>`,
  // numbered like `GET /api/v1/runs/{id}/activity` so a client can page in what it missed.
  const stopActivity = deps.store.runActivity.subscribe((entries) => {
    for (const e of entries)
      hub.publishEphemeral(`runs:${e.run_id}`, "run_activity", {
        run_id: e.run_id,
        n: e.n,
        ts: e.ts,
        type: e.type,
        data: e.payload,
      });
  });
  let websocket: NodeWebSocketSupport | null = null;
  return {
    hub,
    metrics,
    serve(app) {
      mountMetricsRoute(app, metrics);
      const served = withHttpMetrics(app, metrics);
      websocket = createWebSocketSupport(served, { onError });
      mountLiveRoutes(app, { hub, upgrade: websocket.upgrade });
      return { app: served, websocket };
    },
    async stop() {
      stopActivity();
      await hub.stop();
      await websocket?.close();
      metrics.close();
    },
  };
}

function recordIssueCounts(metrics: Metrics, board: BoardLike): void {
  const counts = new Map<string, Record<string, number>>();
  for (const column of board.columns) {
    for (const issue of column.issues) {
      const perProject = counts.get(issue.project_id) ?? {};
      perProject[column.status] = (perProject[column.status] ?? 0) + 1;
      counts.set(issue.project_id, perProject);
    }
  }
  for (const [project, c] of counts) metrics.setIssueCounts(project, c);
}
