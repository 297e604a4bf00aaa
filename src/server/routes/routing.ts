/**
 * `GET /api/v1/projects/{pid}/issues/{iid}/routing`: how the issue would be
 * routed right now (focus scores, profile, provider, model, backend and
 * fallback warnings) without dispatching it. Used by `oompah route` and the
 * dashboard's issue drawer; the explanation itself is the pure
 * `explainRouting`.
 */
import { z } from "zod";
import type { AgentProfile } from "../../config/profile-schema.js";
import type { Focus } from "../../domain/focus.js";
import type { Issue } from "../../domain/issue.js";
import type { Provider } from "../../domain/provider.js";
import { explainRouting } from "../../domain/routing-explanation.js";
import { defineRoute, type RouteDefinition } from "../route.js";
import { FocusScoreSchema } from "./foci.js";

export interface RoutingRouteDeps {
  /** The issue, or throws `not_found` / `project_not_found`. */
  getIssue: (projectId: string, issueId: string) => Promise<Issue>;
  /** The project's provider pin (SPEC §9.4), when projects are known. */
  getProject?: (projectId: string) => Promise<{ provider_id?: string | null } | null>;
  foci: () => readonly Focus[];
  profiles: () => readonly AgentProfile[];
  providers: () => readonly Provider[];
}

export const RoutingExplanationSchema = z.object({
  issue: z.object({
    id: z.string(),
    identifier: z.string(),
    project_id: z.string(),
    title: z.string(),
    type: z.string(),
    priority: z.number().nullable(),
    state: z.string(),
    labels: z.array(z.string()),
  }),
  focus: z.object({
    selected: z.string(),
    role: z.string(),
    reason: z.string().describe("score, fallback or state:<status>"),
    scores: z.array(FocusScoreSchema),
  }),
  profile: z.object({
    selected: z.string(),
    score: z.number(),
    implicit: z.boolean(),
    escalated: z.boolean(),
    scores: z.array(z.object({ name: z.string(), score: z.number().nullable() })),
  }),
  resolution: z.discriminatedUnion("ok", [
    z.object({
      ok: z.literal(true),
      provider: z.object({ id: z.string(), name: z.string() }),
      provider_source: z.enum(["focus", "profile", "project", "only", "default"]),
      model: z.string().nullable(),
      model_source: z.string().nullable(),
      backend: z.string(),
    }),
    z.object({
      ok: z.literal(false),
      code: z.literal("no_provider"),
      alert: z.enum(["no_providers", "provider_ambiguous"]),
    }),
  ]),
  warnings: z.array(
    z.object({ code: z.string(), message: z.string(), path: z.string().optional() }),
  ),
});

export function routingRoutes(deps: RoutingRouteDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/projects/:pid/issues/:iid/routing",
      summary: "Explain how an issue would be routed, without dispatching it",
      tags: ["issues"],
      request: { params: z.object({ pid: z.string().min(1), iid: z.string().min(1) }) },
      responses: { 200: RoutingExplanationSchema },
      handler: async ({ params }) => {
        const issue = await deps.getIssue(params.pid, params.iid);
        const project = deps.getProject ? await deps.getProject(params.pid) : null;
        const body = explainRouting({
          issue,
          foci: deps.foci(),
          profiles: deps.profiles(),
          providers: deps.providers(),
          project,
        });
        return { status: 200, body };
      },
    }),
  ];
}
