/**
 * The `oompah_md` tracker adapter (SPEC §5.2): task files under
 * `.oompah/tasks/<status>/<ID>.md`, read through an incrementally refreshed
 * cache and written atomically under the per-repository lock, optionally
 * committed and pushed by {@link TaskGitSync}.
 *
 * Every mutation re-reads its file from disk inside the lock, so several
 * adapter instances on one repository never lose each other's writes.
 */
import { OompahError } from "../../domain/errors.js";
import type { Comment, Issue, IssuePatch, NewIssue } from "../../domain/issue.js";
import { normaliseLabels } from "../../domain/labels.js";
import type { CanonicalStatus } from "../../domain/status.js";
import { withRepoLock } from "../../git/repo-lock.js";
import type { MetadataKey, TrackerAdapter, TrackerCapabilities } from "../tracker.js";
import {
  addDocComment,
  applyIssuePatch,
  docComments,
  newTaskDocument,
  setDocMetadata,
  taskToIssue,
  type TaskDocument,
} from "./format/index.js";
import type { FreshIndex } from "./fresh-index.js";
import type { TaskGitSync } from "./git-sync.js";
import { freezeIssue, type TaskEntry } from "./task-entry.js";
import { TaskWriter } from "./task-writer.js";

/** Collaborators of the adapter, built by `createOompahMdTracker`. */
export interface OompahMdParts {
  projectId: string;
  repoPath: string;
  fresh: FreshIndex;
  sync: TaskGitSync | null;
  now: () => Date;
  /** Resolves once start-up recovery (committing orphaned task files) has been scheduled. */
  startup: Promise<void>;
  onChange?: () => void;
}

function notFound(id: string): OompahError {
  return new OompahError("tracker_not_found", `task ${id} does not exist`, { details: { id } });
}

function closedError(): OompahError {
  return new OompahError("tracker_closed", "the tracker adapter is closed");
}

/** The native Markdown tracker. */
export class OompahMdTracker implements TrackerAdapter {
  readonly kind = "oompah_md" as const;
  readonly capabilities: TrackerCapabilities = {
    create: true,
    comments: true,
    labels: true,
    dependencies: true,
    metadata: true,
    nativeStatusSet: false,
  };
  private readonly issues = new WeakMap<TaskEntry, Issue>();
  private readonly writer: TaskWriter;
  private closed = false;

  constructor(private readonly parts: OompahMdParts) {
    this.writer = new TaskWriter(parts.repoPath, parts.fresh, parts.sync, parts.now);
  }

  /** The cache generation (bumps on every observed change). */
  get generation(): number {
    return this.parts.fresh.index.generation;
  }

  /**
   * The issue of a cache entry. Issues are frozen snapshots shared between
   * callers (copying 10,000 issues per listing costs more than the listing);
   * a new snapshot is made only when a blocker's status changed.
   */
  private toIssue(entry: TaskEntry): Issue {
    if (entry.issue.blocked_by.length === 0) return entry.issue;
    const cached = this.issues.get(entry) ?? entry.issue;
    const index = this.parts.fresh.index;
    const states = cached.blocked_by.map((b) => index.get(b.id)?.status ?? null);
    if (states.every((s, i) => cached.blocked_by[i]?.state === s)) return cached;
    const blocked_by = cached.blocked_by.map((b, i) =>
      Object.freeze({ ...b, state: states[i] ?? null }),
    );
    const next = freezeIssue({ ...cached, blocked_by });
    this.issues.set(entry, next);
    return next;
  }

  /** The entry for `id`, rescanning once before concluding it does not exist. */
  private async entryFor(id: string): Promise<TaskEntry> {
    await this.parts.fresh.ensureFresh();
    let entry = this.parts.fresh.index.get(id);
    if (!entry) {
      await this.parts.fresh.rescan();
      entry = this.parts.fresh.index.get(id);
    }
    if (!entry) throw notFound(id);
    // A single-issue read re-stats its file, so it is current even before a watcher event.
    if (await this.parts.fresh.index.refreshPaths([entry.relPath])) {
      entry = this.parts.fresh.index.get(id);
      if (!entry) return this.entryFor(id);
    }
    return entry;
  }

  async fetchIssuesByStates(
    states: CanonicalStatus[],
    opts: { signal?: AbortSignal } = {},
  ): Promise<Issue[]> {
    opts.signal?.throwIfAborted();
    await this.parts.fresh.ensureFresh();
    opts.signal?.throwIfAborted();
    const out: Issue[] = [];
    for (const state of new Set(states)) {
      for (const entry of this.parts.fresh.index.withStatus(state)) out.push(this.toIssue(entry));
    }
    return out;
  }

  async fetchIssuesByIds(ids: string[]): Promise<Issue[]> {
    if (ids.length === 0) return [];
    await this.parts.fresh.ensureFresh();
    const index = this.parts.fresh.index;
    // A task created moments ago by another writer may not have reached the cache yet.
    const missing = ids.filter((id) => !index.get(id));
    if (missing.length > 0) await index.probeIds(missing);
    const out: Issue[] = [];
    for (const id of ids) {
      const entry = index.get(id);
      if (entry) out.push(this.toIssue(entry));
    }
    return out;
  }

  async getIssueDetail(id: string): Promise<{ issue: Issue; comments: Comment[] }> {
    const entry = await this.entryFor(id);
    const doc = this.parts.fresh.index.docOf(entry);
    return { issue: this.toIssue(entry), comments: doc ? docComments(doc) : [] };
  }

  async listComments(id: string): Promise<Comment[]> {
    return (await this.getIssueDetail(id)).comments;
  }

  async getMetadata(id: string): Promise<Record<string, unknown>> {
    return { ...(await this.getIssueDetail(id)).issue.metadata };
  }

  async createIssue(input: NewIssue): Promise<Issue> {
    if (this.closed) throw closedError();
    await this.parts.startup;
    const entry = await withRepoLock(this.parts.repoPath, () =>
      this.writer.create((id) => newTaskDocument({ ...input, id }, this.parts.now())),
    );
    return this.toIssue(entry);
  }

  async updateIssue(id: string, patch: IssuePatch): Promise<Issue> {
    const entry = await this.mutate(
      id,
      (d, now) => ({ doc: applyIssuePatch(d, patch, now) }),
      "update",
    );
    return this.toIssue(entry);
  }

  async addComment(id: string, c: { author: string; text: string }): Promise<Comment> {
    let comment: Comment | null = null;
    await this.mutate(
      id,
      (d, now) => {
        const r = addDocComment(d, c, now);
        comment = r.comment;
        return { doc: r.doc };
      },
      "comment",
    );
    if (!comment) throw new OompahError("internal_error", `comment on ${id} was not recorded`);
    return comment;
  }

  async addLabel(id: string, label: string): Promise<void> {
    await this.mutate(
      id,
      (d, now) => {
        const current = taskToIssue(d, { projectId: this.parts.projectId, dirStatus: null }).labels;
        return { doc: applyIssuePatch(d, { labels: normaliseLabels([...current, label]) }, now) };
      },
      "update",
    );
  }

  async removeLabel(id: string, label: string): Promise<void> {
    const gone = normaliseLabels([label])[0];
    await this.mutate(
      id,
      (d, now) => {
        const current = taskToIssue(d, { projectId: this.parts.projectId, dirStatus: null }).labels;
        return { doc: applyIssuePatch(d, { labels: current.filter((l) => l !== gone) }, now) };
      },
      "update",
    );
  }

  async setMetadata(id: string, key: MetadataKey, value: unknown): Promise<void> {
    if (!key.startsWith("oompah.") || key.length <= "oompah.".length) {
      throw new OompahError(
        "invalid_metadata_key",
        `metadata key "${key}" must start with "oompah."`,
      );
    }
    await this.mutate(
      id,
      (d, now) => ({ doc: setDocMetadata(d, key, value ?? null, now) }),
      "update",
    );
  }

  private async mutate(
    id: string,
    apply: (doc: TaskDocument, now: Date) => { doc: TaskDocument },
    verb: "update" | "comment",
  ): Promise<TaskEntry> {
    if (this.closed) throw closedError();
    await this.parts.startup;
    return withRepoLock(this.parts.repoPath, () => this.writer.update(id, apply, verb));
  }

  /** Brings remote changes into the checkout (git sync only); the cache follows HEAD. */
  async pull(opts: { force?: boolean } = {}): Promise<void> {
    if (!this.parts.sync) return;
    await this.parts.startup;
    if (await this.parts.sync.pull(opts)) {
      this.parts.fresh.invalidate();
      this.parts.onChange?.();
    }
  }

  async flush(): Promise<void> {
    await this.parts.startup;
    await this.parts.sync?.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.parts.fresh.close();
    await this.parts.startup;
    await this.parts.sync?.close();
  }

  /** Stops watchers and timers without committing (the repository is going away). */
  async dispose(): Promise<void> {
    this.closed = true;
    await this.parts.fresh.close({ save: false });
    await this.parts.startup.catch(() => undefined);
    await this.parts.sync?.close({ flushPending: false });
  }
}
