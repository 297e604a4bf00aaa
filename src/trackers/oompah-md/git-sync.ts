/**
 * Git sync of native task files (SPEC §5.2 "Git sync"). Mutations are
 * recorded and committed in debounced batches; a flush commits, integrates
 * origin's default branch and pushes, all under the project lock.
 *
 * Deliberate ordering: the flush commits the staged task files *before*
 * fetching and integrating. Integrating first (as the SPEC lists the steps)
 * would need `rebase --autostash` over uncommitted task files, and git 2.39
 * reports success while leaving conflict markers in the tree when the stash
 * does not re-apply cleanly. Committing first makes every conflict a plain
 * rebase conflict that `git rebase --abort` fully undoes.
 */
import { OompahError, toOompahError } from "../../domain/errors.js";
import * as ops from "../../git/ops.js";
import type { GitContext } from "../../git/ops.js";
import { withRepoLock } from "../../git/repo-lock.js";
import { commitSubject, mergeVerb, verbsFromStaged, type SyncVerb } from "./commit-subject.js";
import { ATTACHMENTS_DIR, TASKS_DIR } from "./layout.js";

/** An operator-facing alert raised by the tracker (SPEC §20 alert codes). */
export interface TrackerAlert {
  /** `tracker_push_failed`, `tracker_sync_conflict`, or the code of another background failure. */
  code: string;
  message: string;
  hint?: string;
}

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
  private readonly remote: string;
  private readonly pending = new Map<string, SyncVerb>();
  private timer: NodeJS.Timeout | null = null;
  private firstPendingAt: number | null = null;
  private lastFetchAt = 0;
  private closed = false;

  constructor(private readonly opts: TaskGitSyncOptions) {
    this.ctx = { cwd: opts.repoPath, env: opts.env };
    this.remote = opts.remote ?? "origin";
  }

  private get upstream(): string {
    return `${this.remote}/${this.opts.defaultBranch}`;
  }

  /** Throws `tracker_write_refused` unless the checkout is on the default branch. */
  async assertOnDefaultBranch(): Promise<void> {
    const branch = await ops.currentBranch(this.ctx);
    if (branch !== this.opts.defaultBranch) {
      throw new OompahError(
        "tracker_write_refused",
        `task checkout is on ${branch ?? "a detached HEAD"}, not the default branch ${this.opts.defaultBranch}`,
        {
          hint: `run \`git checkout ${this.opts.defaultBranch}\` in ${this.opts.repoPath}; oompah keeps this checkout on the default branch`,
          details: { branch, default_branch: this.opts.defaultBranch },
        },
      );
    }
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
    // Push failures and conflicts already raised their alert inside flush().
    if (err.code === "tracker_push_failed" || err.code === "tracker_sync_conflict") return;
    this.opts.onAlert?.({
      code: err.code,
      message: err.message,
      ...(err.hint ? { hint: err.hint } : {}),
    });
  }

  /** True when recorded mutations await a commit. */
  get hasPending(): boolean {
    return this.pending.size > 0;
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
    await this.assertOnDefaultBranch();
    await ops.add(this.ctx, SYNC_PATHS);
    if (await ops.hasStagedChanges(this.ctx)) {
      const staged = verbsFromStaged(await ops.stagedChanges(this.ctx));
      const verbs = new Map(this.pending);
      for (const v of staged) if (!verbs.has(v.id)) verbs.set(v.id, v);
      await ops.commit(this.ctx, commitSubject([...verbs.values()]), { noVerify: true });
    }
    this.pending.clear();
    this.firstPendingAt = null;
    const remoteHasBranch = await this.fetchAndIntegrate();
    if (remoteHasBranch && (await ops.countAhead(this.ctx, this.upstream)) === 0) return;
    await this.pushWithRetries();
  }

  /** Fetches the default branch; false when the remote does not have it yet. */
  private async fetch(): Promise<boolean> {
    try {
      await ops.fetch(this.ctx, this.remote, this.opts.defaultBranch);
    } catch (e) {
      const err = toOompahError(e);
      const stderr = err.details?.stderr_tail;
      if (typeof stderr === "string" && /couldn't find remote ref/i.test(stderr)) return false;
      throw e;
    }
    this.lastFetchAt = Date.now();
    return true;
  }

  /** Fetch, then fast-forward or rebase onto the remote branch; false when it does not exist. */
  private async fetchAndIntegrate(): Promise<boolean> {
    const before = await ops.revParse(this.ctx, "HEAD");
    if (!(await this.fetch())) return false;
    if ((await ops.countAhead(this.ctx, "HEAD", this.upstream)) > 0) {
      if (!(await ops.mergeFfOnly(this.ctx, this.upstream))) await this.rebaseOrAbort();
    }
    const after = await ops.revParse(this.ctx, "HEAD");
    if (before !== after) this.opts.onHeadMoved?.();
    return true;
  }

  private async rebaseOrAbort(): Promise<void> {
    try {
      await ops.rebase(this.ctx, this.upstream, { autostash: true });
    } catch (e) {
      if (await ops.rebaseInProgress(this.ctx)) await ops.rebaseAbort(this.ctx);
      const cause = toOompahError(e);
      const err = new OompahError(
        "tracker_sync_conflict",
        `task files conflict with ${this.upstream}; the local commits were kept and the rebase aborted`,
        {
          hint: `resolve by hand in ${this.opts.repoPath}: git pull --rebase ${this.remote} ${this.opts.defaultBranch}, fix the task files, push`,
          details: { git_code: cause.code, ...(cause.details ?? {}) },
          cause: e,
        },
      );
      this.opts.onAlert?.({
        code: err.code,
        message: err.message,
        ...(err.hint ? { hint: err.hint } : {}),
      });
      throw err;
    }
  }

  private async pushWithRetries(): Promise<void> {
    const delays = this.opts.pushRetryDelaysMs ?? [100, 200];
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const attempts = delays.length + 1;
    let last: OompahError | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await ops.push(this.ctx, this.remote, `HEAD:${this.opts.defaultBranch}`);
        return;
      } catch (e) {
        last = toOompahError(e);
        if (last.code !== "push_rejected" || attempt === attempts) break;
        await sleep(delays[attempt - 1] ?? 0);
        await this.fetchAndIntegrate();
      }
    }
    const err = new OompahError(
      "tracker_push_failed",
      `could not push task commits to ${this.remote}/${this.opts.defaultBranch}: ${last?.message ?? "unknown error"}`,
      {
        hint:
          last?.hint ??
          `the commits stay in ${this.opts.repoPath} and the next flush retries; check the remote's branch protection and credentials`,
        details: { git_code: last?.code, ...(last?.details ?? {}) },
        cause: last,
      },
    );
    this.opts.onAlert?.({
      code: err.code,
      message: err.message,
      ...(err.hint ? { hint: err.hint } : {}),
    });
    // Commits stay local; make sure another flush happens even without new writes.
    this.firstPendingAt = Date.now();
    this.schedule(this.opts.maxPendingMs ?? 60_000);
    throw err;
  }

  /**
   * Brings remote changes into the checkout (fetch at most once per
   * `fetchIntervalMs` unless forced). Uncommitted task files are never
   * autostashed: if a fast-forward is impossible while they exist, a flush is
   * scheduled instead (it commits first, then rebases). Resolves true when HEAD moved.
   */
  async pull(opts: { force?: boolean } = {}): Promise<boolean> {
    const interval = this.opts.fetchIntervalMs ?? 0;
    if (!opts.force && Date.now() - this.lastFetchAt < interval) return false;
    return withRepoLock(this.opts.repoPath, async () => {
      if ((await ops.currentBranch(this.ctx)) !== this.opts.defaultBranch) return false;
      const before = await ops.revParse(this.ctx, "HEAD");
      if (!(await this.fetch())) return false;
      if ((await ops.countAhead(this.ctx, "HEAD", this.upstream)) === 0) return false;
      if (!(await ops.mergeFfOnly(this.ctx, this.upstream))) {
        const dirty = (await ops.statusPorcelain(this.ctx)).some((s) => s.xy !== "??");
        if (dirty || this.pending.size > 0) {
          this.schedule(0);
          return false;
        }
        await this.rebaseOrAbort();
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
    const upstreamKnown = (await ops.revParse(this.ctx, this.upstream)) !== null;
    const ahead = upstreamKnown ? await ops.countAhead(this.ctx, this.upstream) : 0;
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
