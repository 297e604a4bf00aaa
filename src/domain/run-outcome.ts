/**
 * Outcomes and exit handling (SPEC §7.5) as data plus one pure function that
 * turns an outcome and the failure streak into what the orchestrator
 * must do: the status to set, the comment to post and the retry to schedule.
 * Outcome names are exactly the store's `RunOutcome` (a unit test keeps the
 * two in step, since domain/ imports nothing from the adapters).
 */
import type { CanonicalStatus } from "./status.js";
import { retryDelayMs } from "./backoff.js";

export const RUN_OUTCOMES = [
  "succeeded",
  "question",
  "no_changes",
  "handoff",
  "needs_human",
  "stalled",
  "max_turns",
  "failed",
  "rate_limited",
  "cost_cap",
  "delivery_rejected",
  "delivery_error",
  "cancelled",
  "cancelled_by_operator",
  "interrupted",
] as const;

/** Terminal result of a run (§7.5). */
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** Where the tracker status comes from after the run. */
export type StatusEffect =
  | { kind: "none" }
  /** Set by delivery (§12): In Review or Done. */
  | { kind: "delivery" }
  /** Already set by the agent with its run token. */
  | { kind: "agent" }
  /** Per `delivery.on_no_changes`. */
  | { kind: "on_no_changes" }
  | { kind: "set"; status: CanonicalStatus };

/** How the retry is scheduled. */
export type RetryPolicy = "none" | "backoff" | "cooldown_backoff" | "immediate_same_attempt";

/** Which §7.11 comment accompanies the outcome. */
export type CommentKind =
  | "none"
  | "success"
  | "question"
  | "no_changes"
  | "failure"
  | "cost_cap"
  | "delivery_rejected"
  | "delivery_error"
  | "cancelled_by_operator";

/** Effect on the consecutive-failure streak. */
export type StreakEffect = "reset" | "increment" | "keep";

/** One row of the §7.5 table. */
export interface OutcomeRule {
  status: StatusEffect;
  comment: CommentKind;
  retry: RetryPolicy;
  streak: StreakEffect;
  /** Commit and push (no PR) uncommitted work so it survives (`question`, `needs_human`, `handoff`). */
  pushPartialWork: boolean;
}

const failure: OutcomeRule = {
  status: { kind: "none" },
  comment: "failure",
  retry: "backoff",
  streak: "increment",
  pushPartialWork: false,
};
const quiet = { retry: "none", streak: "keep", pushPartialWork: false } as const;

/** The §7.5 table. */
export const OUTCOME_TABLE: Readonly<Record<RunOutcome, OutcomeRule>> = {
  succeeded: { ...quiet, status: { kind: "delivery" }, comment: "success", streak: "reset" },
  question: {
    ...quiet,
    status: { kind: "set", status: "Needs Answer" },
    comment: "question",
    pushPartialWork: true,
  },
  no_changes: { ...quiet, status: { kind: "on_no_changes" }, comment: "no_changes" },
  handoff: { ...quiet, status: { kind: "agent" }, comment: "none", pushPartialWork: true },
  needs_human: { ...quiet, status: { kind: "agent" }, comment: "none", pushPartialWork: true },
  stalled: failure,
  max_turns: failure,
  failed: failure,
  rate_limited: { ...failure, retry: "cooldown_backoff" },
  cost_cap: { ...quiet, status: { kind: "set", status: "Needs Human" }, comment: "cost_cap" },
  delivery_rejected: {
    ...quiet,
    status: { kind: "set", status: "Needs Rebase" },
    comment: "delivery_rejected",
  },
  delivery_error: {
    ...quiet,
    status: { kind: "set", status: "Needs Human" },
    comment: "delivery_error",
  },
  cancelled: { ...quiet, status: { kind: "none" }, comment: "none" },
  cancelled_by_operator: {
    ...quiet,
    status: { kind: "set", status: "Needs Human" },
    comment: "cancelled_by_operator",
  },
  interrupted: {
    ...quiet,
    status: { kind: "none" },
    comment: "none",
    retry: "immediate_same_attempt",
  },
};

/** True for outcomes that count as a failed attempt. */
export function isFailureOutcome(outcome: RunOutcome): boolean {
  return OUTCOME_TABLE[outcome].streak === "increment";
}

export interface ExitInput {
  outcome: RunOutcome;
  /** The run's attempt number (1 + consecutive failures before it). */
  attempt: number;
  /** Consecutive failed runs of the issue before this one. */
  failuresBefore: number;
  max_attempts: number;
  max_retry_backoff_ms: number;
  on_no_changes: "needs_human" | "done";
  /** When the run ended (ms); backoff is measured from here. */
  endedAtMs: number;
  /** Provider cooldown end for `rate_limited` (ms). */
  cooldownUntilMs?: number | null;
}

export interface ExitPlan {
  /** Streak after this run. */
  failures: number;
  /** Status to write, or null (none, set by delivery, or already set by the agent). */
  status: CanonicalStatus | null;
  comment: CommentKind | "max_attempts";
  retry: { dueAtMs: number; delayMs: number; attempt: number } | null;
  pushPartialWork: boolean;
  /** True when the streak reached `max_attempts` and the issue goes to Needs Human instead. */
  exhausted: boolean;
}

/** Exit handling for one finished run (§7.5 closing paragraph included). */
export function planExit(input: ExitInput): ExitPlan {
  const rule = OUTCOME_TABLE[input.outcome];
  const failures =
    rule.streak === "reset"
      ? 0
      : rule.streak === "increment"
        ? input.failuresBefore + 1
        : input.failuresBefore;
  const status =
    rule.status.kind === "set"
      ? rule.status.status
      : rule.status.kind === "on_no_changes"
        ? input.on_no_changes === "done"
          ? "Done"
          : "Needs Human"
        : null;
  const base = {
    failures,
    status,
    comment: rule.comment,
    retry: null,
    pushPartialWork: rule.pushPartialWork,
    exhausted: false,
  };
  switch (rule.retry) {
    case "none":
      return base;
    case "immediate_same_attempt":
      return { ...base, retry: { dueAtMs: input.endedAtMs, delayMs: 0, attempt: input.attempt } };
    case "backoff":
    case "cooldown_backoff": {
      if (failures >= input.max_attempts)
        return { ...base, status: "Needs Human", comment: "max_attempts", exhausted: true };
      const delayMs = retryDelayMs(failures, input.max_retry_backoff_ms);
      const cooldown = rule.retry === "cooldown_backoff" ? (input.cooldownUntilMs ?? 0) : 0;
      const dueAtMs = Math.max(input.endedAtMs + delayMs, cooldown);
      return {
        ...base,
        retry: { dueAtMs, delayMs: dueAtMs - input.endedAtMs, attempt: failures + 1 },
      };
    }
  }
}
