/**
 * Exit handling of one run (SPEC §7.4 step 10, §7.5, §7.11): the tracker
 * status and comment that follow from the outcome (`planExit`), the
 * `oompah.task_costs` projection, and the final runs row. The retry row
 * itself belongs to the dispatcher, which applies the same `planExit`.
 */
import {
  cancelledByOperatorComment,
  COMMENT_AUTHOR,
  costCapComment,
  deliveryErrorComment,
  deliveryRejectedComment,
  failureRetryComment,
  maxAttemptsComment,
  noChangesComment,
  questionComment,
  successComment,
} from "../domain/comments.js";
import type { IssuePatch } from "../domain/issue.js";
import { planExit, type ExitPlan, type RunOutcome } from "../domain/run-outcome.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { OompahConfig } from "../config/schema.js";
import type { Store } from "../store/db.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import type { DeliveryResult } from "./delivery.js";
import type { AttemptLogger } from "./run-recorder.js";

/** How the pipeline ended, before exit handling. */
export interface Ending {
  outcome: RunOutcome;
  error: { code: string; message: string } | null;
  summary: string | null;
  question?: string;
  delivery?: Extract<DeliveryResult, { outcome: "succeeded" }>;
  /** For `cost_cap`. */
  costCap?: { spent: number; cap: number };
  /** True when the tracker claim failed: leave the tracker alone. */
  trackerUntouched?: boolean;
}

export interface ExitContext {
  ending: Ending;
  config: OompahConfig;
  tracker: TrackerAdapter | null;
  store: Store;
  issueId: string;
  issueKey: string;
  attempt: number;
  branch: string | null;
  startedAt: string;
  endedAt: Date;
  totals: { input_tokens: number; output_tokens: number; cost_usd: number };
  logger: AttemptLogger;
  log: (type: string, payload: Record<string, unknown>) => void;
}

/** The §7.5 plan for this ending. */
export function exitPlanOf(
  x: Pick<ExitContext, "ending" | "config" | "attempt" | "endedAt">,
): ExitPlan {
  const a = x.config.agent;
  const ended = x.endedAt.getTime();
  return planExit({
    outcome: x.ending.outcome,
    attempt: x.attempt,
    failuresBefore: Math.max(0, x.attempt - 1),
    max_attempts: a.max_attempts,
    max_retry_backoff_ms: a.max_retry_backoff_ms,
    on_no_changes: x.config.delivery.on_no_changes,
    endedAtMs: ended,
    cooldownUntilMs: x.ending.outcome === "rate_limited" ? ended + a.rate_limit_cooldown_ms : null,
  });
}

function commentFor(x: ExitContext, plan: ExitPlan, status: CanonicalStatus | null): string | null {
  const e = x.ending;
  switch (plan.comment) {
    case "none":
      return null;
    case "success": {
      const d = e.delivery;
      const text = successComment({
        durationMs: x.endedAt.getTime() - Date.parse(x.startedAt),
        inputTokens: x.totals.input_tokens,
        outputTokens: x.totals.output_tokens,
        costUsd: x.totals.cost_usd,
        summary: e.summary,
        prUrl: d?.prUrl ?? null,
        pushedBranch: d?.pushedBranch ?? null,
      });
      return d && !d.pushedBranch && !d.prUrl && x.branch
        ? `${text}\nCommitted to local branch ${x.branch} (not pushed).`
        : text;
    }
    case "question":
      return questionComment(e.question ?? e.summary ?? "(no question text)");
    case "no_changes":
      return noChangesComment({
        explanation: e.summary ?? "",
        movedTo: status === "Done" ? "Done" : "Needs Human",
      });
    case "failure":
      return plan.retry
        ? failureRetryComment({
            outcome: e.outcome,
            error: e.error,
            delayMs: plan.retry.delayMs,
            nextAttempt: plan.retry.attempt,
            maxAttempts: x.config.agent.max_attempts,
          })
        : null;
    case "max_attempts":
      return maxAttemptsComment({ failures: plan.failures, outcome: e.outcome, error: e.error });
    case "cost_cap":
      return costCapComment({
        spentUsd: e.costCap?.spent ?? x.totals.cost_usd,
        capUsd: e.costCap?.cap ?? 0,
      });
    case "delivery_rejected":
      return deliveryRejectedComment({ branch: x.branch ?? "(unknown)" });
    case "delivery_error":
      return deliveryErrorComment(
        e.error ?? { code: "delivery_error", message: "delivery failed" },
      );
    case "cancelled_by_operator":
      return cancelledByOperatorComment();
  }
}

/** Applies the tracker side of exit handling; returns the status it set. */
export async function applyExit(
  x: ExitContext,
): Promise<{ plan: ExitPlan; statusSet: CanonicalStatus | null }> {
  const plan = exitPlanOf(x);
  const t = x.tracker;
  if (!t || x.ending.trackerUntouched) return { plan, statusSet: null };
  const status =
    x.ending.outcome === "succeeded" ? (x.ending.delivery?.status ?? null) : plan.status;
  let statusSet: CanonicalStatus | null = null;
  if (status !== null) {
    const patch: IssuePatch = { status };
    if (x.ending.delivery?.review) patch.review = x.ending.delivery.review;
    try {
      await t.updateIssue(x.issueId, patch);
      statusSet = status;
    } catch (e) {
      x.logger.error(
        { issue_id: x.issueId, err: String(e) },
        "could not set the issue status after the run",
      );
    }
  }
  const text = commentFor(x, plan, status);
  if (text !== null && x.config.tracker.post_comments && t.capabilities.comments) {
    try {
      await t.addComment(x.issueId, { author: COMMENT_AUTHOR, text });
      x.log("comment_posted", { text });
    } catch (e) {
      x.logger.warn({ issue_id: x.issueId, err: String(e) }, "could not post the run comment");
    }
  }
  if (t.capabilities.metadata) {
    try {
      const c = await x.store.ledger.totals({ issue_key: x.issueKey });
      await t.setMetadata(x.issueId, "oompah.task_costs", {
        cost_usd: Math.round(c.cost_usd * 1e6) / 1e6,
        input_tokens: c.input_tokens,
        cached_input_tokens: c.cached_input_tokens,
        output_tokens: c.output_tokens,
        runs: c.runs,
      });
    } catch (e) {
      x.logger.warn({ issue_id: x.issueId, err: String(e) }, "could not write oompah.task_costs");
    }
  }
  return { plan, statusSet };
}
