import { describe, expect, expectTypeOf, it } from "vitest";
import {
  OUTCOME_TABLE,
  RUN_OUTCOMES,
  isFailureOutcome,
  planExit,
  type ExitInput,
  type RunOutcome,
} from "../../../src/domain/run-outcome.js";
import type { RunOutcome as StoreRunOutcome } from "../../../src/store/schema.js";

const exit = (over: Partial<ExitInput>): ExitInput => ({
  outcome: "failed",
  attempt: 1,
  failuresBefore: 0,
  max_attempts: 5,
  max_retry_backoff_ms: 300_000,
  on_no_changes: "needs_human",
  endedAtMs: 1_000_000,
  ...over,
});

describe("run outcomes (SPEC §7.5)", () => {
  it("names exactly the store's outcomes", () => {
    expectTypeOf<RunOutcome>().toEqualTypeOf<StoreRunOutcome>();
    expect(Object.keys(OUTCOME_TABLE).sort()).toEqual([...RUN_OUTCOMES].sort());
  });

  it("stalled, max_turns, failed and rate_limited are the failures", () => {
    expect(RUN_OUTCOMES.filter(isFailureOutcome)).toEqual([
      "stalled",
      "max_turns",
      "failed",
      "rate_limited",
    ]);
  });

  it("a failure below max_attempts schedules a backoff retry with the next attempt number", () => {
    expect(planExit(exit({ outcome: "stalled", attempt: 3, failuresBefore: 2 }))).toEqual({
      failures: 3,
      status: null,
      comment: "failure",
      retry: { dueAtMs: 1_040_000, delayMs: 40_000, attempt: 4 },
      pushPartialWork: false,
      exhausted: false,
    });
  });

  it("[C68] the failure that brings the streak to max_attempts moves the issue to Needs Human instead of retrying", () => {
    const plan = planExit(exit({ outcome: "max_turns", attempt: 5, failuresBefore: 4 }));
    expect(plan).toMatchObject({
      failures: 5,
      status: "Needs Human",
      comment: "max_attempts",
      retry: null,
      exhausted: true,
    });
  });

  it("rate_limited waits for the provider cooldown when it ends after the backoff", () => {
    const plan = planExit(exit({ outcome: "rate_limited", cooldownUntilMs: 1_120_000 }));
    expect(plan.retry).toEqual({ dueAtMs: 1_120_000, delayMs: 120_000, attempt: 2 });
  });

  it("success resets the streak; interrupted retries at once with the same attempt", () => {
    expect(planExit(exit({ outcome: "succeeded", failuresBefore: 3 }))).toMatchObject({
      failures: 0,
      retry: null,
      comment: "success",
    });
    expect(planExit(exit({ outcome: "interrupted", attempt: 2, failuresBefore: 1 }))).toMatchObject(
      {
        failures: 1,
        retry: { dueAtMs: 1_000_000, delayMs: 0, attempt: 2 },
      },
    );
  });

  it("handoff keeps the streak and pushes partial work without a retry entry", () => {
    expect(planExit(exit({ outcome: "handoff", failuresBefore: 2 }))).toMatchObject({
      failures: 2,
      retry: null,
      status: null,
      pushPartialWork: true,
    });
  });

  it.each([
    ["question", "Needs Answer"],
    ["cost_cap", "Needs Human"],
    ["delivery_rejected", "Needs Rebase"],
    ["delivery_error", "Needs Human"],
    ["cancelled_by_operator", "Needs Human"],
    ["cancelled", null],
    ["needs_human", null],
  ] as const)("%s sets status %s and schedules nothing", (outcome, status) => {
    expect(planExit(exit({ outcome }))).toMatchObject({ status, retry: null });
  });

  it("no_changes follows delivery.on_no_changes", () => {
    expect(planExit(exit({ outcome: "no_changes" })).status).toBe("Needs Human");
    expect(planExit(exit({ outcome: "no_changes", on_no_changes: "done" })).status).toBe("Done");
  });
});
