/**
 * Git sync of native task files (SPEC §5.2 "Git sync"). Mutations are
 * recorded and committed in debounced batches (at most `maxPendingMs` after
 * the first); a flush commits, integrates origin's default branch and pushes,
 * all under the project lock.
 *
 * Deliberate ordering: the flush commits the staged task files *before*
 * fetching and integrating. Integrating first (as the SPEC lists the steps)
 * would need `rebase --autostash` over uncommitted task files, and git 2.39
 * reports success while leaving conflict markers in the tree when the stash
 * does not re-apply cleanly. Committing first makes every conflict a plain
 * rebase conflict that `git rebase --abort` fully undoes.
 */
import { toOompahError } from "../../domain/errors.js";
import * as ops from "../../git/ops.js";
import type { GitContext } from "../../git/ops.js";
import { withRepoLock } from "../../git/repo-lock.js";
import { commitSubject, mergeVerb, verbsFromStaged, type SyncVerb } from "./commit-subject.js";
import { ATTACHMENTS_DIR, TASKS_DIR } from "./layout.js";
import { alertOf, RemoteSync, type TrackerAlert } from "./sync-remote.js";

export type { TrackerAlert } from "./sync-remote.js";

/** Settings of one project's task sync. */
export interface TaskGitSyncOptions {
  repoPath: string;
  defaultBranch: string;
  /** Complete git environment, project identity included. */
  env: NodeJS.ProcessEnv;
  /** Quiet period before a batch is committed. */
  debounceMs: number;
  /** Upper bound on how long recorded mutations stay uncommitted; default 60 s. */
  maxPendingMs?: number;
  /** Pauses between push attempts; their count + 1 is the attempt limit. Default [100, 200]. */
  pushRetryDelaysMs?: readonly number[];
  /** Minimum interval between fetches done by `pull()`; default 0. */
  fetchIntervalMs?: number;
  remote?: string;
  onAlert?: (alert: TrackerAlert) => void;
  /** Called when a pull moved HEAD (the read cache must be rebuilt). */
  onHeadMoved?: () => void;
  sleep?: (ms: number) => Promise<void>;
}

const SYNC_PATHS = [TASKS_DIR, ATTACHMENTS_DIR];

/** Debounced commit/push and pull of the task files of one checkout. */
export class TaskGitSync {
  private readonly ctx: GitContext;
  private readonly remote: RemoteSync;
  private readonly pending = new Map<string, SyncVerb>();
  private timer: NodeJS.Timeout | null = null;
  private firstPendingAt: number | null = null;
  private closed = false;

  constructor(private readonly opts: TaskGitSyncOptions) {
    this.ctx = { cwd: opts.repoPath, env: opts.env };
    this.remote = new RemoteSync({
      ctx: this.ctx,
      remote: opts.remote ?? "origin",
      branch: opts.defaultBranch,
      pushRetryDelaysMs: opts.pushRetryDelaysMs ?? [100, 200],
      sleep: opts.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms))),
      onAlert: (a) => opts.onAlert?.(a),
      onHeadMoved: () => opts.onHeadMoved?.(),
    });
  }

  /** Throws `tracker_write_refused` unless the checkout is on the default branch. */
  assertOnDefaultBranch(): Promise<void> {
    return this.remote.assertOnBranch();
  }

  /** Records a mutation and (re)arms the debounce timer. */
  record(verb: SyncVerb): void {
    this.pending.set(verb.id, mergeVerb(this.pending.get(verb.id), verb));
    this.firstPendingAt ??= Date.now();
    this.schedule(this.opts.debounceMs);
  }

  /** Arms the flush timer, never later than `maxPendingMs` after the first pending change. */
  schedule(delayMs: number): void {
    if (this.closed) return;
    const cap = this.opts.maxPendingMs ?? 60_000;
    const deadline = (this.firstPendingAt ?? Date.now()) + cap;
    const wait = Math.max(0, Math.min(delayMs, deadline - Date.now()));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((e: unknown) => this.reportBackground(e));
    }, wait);
    this.timer.unref();
  }

  private reportBackground(e: unknown): void {
    const err = toOompahError(e, "tracker_sync_failed");
    // Push failures and conflicts already raised their alert.
    if (err.code === "tracker_push_failed" || err.code === "tracker_sync_conflict") return;
    this.opts.onAlert?.(alertOf(err));
  }

  /** Commits, integrates and pushes under the project lock. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      await withRepoLock(this.opts.repoPath, () => this.flushLocked());
    } catch (e) {
      // Whatever is committed or staged stays; try again later even without new writes.
      this.firstPendingAt = Date.now();
      this.schedule(this.opts.maxPendingMs ?? 60_000);
      throw e;
    }
  }

  private async flushLocked(): Promise<void> {
    await this.remote.assertOnBranch();
    await ops.add(this.ctx, SYNC_PATHS);
    if (await ops.hasStagedChanges(this.ctx)) {
      const staged = verbsFromStaged(await ops.stagedChanges(this.ctx));
      const verbs = new Map(this.pending);
      for (const v of staged) if (!verbs.has(v.id)) verbs.set(v.id, v);
      await ops.commit(this.ctx, commitSubject([...verbs.values()]), { noVerify: true });
    }
    this.pending.clear();
    this.firstPendingAt = null;
    const remoteHasBranch = await this.remote.integrate();
    if (remoteHasBranch && (await ops.countAhead(this.ctx, this.remote.upstream)) === 0) return;
    await this.remote.push();
  }

  /**
   * Brings remote changes into the checkout (fetch at most once per
   * `fetchIntervalMs` unless forced). Uncommitted task files are never
   * autostashed: if a fast-forward is impossible while they exist, a flush is
   * scheduled instead (it commits first, then rebases). Resolves true when HEAD moved.
   */
  async pull(opts: { force?: boolean } = {}): Promise<boolean> {
    const interval = this.opts.fetchIntervalMs ?? 0;
    if (!opts.force && Date.now() - this.remote.lastFetchAt < interval) return false;
    return withRepoLock(this.opts.repoPath, async () => {
      if ((await ops.currentBranch(this.ctx)) !== this.opts.defaultBranch) return false;
      const before = await ops.revParse(this.ctx, "HEAD");
      if (!(await this.remote.fetch())) return false;
      const upstream = this.remote.upstream;
      if ((await ops.countAhead(this.ctx, "HEAD", upstream)) === 0) return false;
      if (!(await ops.mergeFfOnly(this.ctx, upstream))) {
        const dirty = (await ops.statusPorcelain(this.ctx)).some((s) => s.xy !== "??");
        if (dirty || this.pending.size > 0) {
          this.schedule(0);
          return false;
        }
        await this.remote.rebaseOrAbort();
      }
      const moved = (await ops.revParse(this.ctx, "HEAD")) !== before;
      if (moved) this.opts.onHeadMoved?.();
      return moved;
    });
  }

  /**
   * Start-up repair: task files written by a process that died before its
   * commit (or commits it could not push) are scheduled for a flush.
   */
  async recover(): Promise<void> {
    const dirty = await ops.statusPorcelain(this.ctx, SYNC_PATHS);
    const upstream = this.remote.upstream;
    const upstreamKnown = (await ops.revParse(this.ctx, upstream)) !== null;
    const ahead = upstreamKnown ? await ops.countAhead(this.ctx, upstream) : 0;
    if (dirty.length > 0 || ahead > 0) {
      this.firstPendingAt ??= Date.now();
      this.schedule(this.opts.debounceMs);
    }
  }

  /**
   * Stops the timer; flushes first unless `flushPending` is false. A failed
   * final flush is reported through `onAlert` (the commits stay local).
   */
  async close(opts: { flushPending?: boolean } = {}): Promise<void> {
    if (opts.flushPending !== false && !this.closed) {
      const needed = this.pending.size > 0 || this.timer !== null;
      if (needed) await this.flush().catch((e: unknown) => this.reportBackground(e));
    }
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
