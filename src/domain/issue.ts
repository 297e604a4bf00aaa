/**
 * The normalised Issue (SPEC §4.1) every tracker adapter returns, plus the
 * write-side shapes of the adapter contract (§5.1). Every field is always
 * present — `null` or `[]` when unknown — so templates and rules never have to
 * distinguish "missing" from "empty"; {@link makeIssue} guarantees that.
 */
import type { CanonicalStatus } from "./status.js";

export const ISSUE_TYPES = ["bug", "feature", "task", "epic", "chore"] as const;

/** The kind of work; unknown or absent native types read as `task`. */
export type IssueType = (typeof ISSUE_TYPES)[number];

/** A finish-before-start dependency; `state` is null when the blocker's status is unknown. */
export interface BlockedBy {
  id: string;
  identifier: string;
  state: CanonicalStatus | null;
}

/** The pull/merge request delivery linked to the issue. */
export interface IssueReview {
  url: string | null;
  number: number | null;
  head_sha: string | null;
}

/** One attachment record (SPEC §14, manifest fields such as path, mime_type, size, sha256). */
export type IssueAttachment = Record<string, unknown>;

/** The normalised issue of SPEC §4.1. */
export interface Issue {
  /** Opaque, stable, unique within the project. */
  id: string;
  /** Human key shown in the UI, commit titles and comments. */
  identifier: string;
  project_id: string;
  title: string;
  /** Plain Markdown, tracker wrappers removed. */
  description: string;
  type: IssueType;
  /** 0 (most urgent) – 4, null when unknown. */
  priority: number | null;
  state: CanonicalStatus;
  /** The tracker's own spelling of the status, when it has one. */
  native_state: string | null;
  /** Trimmed, lower-cased, de-duplicated, order preserved. */
  labels: string[];
  blocked_by: BlockedBy[];
  parent: string | null;
  children: string[];
  assignee: string | null;
  url: string | null;
  /** Adapter-suggested branch (native: `work_branch`). */
  branch_name: string | null;
  /** PR base branch; null means the project's default branch. */
  target_branch: string | null;
  review: IssueReview | null;
  /** ISO-8601 UTC. */
  created_at: string | null;
  /** ISO-8601 UTC. */
  updated_at: string | null;
  attachments: IssueAttachment[];
  /** Adapter-preserved `oompah.*` keys, full key names included. */
  metadata: Record<string, unknown>;
}

/** A comment on an issue (SPEC §5.1); authors starting with `oompah` are the service's own. */
export interface Comment {
  id: string;
  author: string;
  /** ISO-8601 UTC when the tracker's timestamp could be parsed, else its raw text. */
  created_at: string;
  text: string;
  is_oompah: boolean;
}

/** Input of `createIssue`; omitted fields take the tracker defaults (status Backlog, type task). */
export interface NewIssue {
  title: string;
  description?: string;
  type?: IssueType;
  priority?: number | null;
  labels?: string[];
  parent?: string | null;
  blocked_by?: string[];
  status?: CanonicalStatus;
  assignee?: string | null;
  target_branch?: string | null;
  /** Markdown for the Acceptance Criteria section; trackers without one ignore it. */
  acceptance_criteria?: string;
}

/** Partial update of `updateIssue`; only the keys present are changed. */
export interface IssuePatch {
  status?: CanonicalStatus;
  title?: string;
  description?: string;
  priority?: number | null;
  type?: IssueType;
  labels?: string[];
  /** Blocker ids. */
  blocked_by?: string[];
  parent?: string | null;
  assignee?: string | null;
  target_branch?: string | null;
  review?: IssueReview | null;
}

/** True for comment authors reserved for the service (`oompah`, `oompah-bot`, …). */
/** Metadata key a run sets (to its run id) when it changes its own issue's status (§7.6). */
export const STATUS_SET_BY_RUN_KEY = "oompah.status_set_by_run";

export function isOompahAuthor(author: string): boolean {
  return author.trim().toLowerCase().startsWith("oompah");
}

/** Maps a native type spelling onto {@link IssueType}; anything unknown is `task`. */
export function normaliseIssueType(raw: unknown): IssueType {
  if (typeof raw !== "string") return "task";
  const s = raw.trim().toLowerCase();
  return (ISSUE_TYPES as readonly string[]).includes(s) ? (s as IssueType) : "task";
}

/** Builds a complete Issue from the fields an adapter knows; everything else is null/[]. */
export function makeIssue(
  init: Partial<Issue> & { id: string; project_id: string; state: CanonicalStatus },
): Issue {
  return {
    identifier: init.id,
    title: "",
    description: "",
    type: "task",
    priority: null,
    native_state: null,
    labels: [],
    blocked_by: [],
    parent: null,
    children: [],
    assignee: null,
    url: null,
    branch_name: null,
    target_branch: null,
    review: null,
    created_at: null,
    updated_at: null,
    attachments: [],
    metadata: {},
    ...stripUndefined(init),
  } as Issue;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  // A plain loop: this runs once per issue of every listing (10,000-task boards).
  const out: Record<string, unknown> = {};
  for (const key in o) {
    const v = o[key];
    if (v !== undefined) out[key] = v;
  }
  return out as Partial<T>;
}
