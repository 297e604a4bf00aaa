/**
 * Reconciliation of running runs (SPEC §7.8): each project's active issues
 * are re-read in one batched `fetchIssuesByIds`. In Progress keeps running;
 * terminal cancels the session and cleans the worktree once it has ended;
 * Open / Needs Answer / Needs Human (what an agent may set with its own
 * token) get `agent.shutdown_grace_ms` for the turn to end on its own before
 * the session is cancelled; any other status cancels and keeps the worktree
 * without writing a status; a missing issue cancels with a warning; a failed
 * read keeps the run going until the next tick.
 */
import { toOompahError } from "../domain/errors.js";
import type { CanonicalStatus } from "../domain/status.js";
import { cancelRun, type ActiveRun } from "./active-run.js";
import { cfgOf, type DispatchDeps } from "./dispatch-deps.js";
import { FETCH_TIMEOUT_MS, withTimeout } from "./snapshots.js";

const AGENT_SETTABLE: ReadonlySet<CanonicalStatus> = new Set([
  "Open",
  "Needs Answer",
  "Needs Human",
]);

/** True once the tracker claim of this run is visible (before it, the issue is still in its old status). */
function claimed(a: ActiveRun): boolean {
  return a.issue.metadata["oompah.agent_run_id"] === a.run.run_id || a.run.phase !== "preparing";
}

export async function reconcileRunning(
  deps: DispatchDeps,
  active: readonly ActiveRun[],
): Promise<void> {
  const cfg = cfgOf(deps);
  const byProject = new Map<string, ActiveRun[]>();
  for (const a of active) {
    if (a.reason !== null) continue;
    byProject.set(a.project.id, [...(byProject.get(a.project.id) ?? []), a]);
  }
  for (const [projectId, runs] of byProject) {
    let issues;
    try {
      const { tracker } = await deps.trackers.get(projectId);
      issues = await withTimeout(
        () => tracker.fetchIssuesByIds(runs.map((a) => a.run.issue_id)),
        FETCH_TIMEOUT_MS,
        `the tracker of project ${projectId}`,
      );
    } catch (e) {
      const err = toOompahError(e);
      deps.logger.warn(
        { component: "orchestrator", project: projectId, code: err.code },
        `reconciliation skipped, runs keep going: ${err.message}`,
      );
      continue;
    }
    const found = new Map(issues.map((i) => [i.id, i]));
    for (const a of runs) {
      const row = await deps.store.runs.get(a.run.run_id);
      if (row) a.run = row;
      const issue = found.get(a.run.issue_id);
      const log = { component: "orchestrator", run: a.run.run_id, issue: a.run.identifier };
      if (!issue) {
        deps.logger.warn({ ...log, code: "issue_not_found" }, "issue vanished; run cancelled");
        cancelRun(a, "reconciled");
        continue;
      }
      a.issue = issue;
      if (issue.state === "In Progress" || !claimed(a)) {
        a.agentStatusSeenAt = null;
        continue;
      }
      if (cfg.tracker.terminal_states.includes(issue.state)) {
        deps.logger.info({ ...log, state: issue.state }, "issue is terminal; run cancelled");
        a.cleanupOnExit = true;
        cancelRun(a, "reconciled");
      } else if (AGENT_SETTABLE.has(issue.state)) {
        const now = deps.now().getTime();
        a.agentStatusSeenAt ??= now;
        if (now - a.agentStatusSeenAt >= cfg.agent.shutdown_grace_ms) cancelRun(a, "reconciled");
      } else {
        deps.logger.info({ ...log, state: issue.state }, "status changed elsewhere; run cancelled");
        cancelRun(a, "reconciled");
      }
    }
  }
}
