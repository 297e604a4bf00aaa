/**
 * Pure edits of a task document. Each returns a new document and leaves its
 * input untouched; an edit that changes nothing returns the input itself, so
 * `serializeTaskFile(old) === serializeTaskFile(new)` tells the adapter to skip
 * the write. `updated_at` moves only together with a real change.
 */
import { OompahError } from "../../../domain/errors.js";
import { normaliseIssueType } from "../../../domain/issue.js";
import type { Comment, IssuePatch } from "../../../domain/issue.js";
import { normaliseLabels } from "../../../domain/labels.js";
import { normalisePriority } from "../../../domain/priority.js";
import { docComments } from "./accessors.js";
import { appendCommentEntry } from "./body.js";
import { formatCommentTimestamp } from "./comment-time.js";
import { demoteHeadings, normaliseDescription } from "./description.js";
import { fmDelete, fmHas, fmSet } from "./front-matter.js";
import { uniqueIds } from "./new-task.js";
import type { TaskDocument } from "./task-file.js";

type Edit = (doc: TaskDocument) => boolean;

/** Clones `doc`, applies `edit`, and stamps `updated_at` when it changed something. */
function edit(doc: TaskDocument, now: Date, fn: Edit): TaskDocument {
  const copy = structuredClone(doc);
  if (!fn(copy)) return doc;
  fmSet(copy.frontMatter, "updated_at", now.toISOString());
  return copy;
}

/** Sets a core key; an absent key already means null/[], so writing that is no change. */
function setCore(doc: TaskDocument, key: string, value: unknown): boolean {
  const empty = value === null || (Array.isArray(value) && value.length === 0);
  if (empty && !fmHas(doc.frontMatter, key)) return false;
  return fmSet(doc.frontMatter, key, value);
}

/** Sets an `oompah.*` compatibility mirror; null removes it. */
function setMirror(doc: TaskDocument, key: string, value: string | null): boolean {
  return value === null ? fmDelete(doc.frontMatter, key) : fmSet(doc.frontMatter, key, value);
}

function setDescription(doc: TaskDocument, description: string): boolean {
  const next = normaliseDescription(description);
  const current = doc.body.summary.description;
  if (current === next || current === demoteHeadings(next)) return false;
  doc.body.summary = { ...doc.body.summary, raw: null, description: next };
  return true;
}

export function applyIssuePatch(doc: TaskDocument, patch: IssuePatch, now: Date): TaskDocument {
  return edit(doc, now, (d) => {
    let changed = false;
    const core = (key: string, value: unknown): void => {
      if (setCore(d, key, value)) changed = true;
    };
    const mirror = (key: string, value: string | null): void => {
      if (setMirror(d, key, value)) changed = true;
    };
    if (patch.status !== undefined) core("status", patch.status);
    if (patch.title !== undefined) core("title", patch.title);
    if (patch.description !== undefined && setDescription(d, patch.description)) changed = true;
    if (patch.priority !== undefined) {
      core("priority", patch.priority === null ? null : normalisePriority(patch.priority));
    }
    if (patch.type !== undefined) core("type", normaliseIssueType(patch.type));
    if (patch.labels !== undefined) core("labels", normaliseLabels(patch.labels));
    if (patch.blocked_by !== undefined) core("blocked_by", uniqueIds(patch.blocked_by));
    if (patch.parent !== undefined) core("parent", patch.parent);
    if (patch.assignee !== undefined) core("assignee", patch.assignee);
    if (patch.target_branch !== undefined) {
      core("target_branch", patch.target_branch);
      mirror("oompah.target_branch", patch.target_branch);
    }
    if (patch.review !== undefined) {
      const r = patch.review;
      const fields: [string, string | null][] = [
        ["review_url", r?.url ?? null],
        ["review_number", r?.number == null ? null : String(r.number)],
        ["review_head", r?.head_sha ?? null],
      ];
      for (const [key, value] of fields) {
        core(key, value);
        mirror(`oompah.${key}`, value);
      }
    }
    return changed;
  });
}

/** Sets (or, with null, deletes) one `oompah.*` key; the value is stored as plain JSON data. */
export function setDocMetadata(
  doc: TaskDocument,
  key: string,
  value: unknown,
  now: Date,
): TaskDocument {
  if (!/^oompah\.\S+$/.test(key)) {
    throw new OompahError(
      "invalid_metadata_key",
      `metadata key "${key}" must start with "oompah."`,
    );
  }
  if (value === null || value === undefined)
    return edit(doc, now, (d) => fmDelete(d.frontMatter, key));
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) {
    throw new OompahError("invalid_metadata_value", `metadata ${key} is not JSON-serialisable`);
  }
  return edit(doc, now, (d) => fmSet(d.frontMatter, key, JSON.parse(json) as unknown));
}

/** Appends a comment (timestamped `now`, UTC to the minute) and returns it as it will read back. */
export function addDocComment(
  doc: TaskDocument,
  c: { author: string; text: string },
  now: Date,
): { doc: TaskDocument; comment: Comment } {
  const author = c.author.replace(/\s+/g, " ").trim();
  if (author === "") throw new OompahError("invalid_comment", "a comment needs an author");
  const text = c.text.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  const created = formatCommentTimestamp(now);
  const next = edit(doc, now, (d) => {
    appendCommentEntry(d.body, { author, created, text });
    return true;
  });
  const comment = docComments(next).at(-1);
  if (!comment) throw new OompahError("internal_error", "comment was not recorded");
  return { doc: next, comment };
}
