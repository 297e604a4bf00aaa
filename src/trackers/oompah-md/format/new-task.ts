/**
 * A freshly created task, in the layout the original oompah wrote: every core
 * key in §5.2 order, then `## Summary`, `## Acceptance Criteria` (a placeholder
 * checkbox when none is given) and an empty `## Notes`.
 */
import { OompahError } from "../../../domain/errors.js";
import { normaliseIssueType } from "../../../domain/issue.js";
import type { NewIssue } from "../../../domain/issue.js";
import { normaliseLabels } from "../../../domain/labels.js";
import { normalisePriority } from "../../../domain/priority.js";
import { normaliseDescription, renderSummaryContent } from "./description.js";
import { emitEntry } from "./front-matter.js";
import { parseTaskFile } from "./task-file.js";
import type { TaskDocument } from "./task-file.js";

export const DEFAULT_ACCEPTANCE_CRITERIA = "- [ ] Define acceptance criteria.";

export function newTaskDocument(input: NewIssue & { id: string }, now: Date): TaskDocument {
  const stamp = now.toISOString();
  const target = input.target_branch ?? null;
  const entries: [string, unknown][] = [
    ["id", input.id],
    ["type", normaliseIssueType(input.type)],
    ["status", input.status ?? "Backlog"],
    ["priority", input.priority == null ? null : normalisePriority(input.priority)],
    ["title", input.title],
    ["parent", input.parent ?? null],
    ["children", []],
    ["blocked_by", uniqueIds(input.blocked_by ?? [])],
    ["labels", normaliseLabels(input.labels ?? [])],
    ["assignee", input.assignee ?? null],
    ["created_at", stamp],
    ["updated_at", stamp],
    ["work_branch", null],
    ["target_branch", target],
    ["review_url", null],
    ["review_number", null],
    ["review_head", null],
    ["merged_at", null],
  ];
  if (target !== null) entries.push(["oompah.target_branch", target]);
  const criteria = normaliseDescription(input.acceptance_criteria ?? "");
  const body =
    "## Summary\n" +
    renderSummaryContent(input.description ?? "", false) +
    "## Acceptance Criteria\n\n" +
    `${criteria === "" ? DEFAULT_ACCEPTANCE_CRITERIA : criteria}\n\n` +
    "## Notes\n\n";
  const text = `---\n${entries.map(([k, v]) => emitEntry(k, v)).join("")}---\n${body}`;
  const parsed = parseTaskFile(text, { stem: input.id, dirSlug: "" });
  if (parsed.kind !== "task") {
    throw new OompahError("internal_error", `new task ${input.id} did not parse: ${parsed.reason}`);
  }
  return parsed.doc;
}

/** Trimmed, non-empty, de-duplicated ids in input order. */
export function uniqueIds(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of ids) {
    const id = raw.trim();
    if (id !== "" && !out.includes(id)) out.push(id);
  }
  return out;
}
