/**
 * Run endpoints (SPEC §17.2): history with filters and a `before` cursor,
 * detail, the bounded activity stream (`after=<n>`), and operator cancel
 * (outcome `cancelled_by_operator`: the issue moves to Needs Human with a
 * `What to do:` comment).
 */
import { z } from "zod";
import { RUN_OUTCOMES } from "../../domain/run-outcome.js";
import { defineRoute, type RouteDefinition } from "../route.js";
import { ActivityEntrySchema, RunSchema, type ActivityEntry, type RunWire } from "./run-schemas.js";

export interface RunFilter {
  project_id?: string;
  issue_id?: string;
  outcome?: (typeof RUN_OUTCOMES)[number];
  limit?: number;
  before?: string;
}

/** What the run routes need (the composition root implements it over store and dispatcher). */
export interface RunsApi {
  list(filter: RunFilter): Promise<RunWire[]>;
  /** Throws `run_not_found`. */
  get(runId: string): Promise<RunWire>;
  activity(runId: string, after: number, limit: number): Promise<ActivityEntry[]>;
  /** Throws `run_not_found`, or `conflict` when the run is not active here. */
  cancel(runId: string): Promise<RunWire>;
}

const tags = ["runs"];
const RunId = z.object({ run_id: z.string().min(1) });
const count = (max: number) => z.coerce.number().int().min(0).max(max);

export function runRoutes(api: RunsApi): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/runs",
      summary: "Run history, newest first",
      tags,
      request: {
        query: z.object({
          project_id: z.string().min(1).optional(),
          issue_id: z.string().min(1).optional(),
          outcome: z.enum(RUN_OUTCOMES).optional(),
          limit: count(500).optional().describe("Default 50"),
          before: z.string().min(1).optional().describe("Only runs started before this ISO time"),
        }),
      },
      responses: { 200: z.object({ runs: z.array(RunSchema) }) },
      handler: async ({ query }) => {
        const filter: RunFilter = {};
        if (query.project_id !== undefined) filter.project_id = query.project_id;
        if (query.issue_id !== undefined) filter.issue_id = query.issue_id;
        if (query.outcome !== undefined) filter.outcome = query.outcome;
        if (query.limit !== undefined) filter.limit = query.limit;
        if (query.before !== undefined) filter.before = query.before;
        return { status: 200, body: { runs: await api.list(filter) } };
      },
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/runs/:run_id",
      summary: "Run detail",
      tags,
      request: { params: RunId },
      responses: { 200: RunSchema },
      handler: async ({ params }) => ({ status: 200, body: await api.get(params.run_id) }),
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/runs/:run_id/activity",
      summary: "One page of the run's activity stream",
      tags,
      request: {
        params: RunId,
        query: z.object({
          after: count(Number.MAX_SAFE_INTEGER).optional().describe("Entries after this n"),
          limit: count(2000).optional().describe("Default 500"),
        }),
      },
      responses: {
        200: z.object({ entries: z.array(ActivityEntrySchema), next: z.number().int() }),
      },
      handler: async ({ params, query }) => {
        await api.get(params.run_id);
        const after = query.after ?? 0;
        const entries = await api.activity(params.run_id, after, query.limit ?? 500);
        return { status: 200, body: { entries, next: entries.at(-1)?.n ?? after } };
      },
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/runs/:run_id/cancel",
      summary: "Operator cancel: the issue moves to Needs Human",
      tags,
      request: { params: RunId },
      responses: { 200: RunSchema },
      handler: async ({ params }) => ({ status: 200, body: await api.cancel(params.run_id) }),
    }),
  ];
}
