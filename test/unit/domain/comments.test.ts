import { describe, expect, it } from "vitest";
import {
  QUESTION_PREFIX,
  cancelledByOperatorComment,
  ciFailedComment,
  costCapComment,
  deliveryErrorComment,
  dispatchComment,
  escalationComment,
  failureRetryComment,
  focusComment,
  formatDuration,
  maxAttemptsComment,
  needsHumanComment,
  noChangesComment,
  prClosedComment,
  questionComment,
  successComment,
} from "../../../src/domain/comments.js";

describe("tracker comments (SPEC §7.11)", () => {
  it("dispatch, focus and escalation comments follow the SPEC shapes", () => {
    expect(
      dispatchComment({
        attempt: 2,
        profile: "standard",
        model: "gpt-5",
        provider: "OpenAI",
        backend: "api",
        runId: "r-1",
      }),
    ).toBe(
      "Agent dispatched (attempt 2, profile standard, model gpt-5 via OpenAI, backend api). Run r-1.",
    );
    expect(focusComment({ role: "Security Auditor", name: "security" })).toBe(
      "Focus: Security Auditor (security)",
    );
    expect(escalationComment({ from: "quick", to: "standard", failures: 1 })).toBe(
      "Escalating from profile quick to standard after 1 failed attempt(s).",
    );
  });

  it("the success comment reports duration, tokens, cost, summary and the PR", () => {
    expect(
      successComment({
        durationMs: 200_000,
        inputTokens: 1000,
        outputTokens: 200,
        costUsd: 0.0014,
        summary: "Fixed the crash.",
        prUrl: "https://github.com/o/r/pull/3",
      }),
    ).toBe(
      "Agent completed in 3m 20s — 1000/200 tokens, $0.0014. Fixed the crash.\nOpened PR: https://github.com/o/r/pull/3",
    );
    expect(
      successComment({
        durationMs: 5_000,
        inputTokens: 1,
        outputTokens: 2,
        costUsd: 1.5,
        summary: null,
        pushedBranch: "oompah/x-1",
      }),
    ).toBe("Agent completed in 5s — 1/2 tokens, $1.50.\nPushed branch oompah/x-1");
  });

  it("the failure comment names the outcome, error, delay and next attempt", () => {
    expect(
      failureRetryComment({
        outcome: "stalled",
        error: { code: "stall_turns", message: "5 consecutive turns without progress." },
        delayMs: 40_000,
        nextAttempt: 4,
        maxAttempts: 5,
      }),
    ).toBe(
      "Agent run ended: stalled (stall_turns: 5 consecutive turns without progress). Retrying in 40s (attempt #4 of 5).",
    );
  });

  it("question comments start with the prefix the Needs Answer sweep looks for", () => {
    expect(questionComment("  Which endpoint?  ")).toBe("Question from agent: Which endpoint?");
    expect(questionComment("x").startsWith(QUESTION_PREFIX)).toBe(true);
  });

  it("every Needs Human comment has a What to do: line", () => {
    const texts = [
      needsHumanComment("something broke.", "look at it."),
      maxAttemptsComment({
        failures: 5,
        outcome: "failed",
        error: { code: "agent_exited", message: "code 1" },
      }),
      maxAttemptsComment({ failures: 5, outcome: "stalled", error: null }),
      costCapComment({ spentUsd: 5.2, capUsd: 5 }),
      cancelledByOperatorComment(),
      noChangesComment({ explanation: "Already done in #12", movedTo: "Needs Human" }),
      deliveryErrorComment({ code: "pr_create_failed", message: "422 Validation Failed" }),
      prClosedComment("https://github.com/o/r/pull/3"),
    ];
    for (const t of texts)
      expect(
        t.split("\n").some((l) => /^What to do: \S/.test(l)),
        t,
      ).toBe(true);
    expect(texts[0]).toBe("Needs Human: something broke.\nWhat to do: look at it.");
    expect(cancelledByOperatorComment()).toContain("What to do: move the issue to Open to retry.");
    expect(costCapComment({ spentUsd: 5.2, capUsd: 5 })).toMatch(
      /^Stopped: this issue has spent \$5\.20 of its \$5\.00 cap\.\nWhat to do: raise the cap/,
    );
  });

  it("refuses a Needs Human comment without an instruction", () => {
    expect(() => needsHumanComment("x", "  ")).toThrow(/What to do/);
  });

  it("review monitor and duration texts", () => {
    expect(ciFailedComment("u", ["lint", "test"])).toBe(
      "CI failed on PR u (lint, test); moved to Needs CI Fix.",
    );
    expect(noChangesComment({ explanation: "dup", movedTo: "Done" })).toBe(
      "Agent found no change needed: dup",
    );
    expect([0, 59_400, 60_000, 3_600_000, 3_900_000].map(formatDuration)).toEqual([
      "0s",
      "59s",
      "1m",
      "1h",
      "1h 5m",
    ]);
  });
});
