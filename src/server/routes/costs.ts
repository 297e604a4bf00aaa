/**
 * `GET /api/v1/costs` (SPEC §13.4): ledger totals grouped by one dimension,
 * most expensive first, with the grand total of the same filter so a client
 * can check that the groups add up.
 */
import { z } from "zod";
import { defineRoute, type RouteDefinition } from "../route.js";

export const COST_GROUPS = [
  "profile",
  "focus",
  "model",
  "provider",
  "project",
  "issue",
  "day",
] as const;
export type CostGroup = (typeof COST_GROUPS)[number];

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "an ISO date or date-time");

export const CostsQuerySchema = z.object({
  group_by: z.enum(COST_GROUPS).default("model"),
  since: iso.optional().describe("Inclusive lower bound on the row time"),
  until: iso.optional().describe("Exclusive upper bound on the row time"),
  project_id: z.string().min(1).optional(),
});
export type CostsQuery = z.output<typeof CostsQuerySchema>;

const Totals = z.object({
  input_tokens: z.number(),
  cached_input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: z.number(),
  runs: z.number().describe("Distinct runs contributing"),
});

export const CostReportSchema = z.object({
  group_by: z.enum(COST_GROUPS),
  since: z.string().nullable(),
  until: z.string().nullable(),
  rows: z.array(
    Totals.extend({ key: z.string().nullable().describe("null when unset on the rows") }),
  ),
  total: Totals,
});
export type CostReport = z.input<typeof CostReportSchema>;

export interface CostsApi {
  costs(q: CostsQuery): Promise<CostReport>;
}

export function costRoutes(api: CostsApi): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/costs",
      summary: "Cost report grouped by profile, focus, model, provider, project, issue or day",
      tags: ["budget"],
      request: { query: CostsQuerySchema },
      responses: { 200: CostReportSchema },
      handler: async ({ query }) => ({ status: 200, body: await api.costs(query) }),
    }),
  ];
}
