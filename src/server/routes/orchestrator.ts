/**
 * Orchestrator controls (SPEC §17.2): the persisted manual pause and
 * dispatch-now. Dispatch-now answers 409 with the first failing eligibility
 * rule as `skip_reason` (top level and in the error details) when the issue
 * is not eligible.
 */
import { z } from "zod";
import { ErrorEnvelopeSchema } from "../errors.js";
import { defineRoute, type RouteDefinition } from "../route.js";
import { RunSchema, type RunWire } from "./run-schemas.js";

export interface PauseView {
  manual: boolean;
  reason: string | null;
  at: string | null;
}

export interface OrchestratorApi {
  pause(reason: string | null): Promise<PauseView>;
  resume(): Promise<PauseView>;
  dispatch(
    projectRef: string,
    issueId: string,
  ): Promise<{ ok: true; run: RunWire } | { ok: false; skip_reason: string }>;
}

const tags = ["orchestrator"];
const PauseSchema = z.object({
  paused: z.object({
    manual: z.boolean(),
    reason: z.string().nullable(),
    at: z.string().nullable(),
  }),
});

export function orchestratorRoutes(api: OrchestratorApi): RouteDefinition[] {
  return [
    defineRoute({
      method: "POST",
      path: "/api/v1/orchestrator/pause",
      summary: "Pause dispatch (persisted; reconciliation keeps running)",
      tags,
      request: {
        body: z.object({ reason: z.string().trim().max(500).nullable().optional() }).optional(),
      },
      responses: { 200: PauseSchema },
      handler: async ({ body }) => ({
        status: 200,
        body: { paused: await api.pause(body?.reason || null) },
      }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/orchestrator/resume",
      summary: "Resume dispatch",
      tags,
      responses: { 200: PauseSchema },
      handler: async () => ({ status: 200, body: { paused: await api.resume() } }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/orchestrator/dispatch/:pid/:iid",
      summary: "Dispatch an issue now if eligible, ignoring sort order",
      tags,
      request: { params: z.object({ pid: z.string().min(1), iid: z.string().min(1) }) },
      responses: {
        201: z.object({ run: RunSchema }),
        409: ErrorEnvelopeSchema.extend({ skip_reason: z.string() }),
      },
      handler: async ({ params }) => {
        const r = await api.dispatch(params.pid, params.iid);
        if (r.ok) return { status: 201, body: { run: r.run } };
        return {
          status: 409,
          body: {
            skip_reason: r.skip_reason,
            error: {
              code: "not_eligible",
              message: `the issue is not eligible for dispatch: ${r.skip_reason}`,
              details: { skip_reason: r.skip_reason },
            },
          },
        };
      },
    }),
  ];
}
