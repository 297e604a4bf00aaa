/**
 * Run endpoints (SPEC §17.2): history with filters and a `before` cursor,
 * detail, the bounded activity stream (`after=<n>`), operator cancel
 * (outcome `cancelled_by_operator`: the issue moves to Needs Human with a
 * `What to do:` comment), and the agent signals `finish` / `question`, which
 * only the run's own token may send (§19.3).
 */
import { z } from "zod";
import { OompahError } from "../../domain/errors.js";
import { RUN_OUTCOMES } from "../../domain/run-outcome.js";
import type { RunSignal } from "../../orchestrator/run-signals.js";
import type { AuthContext } from "../context.js";
import { defineRoute, type RouteDefinition } from "../route.js";
import {
  ActivityEntrySchema,
  FinishBodySchema,
  QuestionBodySchema,
  RunSchema,
  SignalAcceptedSchema,
  type ActivityEntry,
  type RunWire,
} from "./run-schemas.js";

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
  /** Hands an agent signal to the run's session; throws `run_not_found`, or `conflict` when it is not running. */
  signal(runId: string, signal: RunSignal): Promise<void>;
}

const tags = ["runs"];
const RunId = z.object({ run_id: z.string().min(1) });
const count = (max: number) => z.coerce.number().int().min(0).max(max);

/** Only the run's own token may signal it (§19.3): operator credentials and other runs' tokens are refused. */
function checkOwnRun(auth: AuthContext, runId: string): void {
  if (auth.kind !== "run")
    throw new OompahError("forbidden", "only the run's own token may signal it", {
      hint: "agents call oompah task finish|ask inside the run; operators cancel with POST /api/v1/runs/{run_id}/cancel",
    });
  if (auth.runId !== runId)
    throw new OompahError("forbidden", `this run token belongs to another run, not ${runId}`, {
      hint: "use OOMPAH_RUN_ID of the run the token was issued to",
    });
}

/** `POST /api/v1/runs/{run_id}/<signal>`: hands the agent's signal to the run's session. */
function signalRoute<T>(
  api: RunsApi,
  o: {
    signal: RunSignal["kind"];
    summary: string;
    description: string;
    body: z.ZodType<T>;
    toSignal: (body: T) => RunSignal;
  },
): RouteDefinition {
  return defineRoute({
    method: "POST",
    path: `/api/v1/runs/:run_id/${o.signal}`,
    summary: o.summary,
    description: o.description,
    tags,
    auth: "run-token-ok",
    request: { params: RunId, body: o.body },
    responses: { 202: SignalAcceptedSchema },
    handler: async ({ params, body, auth }) => {
      checkOwnRun(auth, params.run_id);
      await api.signal(params.run_id, o.toSignal(body));
      return { status: 202, body: { run_id: params.run_id, signal: o.signal } };
    },
  });
}

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
    signalRoute(api, {
      signal: "finish",
      summary: "Agent signal: the run is finished (run token only)",
      description:
        "Ends the running session like the `finish` tool: changes are delivered with the summary as completion comment and commit body; `no_changes_needed` yields outcome no_changes (§7.6).",
      body: FinishBodySchema,
      toSignal: (body) => ({
        kind: "finish",
        summary: body.summary,
        no_changes_needed: body.no_changes_needed ?? false,
      }),
    }),
    signalRoute(api, {
      signal: "question",
      summary: "Agent signal: a question for a human (run token only)",
      description:
        "Ends the running session like the `ask_question` tool: the issue moves to Needs Answer with the question comment (§7.6).",
      body: QuestionBodySchema,
      toSignal: (body) => ({ kind: "question", question: body.question }),
    }),
  ];
}
