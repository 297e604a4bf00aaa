import { afterEach, describe, expect, it, vi } from "vitest";
import { AlertBoard } from "../../../src/orchestrator/alerts.js";
import { BudgetGuard, type BudgetStatus } from "../../../src/orchestrator/budget.js";
import type { WakeReason } from "../../../src/orchestrator/tick-loop.js";

const now = new Date("2030-01-01T04:59:00.000Z");
const status = (over: Partial<BudgetStatus>): BudgetStatus => ({
  limit: 1,
  window: "day",
  window_start: "2029-12-31T05:00:00.000Z",
  window_end: "2030-01-01T05:00:00.000Z",
  spent: 1,
  remaining: 0,
  exceeded: true,
  timezone: "America/New_York",
  per_issue_cap: 0,
  ...over,
});

afterEach(() => void vi.useRealTimers());

describe("BudgetGuard", () => {
  it("[C149] raises budget_exceeded and wakes the loop with budget_changed exactly at the window boundary", () => {
    vi.useFakeTimers();
    const alerts = new AlertBoard(() => now);
    const wakes: WakeReason[] = [];
    const guard = new BudgetGuard({ alerts, wake: (r) => void wakes.push(r) });
    guard.observe(status({}), now);
    guard.observe(status({ spent: 1.5 }), now); // re-observing keeps one timer
    expect(alerts.has("budget_exceeded")).toBe(true);
    expect(guard.wakeAt).toBe("2030-01-01T05:00:00.000Z");
    vi.advanceTimersByTime(59_999);
    expect(wakes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(wakes).toEqual(["budget_changed"]);
    expect(guard.wakeAt).toBeNull();
  });

  it("clears the alert and the armed wake once the budget is no longer exceeded; total windows arm nothing", () => {
    vi.useFakeTimers();
    const alerts = new AlertBoard(() => now);
    const wakes: WakeReason[] = [];
    const guard = new BudgetGuard({ alerts, wake: (r) => void wakes.push(r) });
    guard.observe(status({}), now);
    guard.observe(status({ exceeded: false, spent: 0 }), now);
    expect(alerts.has("budget_exceeded")).toBe(false);
    expect(guard.wakeAt).toBeNull();
    guard.observe(status({ window: "total", window_end: null }), now);
    expect(alerts.has("budget_exceeded")).toBe(true);
    expect(guard.wakeAt).toBeNull();
    vi.advanceTimersByTime(10 * 86_400_000);
    expect(wakes).toEqual([]);
    guard.dispose();
  });
});
