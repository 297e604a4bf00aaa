/**
 * Builds the native Markdown tracker for one project (SPEC §5.2). The
 * composition root passes the project's checkout, default branch, git sync
 * settings (`tracker.git_sync`, `tracker.commit_debounce_ms`) and git identity
 * (`git_author_name` / `git_author_email`).
 */
import type { Warning } from "../../domain/errors.js";
import { identityEnv } from "../../git/git.js";
import { OompahMdTracker } from "./adapter.js";
import { FreshIndex } from "./fresh-index.js";
import { TaskGitSync, type TrackerAlert } from "./git-sync.js";

export { OompahMdTracker } from "./adapter.js";
export type { TrackerAlert } from "./git-sync.js";

/** Settings of {@link createOompahMdTracker}. */
export interface OompahMdTrackerOptions {
  projectId: string;
  /** The managed clone's main checkout (never given to agents). */
  repoPath: string;
  defaultBranch: string;
  /** Commit and push task changes (`tracker.git_sync`). */
  gitSync: boolean;
  /** Quiet period before a commit (`tracker.commit_debounce_ms`). */
  commitDebounceMs: number;
  /** Project git identity for task commits. */
  identity: { name: string; email: string };
  /** Base environment for git (defaults to `process.env`); identity and prompts are set on top. */
  env?: NodeJS.ProcessEnv;
  /** Minimum interval between fetches done by `pull()` (`polling.interval_ms`); default 0. */
  fetchIntervalMs?: number;
  /** Pauses between push attempts (default [100, 200] → 3 attempts). */
  pushRetryDelaysMs?: readonly number[];
  /** Upper bound on how long changes stay uncommitted (default 60 s). */
  maxPendingMs?: number;
  /** Persisted read cache (default `.git/oompah/task-index.json`; null disables). */
  snapshotPath?: string | null;
  /** Watch the task directories for external edits (default true). */
  watch?: boolean;
  onAlert?: (alert: TrackerAlert) => void;
  /** Task files changed outside the adapter (human edit, pull); wake the orchestrator. */
  onChange?: () => void;
  onWarning?: (w: Warning) => void;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** Creates the adapter; with git sync it also schedules the commit of orphaned task files. */
export function createOompahMdTracker(opts: OompahMdTrackerOptions): OompahMdTracker {
  const fresh = new FreshIndex({
    repoPath: opts.repoPath,
    projectId: opts.projectId,
    ...(opts.snapshotPath === undefined ? {} : { snapshotPath: opts.snapshotPath }),
    ...(opts.watch === undefined ? {} : { watch: opts.watch }),
    ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    onChange: () => opts.onChange?.(),
  });
  const sync = opts.gitSync
    ? new TaskGitSync({
        repoPath: opts.repoPath,
        defaultBranch: opts.defaultBranch,
        env: { ...(opts.env ?? process.env), ...identityEnv(opts.identity) },
        debounceMs: opts.commitDebounceMs,
        ...(opts.maxPendingMs === undefined ? {} : { maxPendingMs: opts.maxPendingMs }),
        ...(opts.pushRetryDelaysMs ? { pushRetryDelaysMs: opts.pushRetryDelaysMs } : {}),
        ...(opts.fetchIntervalMs === undefined ? {} : { fetchIntervalMs: opts.fetchIntervalMs }),
        ...(opts.sleep ? { sleep: opts.sleep } : {}),
        ...(opts.onAlert ? { onAlert: opts.onAlert } : {}),
        onHeadMoved: () => fresh.invalidate(),
      })
    : null;
  const startup = sync
    ? sync.recover().catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        opts.onAlert?.({
          code: "tracker_sync_failed",
          message: `task sync recovery failed: ${message}`,
        });
      })
    : Promise.resolve();
  return new OompahMdTracker({
    projectId: opts.projectId,
    repoPath: opts.repoPath,
    fresh,
    sync,
    now: opts.now ?? (() => new Date()),
    startup,
    ...(opts.onChange ? { onChange: opts.onChange } : {}),
  });
}
