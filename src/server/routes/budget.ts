/**
 * Budget routes (SPEC §13.2–13.4, §17.2): the window's status, resetting it,
 * and the per-issue cost cap override. The numbers come from the ledger via
 * the budget module; these routes only validate and shape.
 */
import { z } from "zod";
import { defineRoute, type RouteDefinition } from "../route.js";
import { BudgetSchema } from "../state-schema.js";
import { IssueCostSchema } from "./issue-schemas.js";

/** `GET /api/v1/budget`. */
export const BudgetStatusSchema = BudgetSchema.extend({
  window_end: z
    .string()
    .nullable()
    .describe("Next window boundary (ISO); null for `total`, which ends only with a reset"),
});
export type BudgetStatusWire = z.input<typeof BudgetStatusSchema>;

/** The cost cap of one issue after `POST …/cost-cap`. */
export const CostCapSchema = IssueCostSchema.extend({
  project_id: z.string(),
  issue_id: z.string(),
});
export type CostCapWire = z.input<typeof CostCapSchema>;

export interface BudgetApi {
  status(): Promise<BudgetStatusWire>;
  /** Starts the window afresh and wakes the orchestrator. */
  reset(): Promise<BudgetStatusWire>;
  setCostCap(projectRef: string, issueId: string, limitUsd: number | null): Promise<CostCapWire>;
}

const tags = ["budget"];

export function budgetRoutes(api: BudgetApi): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/budget",
      summary: "Budget window status: limit, window, spent, remaining, exceeded",
      tags,
      responses: { 200: BudgetStatusSchema },
      handler: async () => ({ status: 200, body: await api.status() }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/budget/reset",
      summary: "Reset the budget: the current window starts now",
      tags,
      responses: { 200: BudgetStatusSchema },
      handler: async () => ({ status: 200, body: await api.reset() }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/projects/:pid/issues/:iid/cost-cap",
      summary: "Set (or with null clear) the per-issue cost cap override",
      tags,
      request: {
        params: z.object({ pid: z.string().min(1), iid: z.string().min(1) }),
        body: z.object({
          limit_usd: z
            .number()
            .finite()
            .min(0)
            .nullable()
            .describe("USD; null clears the override"),
        }),
      },
      responses: { 200: CostCapSchema },
      handler: async ({ params, body }) => ({
        status: 200,
        body: await api.setCostCap(params.pid, params.iid, body.limit_usd),
      }),
    }),
  ];
}
