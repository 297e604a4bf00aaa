/**
 * What happens when a session ends a prompt (SPEC §7.6): a pure function of
 * what the orchestrator observed — how the prompt ended, the re-fetched issue
 * status and who changed it, whether the worktree has changes, and how many
 * continuations were already sent.
 */
import type { CanonicalStatus } from "./status.js";

/** How the backend ended the prompt (`turn_end` reasons that reach this check). */
export interface PromptEnd {
  reason: "end_turn" | "finish" | "question";
  summary?: string | undefined;
  question?: string | undefined;
  no_changes_needed?: boolean | undefined;
}

export interface ContinuationFacts {
  end: PromptEnd;
  /** Status of the re-fetched issue; null when it could not be found. */
  issue_state: CanonicalStatus | null;
  /** True when the last status change was made with this run's own token. */
  changed_by_own_token: boolean;
  /** Labels of the re-fetched issue (a `focus-complete:` label marks a handoff). */
  labels: readonly string[];
  /** Uncommitted changes or commits ahead of `base_sha`. */
  worktree_has_changes: boolean;
  /** Continuations already sent in this run. */
  continuations: number;
  max_continuations: number;
}

export type ContinuationDecision =
  /** The agent moved its own issue: outcome follows the target status. */
  | { action: "finish"; outcome: "handoff" | "question" | "needs_human"; question?: string }
  /** Someone else changed the status: reconciliation rules (§7.8) apply. */
  | { action: "reconcile" }
  | { action: "deliver" }
  | { action: "finish"; outcome: "no_changes"; explanation: string }
  /** Send `prompt` on the same session; `n` of `m`. */
  | { action: "continue"; n: number; m: number; prompt: string }
  | { action: "finish"; outcome: "stalled"; code: "no_changes_detected" };

/** The continuation prompt (§7.6): "continuation N of M", no changes seen, continue or `finish`. */
export function continuationPrompt(n: number, m: number): string {
  return [
    `This is continuation ${n} of ${m}.`,
    "No changes were detected in the worktree (no uncommitted changes and no new commits).",
    "Either continue the work from the current state of the worktree, or, if no change is needed,",
    "call `finish` with `no_changes_needed: true` and an explanation of why.",
  ].join(" ");
}

/** The §7.6 decision, in the SPEC's order of checks. */
export function decideAfterPrompt(f: ContinuationFacts): ContinuationDecision {
  if (f.end.reason === "question")
    return { action: "finish", outcome: "question", question: f.end.question ?? "" };
  if (f.issue_state !== null && f.issue_state !== "In Progress") {
    if (!f.changed_by_own_token) return { action: "reconcile" };
    if (f.issue_state === "Needs Answer") return { action: "finish", outcome: "question" };
    if (f.issue_state === "Needs Human") return { action: "finish", outcome: "needs_human" };
    if (f.issue_state === "Open" && f.labels.some((l) => l.startsWith("focus-complete:")))
      return { action: "finish", outcome: "handoff" };
    return { action: "reconcile" };
  }
  if (f.issue_state === null) return { action: "reconcile" };
  if (f.worktree_has_changes) return { action: "deliver" };
  if (f.end.reason === "finish" && f.end.no_changes_needed === true)
    return { action: "finish", outcome: "no_changes", explanation: f.end.summary ?? "" };
  if (f.continuations < f.max_continuations) {
    const n = f.continuations + 1;
    return {
      action: "continue",
      n,
      m: f.max_continuations,
      prompt: continuationPrompt(n, f.max_continuations),
    };
  }
  return { action: "finish", outcome: "stalled", code: "no_changes_detected" };
}
