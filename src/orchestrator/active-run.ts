/**
 * An attempt the dispatcher started and has not seen finish: the claimed run,
 * the issue as last reconciled, its abort controller and the reason it was
 * cancelled (if it was). `done` settles after exit handling completed.
 */
import type { Issue } from "../domain/issue.js";
import type { Run } from "../store/runs.js";
import type { CancelReason, DispatchProject, RunRouting } from "./ports.js";

export interface ActiveRun {
  run: Run;
  issue: Issue;
  project: DispatchProject;
  routing: RunRouting;
  /** Profile this run was escalated to (carried on to its retry), or null. */
  escalatedProfile: string | null;
  controller: AbortController;
  reason: CancelReason | null;
  /** Clean up the worktree once the attempt has ended (issue went terminal). */
  cleanupOnExit: boolean;
  /** When reconciliation first saw an agent-settable status change (ms). */
  agentStatusSeenAt: number | null;
  /** Exit handling ran (the shutdown path may run it before the attempt settles). */
  exited: boolean;
  done: Promise<void>;
}

/** Aborts the attempt once; the first reason wins. */
export function cancelRun(a: ActiveRun, reason: CancelReason): void {
  if (a.reason !== null) return;
  a.reason = reason;
  a.controller.abort(new Error(`run cancelled: ${reason}`));
}
