/**
 * The tracker port (SPEC §5.1). The orchestrator, server and CLI talk to every
 * issue tracker through this interface only; each implementation passes the
 * shared contract suite in `test/contract/tracker-contract.ts`.
 *
 * Status values crossing this interface are always canonical; adapters map
 * to and from their native spellings.
 */
import type { Comment, Issue, IssuePatch, NewIssue } from "../domain/issue.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { TrackerKind } from "../domain/tracker-kind.js";

export { TRACKER_KINDS, type TrackerKind } from "../domain/tracker-kind.js";

/** What an adapter can do; callers skip unsupported operations instead of failing. */
export interface TrackerCapabilities {
  /** Can create new issues. */
  create: boolean;
  /** Can read and post comments. */
  comments: boolean;
  /** Can add and remove free-form labels. */
  labels: boolean;
  /** Stores `blocked_by` dependencies. */
  dependencies: boolean;
  /** Stores arbitrary `oompah.*` metadata keys. */
  metadata: boolean;
  /** Has its own status vocabulary that must be mapped to canonical statuses. */
  nativeStatusSet: boolean;
}

/** Metadata keys oompah may set are namespaced. */
export type MetadataKey = `oompah.${string}`;

/**
 * The adapter contract of SPEC §5.1. Returned issues may be frozen snapshots
 * shared with other callers (the native tracker caches them): copy before
 * changing one.
 */
export interface TrackerAdapter {
  readonly kind: TrackerKind;
  readonly capabilities: TrackerCapabilities;
  /** Issues whose canonical status is one of `states`. */
  fetchIssuesByStates(states: CanonicalStatus[], opts?: { signal?: AbortSignal }): Promise<Issue[]>;
  /** Issues in input order; an id the tracker does not know is omitted. `[]` → `[]` with no I/O. */
  fetchIssuesByIds(ids: string[]): Promise<Issue[]>;
  /** One issue and its comments; unknown id → `tracker_not_found`. */
  getIssueDetail(id: string): Promise<{ issue: Issue; comments: Comment[] }>;
  /** Comments, oldest first. */
  listComments(id: string): Promise<Comment[]>;
  /** Creates an issue (default status Backlog) and returns it as stored. */
  createIssue(input: NewIssue): Promise<Issue>;
  /** Applies a partial update and returns the issue as stored. */
  updateIssue(id: string, patch: IssuePatch): Promise<Issue>;
  /** Appends a comment and returns it as stored. */
  addComment(id: string, c: { author: string; text: string }): Promise<Comment>;
  addLabel(id: string, label: string): Promise<void>;
  removeLabel(id: string, label: string): Promise<void>;
  /** The adapter-preserved `oompah.*` keys of an issue. */
  getMetadata(id: string): Promise<Record<string, unknown>>;
  /** Sets one `oompah.*` key; `null` deletes it. */
  setMetadata(id: string, key: MetadataKey, value: unknown): Promise<void>;
  /** Pushes pending commits (called at shutdown and by tests). */
  flush(): Promise<void>;
  /** Stops timers and watchers; pending work is flushed first where the adapter batches. */
  close(): Promise<void>;
}
