/**
 * A per-repository async mutex shared by everything in this process that
 * mutates the same checkout (every tracker adapter instance on the repo, the
 * tracker's git sync, worktree management). Keyed by the real path so that
 * two spellings of one directory share one lock.
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";

interface LockState {
  tail: Promise<void>;
  waiters: number;
}

const locks = new Map<string, LockState>();

/** The registry key for a repository path (its realpath when it exists). */
export function repoLockKey(repoPath: string): string {
  try {
    return realpathSync(repoPath);
  } catch {
    return resolve(repoPath);
  }
}

/**
 * Runs `fn` while holding the lock for `repoPath`; callers queue in FIFO order.
 * Not re-entrant: never call it again from inside `fn` for the same repo.
 */
export async function withRepoLock<T>(repoPath: string, fn: () => Promise<T>): Promise<T> {
  const key = repoLockKey(repoPath);
  let state = locks.get(key);
  if (!state) {
    state = { tail: Promise.resolve(), waiters: 0 };
    locks.set(key, state);
  }
  const previous = state.tail;
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  state.tail = mine;
  state.waiters++;
  try {
    await previous;
    return await fn();
  } finally {
    release();
    state.waiters--;
    if (state.waiters === 0 && locks.get(key) === state) locks.delete(key);
  }
}

/** Number of repositories with a held or awaited lock (for tests and leak checks). */
export function activeRepoLocks(): number {
  return locks.size;
}
