/**
 * The dispatcher's half of exit handling (SPEC §7.5, §7.9): it records the
 * outcome on the run row if the attempt did not, and owns everything that
 * depends on the durable retry queue — the retry row (backoff measured from
 * the run's end, the escalated profile with its comment, immediate
 * same-attempt retry after an interruption) and the provider cooldown of a
 * rate-limited run. Tracker statuses and the outcome comments (including the
 * failure/retry and max-attempts ones) are written by the attempt pipeline,
 * which applies the same `planExit`.
 */
import { escalationComment } from "../domain/comments.js";
import { toOompahError } from "../domain/errors.js";
import { escalateAfterRun } from "../domain/profile.js";
import { isFailureOutcome, planExit, type RunOutcome } from "../domain/run-outcome.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import { cfgOf, postComment, type DispatchDeps } from "./dispatch-deps.js";
import type { ActiveRun } from "./active-run.js";
import type { ProviderCooldowns } from "./cooldowns.js";
import type { AttemptResult } from "./ports.js";

/** The outcome a cancelled attempt ends with, whatever the pipeline reported. */
export function effectiveOutcome(a: ActiveRun, result: AttemptResult): RunOutcome {
  if (a.reason === "shutdown") return "interrupted";
  if (a.reason === "operator") return "cancelled_by_operator";
  if (a.reason === "reconciled" && isFailureOutcome(result.outcome)) return "cancelled";
  return result.outcome;
}

export interface ExitContext {
  deps: DispatchDeps;
  cooldowns: ProviderCooldowns;
  tracker: TrackerAdapter | null;
}

/** Applies the outcome of a finished attempt; never throws. Returns the final status written, if any. */
export async function handleExit(
  ctx: ExitContext,
  a: ActiveRun,
  result: AttemptResult,
): Promise<CanonicalStatus | null> {
  const { deps } = ctx;
  const cfg = cfgOf(deps).agent;
  const outcome = effectiveOutcome(a, result);
  const ended = deps.now();
  const { run } = a;
  const current = await deps.store.runs.get(run.run_id);
  const endedIso = result.endedAt ?? current?.ended_at ?? null;
  const endedAtMs = endedIso ? Date.parse(endedIso) : ended.getTime();
  if (current && current.phase !== "finished") {
    await deps.store.runs.update(run.run_id, {
      phase: "finished",
      outcome,
      ended_at: ended.toISOString(),
      summary: result.summary ?? current.summary,
      error: result.error ?? current.error,
    });
  } else if (current && current.outcome !== outcome) {
    await deps.store.runs.update(run.run_id, { outcome });
  }
  if (outcome === "rate_limited" && run.provider_id)
    await ctx.cooldowns.start(
      run.provider_id,
      endedAtMs + cfg.rate_limit_cooldown_ms,
      result.error?.message ?? "rate limited",
    );
  const plan = planExit({
    outcome,
    attempt: run.attempt,
    failuresBefore: run.attempt - 1,
    max_attempts: cfg.max_attempts,
    max_retry_backoff_ms: cfg.max_retry_backoff_ms,
    on_no_changes: cfgOf(deps).delivery.on_no_changes,
    endedAtMs,
    cooldownUntilMs: run.provider_id ? ctx.cooldowns.untilMs(run.provider_id) : null,
  });
  const tracker = ctx.tracker;
  try {
    if (plan.retry) {
      let nextProfile = a.escalatedProfile;
      if (isFailureOutcome(outcome) && run.profile) {
        const esc = escalateAfterRun(
          { consecutive_failures: run.attempt - 1, escalated_profile: a.escalatedProfile },
          "failure",
          {
            ladder: cfg.profiles,
            usedProfile: run.profile,
            escalateAfterAttempts: cfg.escalate_after_attempts,
          },
        );
        nextProfile = esc.escalated_profile;
        if (tracker && nextProfile && nextProfile !== run.profile)
          await postComment(
            deps,
            tracker,
            run.issue_id,
            escalationComment({ from: run.profile, to: nextProfile, failures: plan.failures }),
          );
      }
      await deps.store.transaction(async (tx) => {
        await tx.retries.upsert({
          issue_key: run.issue_key,
          project_id: run.project_id,
          issue_id: run.issue_id,
          identifier: run.identifier,
          attempt: plan.retry?.attempt ?? run.attempt,
          due_at: new Date(plan.retry?.dueAtMs ?? endedAtMs).toISOString(),
          reason: outcome,
          error: result.error,
          next_profile: nextProfile,
          dispatch_state: run.dispatch_state,
        });
        await tx.events.append({
          type: "retry_scheduled",
          project_id: run.project_id,
          issue_key: run.issue_key,
          run_id: run.run_id,
          payload: { attempt: plan.retry?.attempt, due_at: plan.retry?.dueAtMs, reason: outcome },
        });
      });
    } else {
      await deps.store.retries.delete(run.issue_key);
    }
  } catch (e) {
    const err = toOompahError(e);
    deps.logger.error(
      { component: "orchestrator", run: run.run_id, issue: run.identifier, code: err.code },
      `exit handling failed: ${err.message}`,
    );
  }
  await deps.store.events
    .append({
      type: "run_exited",
      project_id: run.project_id,
      issue_key: run.issue_key,
      run_id: run.run_id,
      payload: { outcome, retry: plan.retry, exhausted: plan.exhausted },
    })
    .catch(() => undefined);
  return result.statusSet ?? null;
}
