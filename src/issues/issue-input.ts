/**
 * Turns what a person typed (HTTP body, CLI flags) into the tracker
 * contract's canonical values. The HTTP routes and direct-mode CLI both go
 * through here, so an unknown status is `unknown_status` and a bad priority
 * is `validation_failed` the same way on every path.
 */
import { OompahError } from "../domain/errors.js";
import { ISSUE_TYPES, type IssuePatch, type IssueType, type NewIssue } from "../domain/issue.js";
import { normaliseLabels } from "../domain/labels.js";
import { normalisePriority } from "../domain/priority.js";
import { CANONICAL_STATUSES, canonicalStatus, type CanonicalStatus } from "../domain/status.js";

/** Body of `POST /api/v1/issues` and `oompah task create`. */
export interface CreateIssueInput {
  project_id?: string | null | undefined;
  title: string;
  description?: string | undefined;
  type?: string | undefined;
  priority?: number | string | null | undefined;
  labels?: string[] | undefined;
  parent?: string | null | undefined;
  blocked_by?: string[] | undefined;
  status?: string | undefined;
}

/** Body of `PATCH /api/v1/projects/{pid}/issues/{iid}` (without `comment`). */
export interface UpdateIssueInput {
  status?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  priority?: number | string | null | undefined;
  type?: string | undefined;
  blocked_by?: string[] | undefined;
  parent?: string | null | undefined;
  target_branch?: string | null | undefined;
}

function invalid(field: string, message: string): OompahError {
  return new OompahError("validation_failed", `${field}: ${message}`, {
    details: { issues: [{ in: "body", path: field, message }] },
  });
}

/** The canonical status for a typed spelling (aliases allowed); unknown → `unknown_status`. */
export function parseStatus(raw: string): CanonicalStatus {
  const status = canonicalStatus(raw);
  if (status === null) {
    throw new OompahError("unknown_status", `"${raw}" is not a known status`, {
      hint: `use one of: ${CANONICAL_STATUSES.join(", ")} (or an alias such as todo, wip, closed)`,
      details: { status: raw },
    });
  }
  return status;
}

function parseTitle(raw: string): string {
  const title = raw.trim();
  if (title === "") throw invalid("title", "must not be empty");
  if (/[\r\n]/.test(title)) throw invalid("title", "must be a single line");
  return title;
}

function parseType(raw: string): IssueType {
  const type = raw.trim().toLowerCase();
  if (!(ISSUE_TYPES as readonly string[]).includes(type)) {
    throw invalid("type", `must be one of ${ISSUE_TYPES.join(", ")}`);
  }
  return type as IssueType;
}

function parsePriority(raw: number | string | null): number | null {
  if (raw === null || raw === "") return null;
  const p = normalisePriority(raw);
  if (p === null) throw invalid("priority", "must be 0-4, p0-p4 or a word such as high or low");
  return p;
}

function parseIds(raw: readonly string[]): string[] {
  return [...new Set(raw.map((s) => s.trim()).filter((s) => s !== ""))];
}

function optionalRef(raw: string | null): string | null {
  const v = raw?.trim() ?? "";
  return v === "" ? null : v;
}

/** The tracker's `NewIssue` for a create request. */
export function toNewIssue(input: CreateIssueInput): NewIssue {
  return {
    title: parseTitle(input.title),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.type === undefined ? {} : { type: parseType(input.type) }),
    ...(input.priority === undefined ? {} : { priority: parsePriority(input.priority) }),
    ...(input.labels === undefined ? {} : { labels: normaliseLabels(input.labels) }),
    ...(input.parent === undefined ? {} : { parent: optionalRef(input.parent) }),
    ...(input.blocked_by === undefined ? {} : { blocked_by: parseIds(input.blocked_by) }),
    ...(input.status === undefined ? {} : { status: parseStatus(input.status) }),
  };
}

/** The tracker's `IssuePatch` for an update request; only present keys are set. */
export function toIssuePatch(input: UpdateIssueInput): IssuePatch {
  return {
    ...(input.status === undefined ? {} : { status: parseStatus(input.status) }),
    ...(input.title === undefined ? {} : { title: parseTitle(input.title) }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.priority === undefined ? {} : { priority: parsePriority(input.priority) }),
    ...(input.type === undefined ? {} : { type: parseType(input.type) }),
    ...(input.blocked_by === undefined ? {} : { blocked_by: parseIds(input.blocked_by) }),
    ...(input.parent === undefined ? {} : { parent: optionalRef(input.parent) }),
    ...(input.target_branch === undefined
      ? {}
      : { target_branch: optionalRef(input.target_branch) }),
  };
}

/** One label, normalised; an empty label is `validation_failed`. */
export function parseLabel(raw: string): string {
  const label = normaliseLabels([raw])[0];
  if (label === undefined) throw invalid("label", "must not be empty");
  return label;
}
