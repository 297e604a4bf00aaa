import { describe, expect, it } from "vitest";
import {
  continuationPrompt,
  decideAfterPrompt,
  type ContinuationFacts,
} from "../../../src/domain/continuation.js";

const facts = (over: Partial<ContinuationFacts> = {}): ContinuationFacts => ({
  end: { reason: "end_turn" },
  issue_state: "In Progress",
  changed_by_own_token: false,
  labels: [],
  worktree_has_changes: false,
  continuations: 0,
  max_continuations: 2,
  ...over,
});

describe("continuation decision (SPEC §7.6)", () => {
  it("[C74] a session that stops without changes gets continuation 1 of 2, then 2 of 2, then stalls", () => {
    const decisions = [0, 1, 2].map((continuations) => decideAfterPrompt(facts({ continuations })));
    expect(decisions[0]).toMatchObject({ action: "continue", n: 1, m: 2 });
    expect(decisions[1]).toMatchObject({ action: "continue", n: 2, m: 2 });
    expect(decisions[2]).toEqual({
      action: "finish",
      outcome: "stalled",
      code: "no_changes_detected",
    });
    const first = decisions[0];
    expect(first?.action === "continue" && first.prompt).toContain("continuation 1 of 2");
  });

  it("[C74] the continuation prompt says no changes were detected and offers finish with no_changes_needed", () => {
    const text = continuationPrompt(2, 2);
    expect(text).toContain("continuation 2 of 2");
    expect(text).toMatch(/no changes were detected in the worktree/i);
    expect(text).toContain("no_changes_needed: true");
  });

  it("worktree changes go to delivery", () => {
    expect(decideAfterPrompt(facts({ worktree_has_changes: true, continuations: 2 }))).toEqual({
      action: "deliver",
    });
  });

  it("finish with no_changes_needed yields no_changes with the agent's explanation", () => {
    const end = {
      reason: "finish" as const,
      summary: "Already fixed upstream",
      no_changes_needed: true,
    };
    expect(decideAfterPrompt(facts({ end }))).toEqual({
      action: "finish",
      outcome: "no_changes",
      explanation: "Already fixed upstream",
    });
  });

  it("a plain finish without changes still gets continuations", () => {
    const end = { reason: "finish" as const, summary: "done" };
    expect(decideAfterPrompt(facts({ end }))).toMatchObject({ action: "continue", n: 1 });
  });

  it("zero max_continuations stalls at once", () => {
    expect(decideAfterPrompt(facts({ max_continuations: 0 }))).toMatchObject({
      outcome: "stalled",
    });
  });

  it("ask_question ends as question", () => {
    const end = { reason: "question" as const, question: "Which API version?" };
    expect(decideAfterPrompt(facts({ end }))).toEqual({
      action: "finish",
      outcome: "question",
      question: "Which API version?",
    });
  });

  it("a status set with the run's own token decides the outcome", () => {
    const own = { changed_by_own_token: true };
    expect(
      decideAfterPrompt(
        facts({ ...own, issue_state: "Open", labels: ["focus-complete:security"] }),
      ),
    ).toEqual({ action: "finish", outcome: "handoff" });
    expect(decideAfterPrompt(facts({ ...own, issue_state: "Needs Answer" }))).toMatchObject({
      outcome: "question",
    });
    expect(decideAfterPrompt(facts({ ...own, issue_state: "Needs Human" }))).toMatchObject({
      outcome: "needs_human",
    });
  });

  it("a status changed by someone else, or a vanished issue, goes to reconciliation", () => {
    expect(
      decideAfterPrompt(facts({ issue_state: "Backlog", worktree_has_changes: true })),
    ).toEqual({
      action: "reconcile",
    });
    expect(decideAfterPrompt(facts({ issue_state: null }))).toEqual({ action: "reconcile" });
  });
});
