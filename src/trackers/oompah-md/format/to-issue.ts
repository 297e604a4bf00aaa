/**
 * Task document → normalised Issue (SPEC §4.1). Statuses go through the alias
 * table; an unmapped one reads as Backlog (never dispatched) with the raw text
 * in `native_state`. Blockers carry `state: null` — the adapter fills it in
 * from the other tasks it loaded.
 */
import { makeIssue, normaliseIssueType } from "../../../domain/issue.js";
import type { Issue, IssueAttachment, IssueReview } from "../../../domain/issue.js";
import { normaliseLabels } from "../../../domain/labels.js";
import { normalisePriority } from "../../../domain/priority.js";
import type { CanonicalStatus } from "../../../domain/status.js";
import {
  docDescription,
  docId,
  docMetadata,
  docNativeStatus,
  docStatus,
  optionalString,
} from "./accessors.js";
import type { TaskDocument } from "./task-file.js";

export interface ToIssueContext {
  projectId: string;
  /** Status of the directory the file was read from (used when the front matter has none). */
  dirStatus: CanonicalStatus | null;
}

export function taskToIssue(doc: TaskDocument, ctx: ToIssueContext): Issue {
  // One map instead of a linear search per key (`fmGet`); the first entry of a key wins, as there.
  const values = new Map<string, unknown>();
  for (const e of doc.frontMatter.entries) if (!values.has(e.key)) values.set(e.key, e.value);
  const get = (key: string): unknown => values.get(key);
  const id = docId(doc);
  const nativeState = docNativeStatus(doc);
  const state = nativeState === null ? (ctx.dirStatus ?? "Backlog") : (docStatus(doc) ?? "Backlog");
  const metadata = docMetadata(doc);
  const attachments = metadata["oompah.attachments"];
  // Every field is set here, so the Issue is one literal rather than `makeIssue`'s
  // defaults-plus-spread (about an eighth of the cost of listing 10,000 tasks).
  return {
    id,
    identifier: id,
    project_id: ctx.projectId,
    title: optionalString(get("title")) ?? "",
    description: docDescription(doc),
    type: normaliseIssueType(get("type")),
    priority: normalisePriority(get("priority")),
    state,
    native_state: nativeState,
    labels: normaliseLabels(listOf(get("labels"))),
    blocked_by: idList(get("blocked_by")).map((b) => ({ id: b, identifier: b, state: null })),
    parent: optionalString(get("parent")),
    children: idList(get("children")),
    assignee: optionalString(get("assignee")),
    url: null,
    branch_name:
      optionalString(get("work_branch")) ?? optionalString(metadata["oompah.work_branch"]),
    target_branch:
      optionalString(get("target_branch")) ?? optionalString(metadata["oompah.target_branch"]),
    review: reviewOf(get, metadata),
    created_at: optionalString(get("created_at")),
    updated_at: optionalString(get("updated_at")),
    attachments: Array.isArray(attachments)
      ? attachments.filter((a): a is IssueAttachment => typeof a === "object" && a !== null)
      : [],
    metadata,
  };
}

function reviewOf(
  get: (key: string) => unknown,
  metadata: Record<string, unknown>,
): IssueReview | null {
  const pick = (key: string): string | null =>
    optionalString(get(key)) ?? optionalString(metadata[`oompah.${key}`]);
  const url = pick("review_url");
  const rawNumber = pick("review_number");
  const head = pick("review_head");
  if (url === null && rawNumber === null && head === null) return null;
  const n = rawNumber === null ? NaN : Number(rawNumber.replace(/^#/, ""));
  return { url, number: Number.isInteger(n) ? n : null, head_sha: head };
}

/** A YAML list, or a comma-separated string, as an array. */
function listOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v as unknown[];
  if (typeof v === "string") return v.split(",");
  return [];
}

/** Ids from a list (strings, numbers, or `{id}` records), trimmed, de-duplicated. */
function idList(v: unknown): string[] {
  const out: string[] = [];
  for (const item of listOf(v)) {
    const raw: unknown =
      typeof item === "object" && item !== null ? (item as Record<string, unknown>).id : item;
    const id = optionalString(raw);
    if (id !== null && !out.includes(id)) out.push(id);
  }
  return out;
}

/** The stub shown for an unreadable file (SPEC §5.2): never dispatched, never rewritten. */
export function corruptStubIssue(
  stem: string,
  dirStatus: CanonicalStatus,
  projectId: string,
): Issue {
  return makeIssue({
    id: stem,
    identifier: stem,
    project_id: projectId,
    title: "(unreadable task file)",
    state: dirStatus,
    labels: ["oompah:corrupt"],
  });
}
