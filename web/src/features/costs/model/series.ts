/**
 * The spend-over-time chart of the Costs page, derived from two ledger
 * reports: spend per UTC hour or day (everything, like the tables), and the
 * budget's own share of it (billable agent runs, §13.2) accumulated over the
 * current window so it can be read against the limit. The accumulated line
 * is anchored to the budget's `spent`, so it ends exactly where the header's
 * budget gauge is even when the window began before the chart's range.
 */
import type { BudgetStatus, CostGroup, CostReport } from "./wire.js";

export type PeriodId = "24h" | "7d" | "30d" | "window" | "all";

export const PERIODS: ReadonlyArray<{ id: PeriodId; label: string }> = [
  { id: "24h", label: "24 hours" },
  { id: "7d", label: "7 days" },
  { id: "30d", label: "30 days" },
  { id: "window", label: "Budget window" },
  { id: "all", label: "All time" },
];

export type Bucket = "hour" | "day";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const BUCKET_MS: Record<Bucket, number> = { hour: HOUR_MS, day: DAY_MS };
/** Longer spans are drawn per day. */
const HOURLY_UP_TO_MS = 7 * DAY_MS;

/** What a period asks the ledger for: rows since (inclusive, null = ever), bucketed. */
export interface Range {
  since: string | null;
  bucket: Bucket;
}

const floorTo = (ms: number, size: number): number => Math.floor(ms / size) * size;

/**
 * The request range of a period. `since` is floored to a bucket so the paths
 * built from it stay the same for a whole bucket (no refetch on every
 * render). `window` needs the budget status; null until it is known.
 */
export function periodRange(
  period: PeriodId,
  budget: Pick<BudgetStatus, "window_start"> | null,
  nowMs: number,
): Range | null {
  switch (period) {
    case "24h":
      return { since: new Date(floorTo(nowMs - DAY_MS, HOUR_MS)).toISOString(), bucket: "hour" };
    case "7d":
      return {
        since: new Date(floorTo(nowMs - 7 * DAY_MS, HOUR_MS)).toISOString(),
        bucket: "hour",
      };
    case "30d":
      return { since: new Date(floorTo(nowMs - 30 * DAY_MS, DAY_MS)).toISOString(), bucket: "day" };
    case "all":
      return { since: null, bucket: "day" };
    case "window": {
      if (!budget) return null;
      const span = nowMs - Date.parse(budget.window_start);
      return { since: budget.window_start, bucket: span <= HOURLY_UP_TO_MS ? "hour" : "day" };
    }
  }
}

/** `GET /api/v1/costs` for a grouping over `since`; `budgetOnly` = what the budget counts. */
export function costsPath(
  group: CostGroup,
  since: string | null,
  opts: { budgetOnly?: boolean } = {},
): string {
  const q = new URLSearchParams({ group_by: group });
  if (since !== null) q.set("since", since);
  if (opts.budgetOnly) {
    q.set("kind", "run");
    q.set("billable_only", "true");
  }
  return `/api/v1/costs?${q.toString()}`;
}

/** The later of the range start and the budget window start: where the in-window line begins. */
export function windowSince(range: Range, budget: Pick<BudgetStatus, "window_start">): string {
  if (range.since === null) return budget.window_start;
  return Date.parse(range.since) >= Date.parse(budget.window_start)
    ? range.since
    : budget.window_start;
}

/** Columns for uPlot: x in seconds since the epoch, one value per bucket. */
export interface SpendSeries {
  /** Bucket starts, seconds (uPlot's time unit). */
  xs: number[];
  /** Spend in each bucket (all usage). */
  spend: number[];
  /** Budget spend accumulated over the current window up to each bucket's end; null before it. */
  inWindow: Array<number | null>;
  /** `budget_limit`, or null when there is none. */
  limit: number | null;
  /** Start of the current budget window, seconds; null when unknown. */
  windowStart: number | null;
  bucketSeconds: number;
  total: number;
}

function valuesByBucket(report: CostReport | null, size: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const row of report?.rows ?? []) {
    if (row.key === null) continue;
    const at = Date.parse(row.key);
    if (Number.isNaN(at)) continue;
    const b = floorTo(at, size);
    out.set(b, (out.get(b) ?? 0) + row.cost_usd);
  }
  return out;
}

export function spendSeries(input: {
  spend: CostReport;
  /** The budget-only report since {@link windowSince}; null when the budget is unknown. */
  inWindow: CostReport | null;
  budget: BudgetStatus | null;
  range: Range;
  nowMs: number;
}): SpendSeries {
  const size = BUCKET_MS[input.range.bucket];
  const spendBy = valuesByBucket(input.spend, size);
  const keys = [...spendBy.keys()];
  const last = Math.max(floorTo(input.nowMs, size), ...keys);
  const first =
    input.range.since !== null
      ? floorTo(Date.parse(input.range.since), size)
      : Math.min(last, ...keys);
  const xs: number[] = [];
  for (let t = first; t <= last; t += size) xs.push(t);

  const budget = input.budget;
  const windowStartMs = budget ? Date.parse(budget.window_start) : null;
  const windowBy = valuesByBucket(input.inWindow, size);
  let inWindowTotal = 0;
  for (const v of windowBy.values()) inWindowTotal += v;
  let running = budget ? Math.max(0, budget.spent - inWindowTotal) : 0;
  const inWindow = xs.map((t) => {
    if (!budget || input.inWindow === null || windowStartMs === null) return null;
    if (t + size <= windowStartMs) return null;
    running += windowBy.get(t) ?? 0;
    return running;
  });

  return {
    xs: xs.map((t) => t / 1000),
    spend: xs.map((t) => spendBy.get(t) ?? 0),
    inWindow,
    limit: budget && budget.limit > 0 ? budget.limit : null,
    windowStart: windowStartMs === null ? null : windowStartMs / 1000,
    bucketSeconds: size / 1000,
    total: input.spend.total.cost_usd,
  };
}

/** A short name for the current budget window, e.g. `today (since 00:00, Europe/Paris)`. */
export function windowLabel(
  budget: Pick<BudgetStatus, "window" | "window_start" | "timezone">,
): string {
  switch (budget.window) {
    case "hour":
      return "this hour";
    case "day":
      return `today (${budget.timezone})`;
    case "week":
      return `this week (since Monday, ${budget.timezone})`;
    case "total":
      return "since the last reset";
  }
}
