/**
 * The Needs Answer sweep (SPEC §7.1 step 5): an issue waiting in Needs
 * Answer goes back to Open when its newest non-oompah comment is newer than
 * its newest `oompah` comment starting with `Question from agent:`, so the
 * requester's reply is what re-dispatches it.
 */
import { QUESTION_PREFIX } from "../domain/comments.js";
import { toOompahError } from "../domain/errors.js";
import type { Comment, Issue } from "../domain/issue.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import type { DispatchDeps } from "./dispatch-deps.js";

/** True when a non-oompah comment follows the newest agent question. */
export function answeredAfterQuestion(comments: readonly Comment[]): boolean {
  let question = -1;
  comments.forEach((c, i) => {
    if (c.is_oompah && c.text.trimStart().startsWith(QUESTION_PREFIX)) question = i;
  });
  if (question < 0) return false;
  const asked = comments[question]?.created_at ?? "";
  return comments.some((c, i) => i > question && !c.is_oompah && !(c.created_at < asked));
}

/** Moves answered issues to Open; returns how many moved. */
export async function sweepNeedsAnswer(
  deps: DispatchDeps,
  tracker: TrackerAdapter,
  issues: readonly Issue[],
): Promise<number> {
  if (!tracker.capabilities.comments) return 0;
  let moved = 0;
  for (const issue of issues) {
    if (issue.state !== "Needs Answer") continue;
    try {
      if (!answeredAfterQuestion(await tracker.listComments(issue.id))) continue;
      await tracker.updateIssue(issue.id, { status: "Open" });
      moved += 1;
      deps.logger.info(
        { component: "orchestrator", project: issue.project_id, issue: issue.identifier },
        "question answered; issue moved to Open",
      );
    } catch (e) {
      const err = toOompahError(e);
      deps.logger.warn(
        { component: "orchestrator", issue: issue.identifier, code: err.code },
        `Needs Answer sweep failed: ${err.message}`,
      );
    }
  }
  if (moved > 0) deps.wake("issue_mutated");
  return moved;
}
