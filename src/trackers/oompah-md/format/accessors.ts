/** Read-only views of a {@link TaskDocument} that the adapter needs without a full Issue. */
import { isOompahAuthor } from "../../../domain/issue.js";
import type { Comment } from "../../../domain/issue.js";
import { canonicalStatus } from "../../../domain/status.js";
import type { CanonicalStatus } from "../../../domain/status.js";
import { bodyComments } from "./body.js";
import { commentTimestampToIso } from "./comment-time.js";
import { fmGet } from "./front-matter.js";
import type { TaskDocument } from "./task-file.js";

/** Distinct spellings remembered by {@link cachedCanonicalStatus}; the memo starts over beyond this. */
const STATUS_MEMO_LIMIT = 256;
const statusMemo = new Map<string, CanonicalStatus | null>();

/**
 * `canonicalStatus` remembered per spelling: a listing of thousands of tasks
 * meets the same few status values and directory names on every file.
 */
export function cachedCanonicalStatus(raw: string): CanonicalStatus | null {
  const hit = statusMemo.get(raw);
  if (hit !== undefined) return hit;
  if (statusMemo.size >= STATUS_MEMO_LIMIT) statusMemo.clear();
  const status = canonicalStatus(raw);
  statusMemo.set(raw, status);
  return status;
}

/** The task id from the front matter. */
export function docId(doc: TaskDocument): string {
  const id = fmGet(doc.frontMatter, "id");
  return typeof id === "string" ? id.trim() : String(id);
}

/** The front-matter status as a canonical status; null when absent or unmapped. */
export function docStatus(doc: TaskDocument): CanonicalStatus | null {
  const raw = fmGet(doc.frontMatter, "status");
  return typeof raw === "string" ? cachedCanonicalStatus(raw) : null;
}

/** The raw front-matter `status` text, or null. */
export function docNativeStatus(doc: TaskDocument): string | null {
  const raw = fmGet(doc.frontMatter, "status");
  return typeof raw === "string" ? raw : null;
}

/** `updated_at` as written, or null. */
export function docUpdatedAt(doc: TaskDocument): string | null {
  return optionalString(fmGet(doc.frontMatter, "updated_at"));
}

/** `updated_at` as epoch milliseconds (for the duplicate-id rule), or null when unreadable. */
export function docUpdatedAtMs(doc: TaskDocument): number | null {
  const raw = docUpdatedAt(doc);
  if (raw === null) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : ms;
}

/** The description (the `## Summary` text). */
export function docDescription(doc: TaskDocument): string {
  return doc.body.summary.description;
}

/** Comments oldest first, ids `<ID>#<n>` (1-based, document order). */
export function docComments(doc: TaskDocument): Comment[] {
  const id = docId(doc);
  return bodyComments(doc.body).map((e, i) => ({
    id: `${id}#${i + 1}`,
    author: e.author,
    created_at: commentTimestampToIso(e.created),
    text: e.text,
    is_oompah: isOompahAuthor(e.author),
  }));
}

/** All `oompah.*` front-matter keys with their values, in file order. */
export function docMetadata(doc: TaskDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of doc.frontMatter.entries) if (e.key.startsWith("oompah.")) out[e.key] = e.value;
  return out;
}

/** A trimmed non-empty string (numbers as text), else null. */
export function optionalString(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return null;
  const s = v.trim();
  return s === "" ? null : s;
}
