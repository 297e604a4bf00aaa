/**
 * Cost reports over the ledger (SPEC §13.4): `GET /api/v1/costs` groups the
 * rows by one dimension — or by UTC day or hour for a spend-over-time chart —
 * most expensive first, with the grand total of the same filter so a client
 * can check that the groups add up; `GET /api/v1/runs/{id}/costs` lists one
 * run's usage events turn by turn. Rows priced with `agent.unknown_model_price`
 * are counted per group (`fallback_events`) so a report can flag estimates.
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
  "hour",
] as const;
export type CostGroup = (typeof COST_GROUPS)[number];

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "an ISO date or date-time");

export const CostsQuerySchema = z.object({
  group_by: z.enum(COST_GROUPS).default("model"),
  since: iso.optional().describe("Inclusive lower bound on the row time"),
  until: iso.optional().describe("Exclusive upper bound on the row time"),
  project_id: z.string().min(1).optional(),
  kind: z
    .enum(["run", "console"])
    .optional()
    .describe("Only agent runs or only console turns (default both)"),
  billable_only: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional()
    .describe("Only rows that count toward the budget (not subscription-billed, not free)"),
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
    Totals.extend({
      key: z
        .string()
        .nullable()
        .describe(
          "null when unset on the rows; `YYYY-MM-DD` (UTC) for day, `YYYY-MM-DDTHH:00:00.000Z` for hour",
        ),
      fallback_events: z
        .number()
        .int()
        .describe("Usage events priced with agent.unknown_model_price (price_source=fallback)"),
    }),
  ),
  total: Totals,
});
export type CostReport = z.input<typeof CostReportSchema>;

/** One usage event of a run as the ledger recorded it (§13.1). */
export const RunCostEntrySchema = z.object({
  ts: z.string().describe("ISO 8601"),
  input_tokens: z.number(),
  cached_input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: z.number(),
  price_source: z
    .string()
    .describe(
      "Where the price came from (§9.5); fallback = the model has no known price and agent.unknown_model_price was used",
    ),
  billable: z.boolean(),
});

export const RunCostsSchema = z.object({
  run_id: z.string(),
  model: z.string().nullable(),
  entries: z.array(RunCostEntrySchema).describe("Oldest first; one per usage event (≈ turn)"),
  total: Totals,
});
export type RunCosts = z.input<typeof RunCostsSchema>;

export interface CostsApi {
  costs(q: CostsQuery): Promise<CostReport>;
  /** Throws `run_not_found`. */
  runCosts(runId: string): Promise<RunCosts>;
}

const tags = ["budget"];

export function costRoutes(api: CostsApi): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/costs",
      summary:
        "Cost report grouped by profile, focus, model, provider, project, issue, day or hour",
      tags,
      request: { query: CostsQuerySchema },
      responses: { 200: CostReportSchema },
      handler: async ({ query }) => ({ status: 200, body: await api.costs(query) }),
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/runs/:run_id/costs",
      summary: "A run's usage events with tokens, cost and price source, turn by turn",
      tags,
      request: { params: z.object({ run_id: z.string().min(1) }) },
      responses: { 200: RunCostsSchema },
      handler: async ({ params }) => ({ status: 200, body: await api.runCosts(params.run_id) }),
    }),
  ];
}
