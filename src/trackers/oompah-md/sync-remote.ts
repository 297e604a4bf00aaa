/**
 * The git steps of a task sync against the remote's default branch: branch
 * guard, fetch, fast-forward or rebase (a conflict is aborted, never reset),
 * and push with bounded retries. Callers hold the repository lock.
 */
import { OompahError, toOompahError } from "../../domain/errors.js";
import * as ops from "../../git/ops.js";
import type { GitContext } from "../../git/ops.js";

/** An operator-facing alert raised by the tracker (SPEC §20 alert codes). */
export interface TrackerAlert {
  /** `tracker_push_failed`, `tracker_sync_conflict`, or the code of another background failure. */
  code: string;
  message: string;
  hint?: string;
}

/** Settings of {@link RemoteSync}. */
export interface RemoteSyncOptions {
  ctx: GitContext;
  remote: string;
  branch: string;
  /** Pauses between push attempts; their count + 1 is the attempt limit. */
  pushRetryDelaysMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
  onAlert: (alert: TrackerAlert) => void;
  onHeadMoved: () => void;
}

/** Raises an OompahError as an alert too. */
export function alertOf(err: OompahError): TrackerAlert {
  return { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
}

/** Git operations of one checkout against `<remote>/<branch>`. */
export class RemoteSync {
  /** When the last successful fetch finished (epoch ms). */
  lastFetchAt = 0;

  constructor(private readonly opts: RemoteSyncOptions) {}

  get upstream(): string {
    return `${this.opts.remote}/${this.opts.branch}`;
  }

  private get ctx(): GitContext {
    return this.opts.ctx;
  }

  /** Throws `tracker_write_refused` unless the checkout is on the default branch. */
  async assertOnBranch(): Promise<void> {
    const branch = await ops.currentBranch(this.ctx);
    if (branch === this.opts.branch) return;
    throw new OompahError(
      "tracker_write_refused",
      `task checkout is on ${branch ?? "a detached HEAD"}, not the default branch ${this.opts.branch}`,
      {
        hint: `run \`git checkout ${this.opts.branch}\` in ${this.ctx.cwd}; oompah keeps this checkout on the default branch`,
        details: { branch, default_branch: this.opts.branch },
      },
    );
  }

  /** Fetches the branch; false when the remote does not have it yet. */
  async fetch(): Promise<boolean> {
    try {
      await ops.fetch(this.ctx, this.opts.remote, this.opts.branch);
    } catch (e) {
      const stderr = toOompahError(e).details?.stderr_tail;
      if (typeof stderr === "string" && /couldn't find remote ref/i.test(stderr)) return false;
      throw e;
    }
    this.lastFetchAt = Date.now();
    return true;
  }

  /** Fetch, then fast-forward or rebase onto the remote branch; false when it does not exist. */
  async integrate(): Promise<boolean> {
    const before = await ops.revParse(this.ctx, "HEAD");
    if (!(await this.fetch())) return false;
    if ((await ops.countAhead(this.ctx, "HEAD", this.upstream)) > 0) {
      if (!(await ops.mergeFfOnly(this.ctx, this.upstream))) await this.rebaseOrAbort();
    }
    if ((await ops.revParse(this.ctx, "HEAD")) !== before) this.opts.onHeadMoved();
    return true;
  }

  /** `rebase --autostash`; on failure `rebase --abort` and `tracker_sync_conflict`. */
  async rebaseOrAbort(): Promise<void> {
    try {
      await ops.rebase(this.ctx, this.upstream, { autostash: true });
    } catch (e) {
      if (await ops.rebaseInProgress(this.ctx)) await ops.rebaseAbort(this.ctx);
      const cause = toOompahError(e);
      const err = new OompahError(
        "tracker_sync_conflict",
        `task files conflict with ${this.upstream}; the local commits were kept and the rebase aborted`,
        {
          hint: `resolve by hand in ${this.ctx.cwd}: git pull --rebase ${this.opts.remote} ${this.opts.branch}, fix the task files, push`,
          details: { git_code: cause.code, ...(cause.details ?? {}) },
          cause: e,
        },
      );
      this.opts.onAlert(alertOf(err));
      throw err;
    }
  }

  /** Pushes HEAD; a rejection re-integrates and retries; the last failure is `tracker_push_failed`. */
  async push(): Promise<void> {
    const delays = this.opts.pushRetryDelaysMs;
    const attempts = delays.length + 1;
    let last: OompahError | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await ops.push(this.ctx, this.opts.remote, `HEAD:${this.opts.branch}`);
        return;
      } catch (e) {
        last = toOompahError(e);
        if (last.code !== "push_rejected" || attempt === attempts) break;
        await this.opts.sleep(delays[attempt - 1] ?? 0);
        await this.integrate();
      }
    }
    const err = new OompahError(
      "tracker_push_failed",
      `could not push task commits to ${this.upstream}: ${last?.message ?? "unknown error"}`,
      {
        hint:
          last?.hint ??
          `the commits stay in ${this.ctx.cwd} and the next flush retries; check the remote's branch protection and credentials`,
        details: { git_code: last?.code, ...(last?.details ?? {}) },
        cause: last,
      },
    );
    this.opts.onAlert(alertOf(err));
    throw err;
  }
}
