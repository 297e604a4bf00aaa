/**
 * Wire types of the budget and cost routes (§13.4), inferred from the
 * server's zod schemas (type-only imports).
 */
import type { z } from "zod";
import type { BudgetStatusSchema } from "../../../../../src/server/routes/budget.js";
import type {
  CostReportSchema,
  COST_GROUPS,
  RunCostsSchema,
} from "../../../../../src/server/routes/costs.js";

/** `GET /api/v1/budget`. */
export type BudgetStatus = z.infer<typeof BudgetStatusSchema>;
/** `GET /api/v1/costs`. */
export type CostReport = z.infer<typeof CostReportSchema>;
export type CostRow = CostReport["rows"][number];
export type CostTotals = CostReport["total"];
export type CostGroup = (typeof COST_GROUPS)[number];
/** `GET /api/v1/runs/{id}/costs`. */
export type RunCosts = z.infer<typeof RunCostsSchema>;
export type RunCostEntry = RunCosts["entries"][number];
