/**
 * Budget and per-issue spend (SPEC §13.2–13.3), computed from the ledger on
 * every call so nothing survives only in memory: the window's spend is the
 * billable `kind=run` rows since the window start, an issue's spend is all
 * its billable `kind=run` rows. {@link BudgetGuard} turns a status into the
 * `budget_exceeded` alert and arms a `budget_changed` wake at the window
 * boundary, when dispatch may resume on its own.
 */
import { budgetWindowEnd, budgetWindowStart, type BudgetWindow } from "../domain/budget-window.js";
import { effectiveCostCap, overCostCap } from "../domain/eligibility.js";
import type { Store } from "../store/db.js";
import type { AlertBoard } from "./alerts.js";
import type { WakeReason } from "./tick-loop.js";

/** `service_state` key written by `POST /api/v1/budget/reset`. */
export const BUDGET_RESET_KEY = "budget_reset_at";
/** `service_state` key the store writes when the database is created. */
const STORE_CREATED_KEY = "created_at";
const MAX_TIMER_MS = 2_147_483_647;

/** The `agent.*` keys the budget reads. */
export interface BudgetSettings {
  budget_limit: number;
  budget_window: BudgetWindow;
  budget_timezone: string;
  max_cost_per_issue: number;
}

/** `GET /api/v1/budget` (§13.4) plus the window's end. */
export interface BudgetStatus {
  limit: number;
  window: BudgetWindow;
  window_start: string;
  /** Next boundary (ISO); null for `total`, which ends only with a reset. */
  window_end: string | null;
  spent: number;
  /** Null when there is no limit. */
  remaining: number | null;
  exceeded: boolean;
  timezone: string;
  per_issue_cap: number;
}

type BudgetStore = Pick<Store, "ledger" | "serviceState">;

/** The last reset, else (for `total`) the store's creation time. */
async function windowAnchor(store: BudgetStore, window: BudgetWindow): Promise<Date | null> {
  const reset = await store.serviceState.get<string>(BUDGET_RESET_KEY);
  if (typeof reset === "string") return new Date(reset);
  if (window !== "total") return null;
  const created = await store.serviceState.get<string>(STORE_CREATED_KEY);
  return typeof created === "string" ? new Date(created) : null;
}

export async function budgetStatus(
  store: BudgetStore,
  a: BudgetSettings,
  now: Date,
): Promise<BudgetStatus> {
  const anchor = await windowAnchor(store, a.budget_window);
  const start = budgetWindowStart(a.budget_window, now, a.budget_timezone, anchor);
  const end = budgetWindowEnd(a.budget_window, now, a.budget_timezone);
  const spent = (
    await store.ledger.totals({ since: start.toISOString(), kind: "run", billableOnly: true })
  ).cost_usd;
  const limit = a.budget_limit;
  return {
    limit,
    window: a.budget_window,
    window_start: start.toISOString(),
    window_end: end?.toISOString() ?? null,
    spent,
    remaining: limit > 0 ? Math.max(0, limit - spent) : null,
    exceeded: limit > 0 && spent >= limit,
    timezone: a.budget_timezone,
    per_issue_cap: a.max_cost_per_issue,
  };
}

/** `POST /api/v1/budget/reset`: the current window starts now. */
export async function resetBudget(store: BudgetStore, now: Date): Promise<void> {
  await store.serviceState.set(BUDGET_RESET_KEY, now.toISOString());
}

/** Billable `kind=run` spend of an issue over all its attempts (§13.3). */
export async function issueSpend(store: Pick<Store, "ledger">, issueKey: string): Promise<number> {
  return (await store.ledger.totals({ issue_key: issueKey, kind: "run", billableOnly: true }))
    .cost_usd;
}

/** An issue's cap: the override when set, else `agent.max_cost_per_issue` (0 = none). */
export async function issueCostCap(
  store: Pick<Store, "issueOverrides">,
  issueKey: string,
  configured: number,
): Promise<{ override: number | null; cap: number }> {
  const override = await store.issueOverrides.costCap(issueKey);
  return { override, cap: effectiveCostCap(override, configured) };
}

/** An issue's spend against its cap (§13.3), as the cost-cap route and the issue detail show it. */
export interface IssueCostStatus {
  /** The override; null = `agent.max_cost_per_issue`. */
  limit_usd: number | null;
  /** The cap in force; 0 = none. */
  effective_cap_usd: number;
  spent_usd: number;
  at_cap: boolean;
}

export async function issueCostStatus(
  store: Pick<Store, "issueOverrides" | "ledger">,
  issueKey: string,
  configured: number,
): Promise<IssueCostStatus> {
  const [{ override, cap }, spent] = await Promise.all([
    issueCostCap(store, issueKey, configured),
    issueSpend(store, issueKey),
  ]);
  return {
    limit_usd: override,
    effective_cap_usd: cap,
    spent_usd: spent,
    at_cap: overCostCap(spent, cap),
  };
}

export interface BudgetGuardDeps {
  alerts: Pick<AlertBoard, "raise" | "clear">;
  wake: (reason: WakeReason) => void;
}

/** Keeps the `budget_exceeded` alert and the window-boundary wake in step with the status. */
export class BudgetGuard {
  private timer: NodeJS.Timeout | null = null;
  private armedFor: string | null = null;

  constructor(private readonly deps: BudgetGuardDeps) {}

  /** The boundary a `budget_changed` wake is armed for (ISO), or null. */
  get wakeAt(): string | null {
    return this.armedFor;
  }

  observe(s: BudgetStatus, now: Date): void {
    if (!s.exceeded) {
      this.deps.alerts.clear("budget_exceeded");
      this.disarm();
      return;
    }
    const until = s.window_end === null ? "the budget is reset" : s.window_end;
    this.deps.alerts.raise({
      code: "budget_exceeded",
      severity: "warning",
      message: `the $${s.limit.toFixed(2)} ${s.window} budget is spent; no new runs until ${until} (running agents continue)`,
      hint: "raise agent.budget_limit or POST /api/v1/budget/reset",
    });
    if (s.window_end !== null && s.window_end !== this.armedFor) this.arm(s.window_end, now);
  }

  dispose(): void {
    this.disarm();
  }

  private arm(at: string, now: Date): void {
    this.disarm();
    this.armedFor = at;
    const delay = Math.min(Math.max(0, Date.parse(at) - now.getTime()), MAX_TIMER_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.armedFor = null;
      this.deps.wake("budget_changed");
    }, delay);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = null;
  }
}
