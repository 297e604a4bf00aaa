/**
 * A keyed async mutex for worktree paths: two `ensure`/`remove` calls for the
 * same issue queue up (FIFO) while different issues proceed in parallel. The
 * project lock (`git/repo-lock.ts`) is taken inside it only around git
 * mutations of the managed clone, so a slow hook never blocks other issues.
 */

const tails = new Map<string, Promise<void>>();

/** Runs `fn` while holding the lock for `key`; not re-entrant. */
export async function withPathLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  tails.set(key, mine);
  try {
    await previous;
    return await fn();
  } finally {
    release();
    if (tails.get(key) === mine) tails.delete(key);
  }
}
