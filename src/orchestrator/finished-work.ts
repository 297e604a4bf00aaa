/**
 * What follows an issue leaving the pipeline: worktree cleanup once it is
 * terminal (§11.4; a failure only warns, the next sweep retries) and the
 * §8.5 focus-proposal analysis once it reached Done or Merged, run in the
 * background so a slow document write never delays a tick.
 */
import { issueInternalKey } from "../domain/dispatch.js";
import { toOompahError } from "../domain/errors.js";
import type { Issue } from "../domain/issue.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import { cfgOf, type DispatchDeps } from "./dispatch-deps.js";
import { workspaceProjectOf, type DispatchProject } from "./ports.js";
import { isNative } from "./recovery.js";

export async function cleanupWorktree(
  deps: DispatchDeps,
  project: DispatchProject,
  issue: Issue,
): Promise<void> {
  try {
    await deps.workspace.remove({
      project: workspaceProjectOf(project),
      issue,
      workBranch: isNative(project, cfgOf(deps).tracker.kind),
    });
  } catch (e) {
    const err = toOompahError(e);
    deps.logger.warn(
      { component: "orchestrator", issue: issue.identifier, code: err.code },
      `worktree cleanup failed (the next sweep retries): ${err.message}`,
    );
  }
}

/** Starts the §8.5 analysis of a finished issue; the promise is tracked in `pending`. */
export function recordFinished(
  deps: DispatchDeps,
  tracker: TrackerAdapter,
  issue: Issue,
  pending: Set<Promise<unknown>>,
): void {
  const sink = deps.suggestions;
  if (!sink) return;
  const p = (async () => {
    const comments = tracker.capabilities.comments ? await tracker.listComments(issue.id) : [];
    await sink.recordFinished({
      issueId: issueInternalKey(issue),
      title: issue.title,
      description: issue.description,
      comments: comments.filter((c) => !c.is_oompah).map((c) => c.text),
    });
  })().catch((e: unknown) => {
    const err = toOompahError(e);
    deps.logger.warn(
      { component: "focus", code: err.code },
      `focus proposal analysis failed: ${err.message}`,
    );
  });
  pending.add(p);
  void p.finally(() => pending.delete(p));
}
