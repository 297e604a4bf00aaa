/**
 * A small ServiceApi fake and an app factory for HTTP tests: core routes plus
 * a few probe routes that exercise validation, run tokens and error mapping.
 */
import { z } from "zod";
import { OompahError } from "../../../src/domain/errors.js";
import { createHttpApp } from "../../../src/server/app.js";
import type { AuthContext, HttpSecurityOptions } from "../../../src/server/context.js";
import { defineRoute } from "../../../src/server/route.js";
import type { RouteDefinition } from "../../../src/server/route.js";
import { coreRoutes } from "../../../src/server/routes/core.js";
import type { ServiceApi, StateSnapshot } from "../../../src/server/service-api.js";

export const PORT = 4567;
export const BASE = `http://127.0.0.1:${PORT}`;
export const TOKEN = "test-api-token-0123456789abcdef";
export const RUN_TOKEN = "ort_run-token-for-run-1";

export function snapshot(): StateSnapshot {
  return {
    version: "0.1.0-test",
    epoch: "epoch-1",
    started_at: "2025-01-01T00:00:00.000Z",
    paused: { manual: false, reason: null, budget: false },
    config: {
      path: "/tmp/WORKFLOW.md",
      hash: "abc",
      loaded_at: "2025-01-01T00:00:00.000Z",
      last_error: null,
    },
    counts: { running: 1, retrying: 0, candidates: 2 },
    running: [
      {
        run_id: "run-1",
        project_id: "proj-1",
        issue_id: "7",
        identifier: "OOM-7",
        model: "gpt-test",
        profile: "default",
        focus: "general",
        input_tokens: 10,
        output_tokens: 5,
        cost_usd: 0.01,
        last_event_at: "2025-01-01T00:01:00.000Z",
      },
    ],
    retrying: [],
    budget: {
      limit: 0,
      window: "total",
      window_start: "2025-01-01T00:00:00.000Z",
      spent: 0.01,
      remaining: null,
      exceeded: false,
      timezone: "UTC",
      per_issue_cap: 0,
    },
    totals: { input_tokens: 10, output_tokens: 5, cost_usd: 0.01, seconds_running: 60 },
    alerts: [],
    projects: [
      {
        id: "proj-1",
        name: "sample",
        status: "ready",
        paused: false,
        webhooks: { forwarding: false, degraded: false },
      },
    ],
    cooldowns: [],
    orphaned_in_progress: [],
  };
}

export class FakeService implements ServiceApi {
  refreshes = 0;
  health() {
    return { status: "ok" as const, version: "0.1.0-test", epoch: "epoch-1", uptime_s: 3 };
  }
  state(): Promise<StateSnapshot> {
    return Promise.resolve(snapshot());
  }
  config(): unknown {
    return { server: { api_token: { secret: true, source: "env:OOMPAH_API_TOKEN" } } };
  }
  refresh(): void {
    this.refreshes += 1;
  }
}

/** Probe routes: validation, run-token access, error mapping, a non-JSON media type. */
export function probeRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: "POST",
      path: "/api/v1/things/:tid",
      summary: "Create a thing",
      request: {
        params: z.object({ tid: z.string().regex(/^t-\d+$/, "must look like t-<number>") }),
        query: z.object({ limit: z.coerce.number().int().max(100).optional() }),
        body: z.object({
          title: z.string().min(1),
          priority: z.number().int().min(0).max(4).optional(),
        }),
      },
      responses: {
        201: z.object({ id: z.string(), title: z.string(), limit: z.number().nullable() }),
      },
      handler: ({ params, query, body }) => ({
        status: 201,
        body: { id: params.tid, title: body.title, limit: query.limit ?? null },
      }),
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/whoami",
      summary: "Echo the caller",
      auth: "run-token-ok",
      responses: { 200: z.object({ kind: z.string(), runId: z.string().optional() }) },
      handler: ({ auth }) => ({ status: 200, body: { kind: auth.kind, runId: auth.runId } }),
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/boom/:kind",
      summary: "Fail on purpose",
      responses: { 200: z.object({ ok: z.boolean() }) },
      handler: ({ params }) => {
        if (params.kind === "missing") throw new OompahError("issue_not_found", "No issue 7");
        const leaky = { ok: true, secret: "s3cr3t" };
        if (params.kind === "leak") return { status: 200, body: leaky };
        throw new Error("database exploded at /var/secret/path");
      },
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/hooks/text",
      summary: "Accepts text bodies",
      auth: "public",
      contentTypes: ["text/plain"],
      maxBodyBytes: 64,
      responses: { 202: z.object({ bytes: z.number() }) },
      handler: ({ rawBody }) => ({ status: 202, body: { bytes: rawBody?.byteLength ?? 0 } }),
    }),
  ];
}

export function securityOptions(over: Partial<HttpSecurityOptions> = {}): HttpSecurityOptions {
  return {
    host: "127.0.0.1",
    port: PORT,
    apiToken: null,
    allowedHosts: [],
    allowedOrigins: [],
    maxBodyBytes: 1024,
    sessionSecret: Buffer.from("0123456789abcdef0123456789abcdef"),
    ...over,
  };
}

export function makeApp(
  over: Partial<HttpSecurityOptions> = {},
  extra: { now?: () => number; authenticate?: (t: string) => Promise<AuthContext | null> } = {},
) {
  const service = new FakeService();
  const security = securityOptions(over);
  const errors: Array<{ obj: object; msg: string }> = [];
  const app = createHttpApp({
    routes: [...coreRoutes(service), ...probeRoutes()],
    security: () => security,
    authenticate: extra.authenticate,
    now: extra.now,
    logger: { warn: () => undefined, error: (obj, msg) => errors.push({ obj, msg }) },
  });
  const request = (path: string, init: RequestInit = {}, env?: object) =>
    app.request(`${BASE}${path}`, init, env);
  return { app, service, security, errors, request };
}

/** JSON POST init with the headers a same-origin dashboard would send. */
export function json(
  body: unknown,
  headers: Record<string, string> = {},
  method = "POST",
): RequestInit {
  return {
    method,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  };
}
