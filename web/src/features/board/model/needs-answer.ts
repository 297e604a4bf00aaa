/**
 * The Needs Answer menu: the issues waiting for a reply and the question
 * each one asks — the newest comment that starts with the prefix the Needs
 * Answer sweep also relies on (§7.1 step 5, §7.11).
 */
import { QUESTION_PREFIX } from "../../../../../src/domain/comments.js";
import type { Board, Comment, Issue } from "../../../shared/wire.js";

/** Issues in Needs Answer (of one project, or of all when `projectId` is null). */
export function needsAnswerIssues(board: Board | null, projectId: string | null): Issue[] {
  const column = board?.columns.find((c) => c.status === "Needs Answer");
  return (column?.issues ?? []).filter((i) => projectId === null || i.project_id === projectId);
}

/** The text of the newest question comment, without its prefix; null when there is none. */
export function latestQuestion(comments: readonly Comment[]): string | null {
  for (let i = comments.length - 1; i >= 0; i--) {
    const text = comments[i]?.text.trim() ?? "";
    if (comments[i]?.is_oompah && text.startsWith(QUESTION_PREFIX))
      return text.slice(QUESTION_PREFIX.length).trim();
  }
  return null;
}
