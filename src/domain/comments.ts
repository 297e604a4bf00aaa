/**
 * The texts of the comments the orchestrator posts (SPEC §7.11), as pure
 * formatters. The prefix `Question from agent:` is load-bearing (the Needs
 * Answer sweep looks for it) and every move to Needs Human carries a
 * `What to do:` line, which {@link needsHumanComment} enforces.
 */
import { OompahError } from "./errors.js";

/** Author of every orchestrator comment. */
export const COMMENT_AUTHOR = "oompah";
/** Identifies question comments for the Needs Answer sweep (§7.1 step 5). */
export const QUESTION_PREFIX = "Question from agent:";
export const WHAT_TO_DO_PREFIX = "What to do:";

/** `45s`, `3m 20s`, `1h 5m`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
}

/** Dollars: cents for normal amounts, four decimals for sub-cent ones. */
export function formatUsd(usd: number): string {
  return `$${usd >= 0.01 || usd === 0 ? usd.toFixed(2) : usd.toFixed(4)}`;
}

const sentence = (s: string): string => s.trim().replace(/[.\s]+$/, "");

export interface DispatchCommentInput {
  attempt: number;
  profile: string;
  model: string | null;
  provider: string;
  backend: string;
  runId: string;
}

export function dispatchComment(d: DispatchCommentInput): string {
  const model = d.model ?? "backend default";
  return `Agent dispatched (attempt ${d.attempt}, profile ${d.profile}, model ${model} via ${d.provider}, backend ${d.backend}). Run ${d.runId}.`;
}

export function focusComment(f: { role: string; name: string }): string {
  return `Focus: ${f.role} (${f.name})`;
}

export function escalationComment(e: { from: string; to: string; failures: number }): string {
  return `Escalating from profile ${e.from} to ${e.to} after ${e.failures} failed attempt(s).`;
}

export interface SuccessCommentInput {
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  summary: string | null;
  /** Exactly one of these is normally set. */
  prUrl?: string | null;
  pushedBranch?: string | null;
}

export function successComment(s: SuccessCommentInput): string {
  const head = `Agent completed in ${formatDuration(s.durationMs)} — ${s.inputTokens}/${s.outputTokens} tokens, ${formatUsd(s.costUsd)}.`;
  const lines = [s.summary?.trim() ? `${head} ${s.summary.trim()}` : head];
  if (s.prUrl) lines.push(`Opened PR: ${s.prUrl}`);
  else if (s.pushedBranch) lines.push(`Pushed branch ${s.pushedBranch}`);
  return lines.join("\n");
}

export interface FailureCommentInput {
  outcome: string;
  error: { code: string; message: string } | null;
  delayMs: number;
  /** The attempt number the retry will have. */
  nextAttempt: number;
  maxAttempts: number;
}

export function failureRetryComment(f: FailureCommentInput): string {
  const why = f.error ? ` (${f.error.code}: ${sentence(f.error.message)})` : "";
  return `Agent run ended: ${f.outcome}${why}. Retrying in ${formatDuration(f.delayMs)} (attempt #${f.nextAttempt} of ${f.maxAttempts}).`;
}

export function questionComment(question: string): string {
  return `${QUESTION_PREFIX} ${question.trim()}`;
}

/** `Needs Human: <reason>.` + `What to do: <instruction>`; an empty instruction is a bug. */
export function needsHumanComment(reason: string, whatToDo: string): string {
  if (!whatToDo.trim())
    throw new OompahError("internal_error", "a Needs Human comment needs a What to do: line");
  return `Needs Human: ${sentence(reason)}.\n${WHAT_TO_DO_PREFIX} ${sentence(whatToDo)}.`;
}

export function maxAttemptsComment(m: {
  failures: number;
  outcome: string;
  error: { code: string; message: string } | null;
}): string {
  const last = m.error ? `${m.outcome}, ${m.error.code}: ${sentence(m.error.message)}` : m.outcome;
  return needsHumanComment(
    `the agent failed ${m.failures} consecutive attempts (last: ${last})`,
    "read the last run's log, clarify the issue description or split the work, then move the issue to Open to retry",
  );
}

export function costCapComment(c: { spentUsd: number; capUsd: number }): string {
  return [
    `Stopped: this issue has spent ${formatUsd(c.spentUsd)} of its ${formatUsd(c.capUsd)} cap.`,
    `${WHAT_TO_DO_PREFIX} raise the cap (POST …/cost-cap) or simplify the issue, then move it to Open.`,
  ].join("\n");
}

export function cancelledByOperatorComment(): string {
  return needsHumanComment(
    "the run was cancelled by an operator",
    "move the issue to Open to retry",
  );
}

/** `delivery.on_no_changes`: Needs Human (default) asks for a decision; Done just reports. */
export function noChangesComment(n: {
  explanation: string;
  movedTo: "Needs Human" | "Done";
}): string {
  const why = n.explanation.trim() || "no explanation given";
  if (n.movedTo === "Done") return `Agent found no change needed: ${why}`;
  return needsHumanComment(
    `the agent concluded that no change is needed: ${why}`,
    "close the issue if the explanation is right; otherwise clarify the description and move the issue to Open",
  );
}

export function deliveryErrorComment(e: { code: string; message: string }): string {
  return needsHumanComment(
    `delivery failed (${e.code}: ${sentence(e.message)})`,
    "fix the forge access or settings named above, then move the issue to Open to deliver again",
  );
}

export function deliveryRejectedComment(d: { branch: string }): string {
  return `Push of branch ${d.branch} was rejected because the remote branch moved; moved to Needs Rebase.`;
}

export function prConflictComment(url: string): string {
  return `PR ${url} has merge conflicts; moved to Needs Rebase.`;
}

export function ciFailedComment(url: string, checks: readonly string[]): string {
  return `CI failed on PR ${url} (${checks.length ? checks.join(", ") : "unnamed checks"}); moved to Needs CI Fix.`;
}

export function prMergedComment(url: string): string {
  return `PR ${url} merged; marked Merged.`;
}

export function prClosedComment(url: string): string {
  return needsHumanComment(
    `PR ${url} was closed without being merged`,
    "reopen the PR, or move the issue to Open for a fresh attempt, or Archived if the work is not wanted",
  );
}
