/**
 * Startup recovery (SPEC §7.10). `recoverRuns` runs before the first tick:
 * every unfinished run becomes `finished/interrupted`, a recorded agent
 * process still alive with the same command line is killed (process group),
 * and the issue gets a retry due now with the same attempt number — all in
 * one transaction. `sweepProject` runs once per project when its tracker is
 * first readable: worktrees of issues already terminal are cleaned up, and
 * In Progress issues are checked against the store (a known finished run
 * without a retry → re-queued; an unknown run id → `orphaned_in_progress`).
 */
import { existsSync, readFileSync } from "node:fs";
import { toOompahError } from "../domain/errors.js";
import { issueInternalKey } from "../domain/dispatch.js";
import type { Run } from "../store/runs.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import { cfgOf, type DispatchDeps } from "./dispatch-deps.js";
import { workspaceProjectOf, type DispatchProject } from "./ports.js";

/** An In Progress issue no run of this store accounts for. */
export interface OrphanedIssue {
  project_id: string;
  issue_id: string;
  identifier: string;
  since: string;
}

/** The command line of a live process, or null (gone, or not readable on this platform). */
function cmdlineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return null;
  }
}

/** Kills the process group of `pid` when it still runs the recorded command. */
export function killIfSame(pid: number, cmdline: string | null): boolean {
  if (!cmdline || pid <= 1 || pid === process.pid) return false;
  const now = cmdlineOf(pid);
  if (now === null || now !== cmdline.trim()) return false;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      return false;
    }
  }
  return true;
}

export async function recoverRuns(deps: DispatchDeps): Promise<Run[]> {
  const now = deps.now();
  const recovered = await deps.store.transaction(async (tx) => {
    const runs = await tx.runs.markUnfinishedInterrupted(now);
    for (const r of runs) {
      const previous = await tx.retries.get(r.issue_key);
      await tx.retries.upsert({
        issue_key: r.issue_key,
        project_id: r.project_id,
        issue_id: r.issue_id,
        identifier: r.identifier,
        attempt: r.attempt,
        due_at: now.toISOString(),
        reason: "interrupted",
        error: null,
        next_profile: previous?.next_profile ?? null,
        dispatch_state: r.dispatch_state,
      });
    }
    return runs;
  });
  for (const r of recovered) {
    if (r.pid !== null && killIfSame(r.pid, r.pid_cmdline))
      deps.logger.warn(
        { component: "orchestrator", run: r.run_id, pid: r.pid },
        "killed the agent process of an interrupted run",
      );
    deps.logger.info(
      { component: "orchestrator", run: r.run_id, issue: r.identifier },
      "run interrupted by a restart; retry queued with the same attempt",
    );
  }
  return recovered;
}

/** Terminal sweep and orphan scan of one project; returns its orphans. */
export async function sweepProject(
  deps: DispatchDeps,
  project: DispatchProject,
  tracker: TrackerAdapter,
): Promise<OrphanedIssue[]> {
  const cfg = cfgOf(deps);
  const log = { component: "orchestrator", project: project.id };
  try {
    const terminal = await tracker.fetchIssuesByStates([...cfg.tracker.terminal_states]);
    const wp = workspaceProjectOf(project);
    for (const issue of terminal) {
      if (!existsSync(deps.workspace.pathFor(wp, issue.identifier))) continue;
      await deps.workspace.remove({
        project: wp,
        issue,
        workBranch: isNative(project, cfg.tracker.kind),
      });
    }
  } catch (e) {
    const err = toOompahError(e);
    deps.logger.warn({ ...log, code: err.code }, `terminal sweep failed: ${err.message}`);
  }
  const orphans: OrphanedIssue[] = [];
  try {
    const inProgress = await tracker.fetchIssuesByStates(["In Progress"]);
    for (const issue of inProgress) {
      const key = issueInternalKey(issue);
      const runId = issue.metadata["oompah.agent_run_id"];
      const run = typeof runId === "string" ? await deps.store.runs.get(runId) : undefined;
      if (!run) {
        orphans.push({
          project_id: project.id,
          issue_id: issue.id,
          identifier: issue.identifier,
          since: deps.now().toISOString(),
        });
        continue;
      }
      if (run.phase !== "finished" || (await deps.store.retries.get(key))) continue;
      if ((await deps.store.runs.listActive()).some((r) => r.issue_key === key)) continue;
      await deps.store.retries.upsert({
        issue_key: key,
        project_id: project.id,
        issue_id: issue.id,
        identifier: issue.identifier,
        attempt: run.attempt,
        due_at: deps.now().toISOString(),
        reason: "orphaned",
        error: null,
        next_profile: null,
        dispatch_state: run.dispatch_state,
      });
      deps.logger.info(
        { ...log, issue: issue.identifier },
        "re-queued an orphaned In Progress issue",
      );
    }
  } catch (e) {
    const err = toOompahError(e);
    deps.logger.warn({ ...log, code: err.code }, `orphan scan failed: ${err.message}`);
  }
  return orphans;
}

/** `oompah_md` branch names are `work_branch`es used verbatim (§11.1). */
export function isNative(project: DispatchProject, globalKind: string): boolean {
  return (project.tracker_kind ?? globalKind) === "oompah_md";
}
