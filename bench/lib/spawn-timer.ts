/**
 * Measures how long this process's main thread spends starting child
 * processes. `ChildProcess#spawn` is synchronous in libuv (fork, then exec in
 * the child while the parent waits), so every git, hook or `run_command`
 * spawn stalls the event loop; on a busy 2-core machine each costs
 * milliseconds to tens of milliseconds. The wrapper only records start and
 * end of each call on the `performance.now()` clock.
 */
import { ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";

/** `ChildProcess#spawn` is internal to Node (absent from its type declarations). */
const proto = ChildProcess.prototype as unknown as {
  spawn: (this: ChildProcess, options: unknown) => unknown;
};
const original = proto.spawn;

/** [start, end] of every spawn since the timer was installed. */
const spawnSpans: Array<[number, number]> = [];

proto.spawn = function timedSpawn(this: ChildProcess, options: unknown): unknown {
  const t = performance.now();
  try {
    return original.call(this, options);
  } finally {
    spawnSpans.push([t, performance.now()]);
  }
};

/** Spawns that started within [from, to], as durations. */
export function spawnsBetween(from: number, to: number): number[] {
  return spawnSpans.filter(([s]) => s >= from && s <= to).map(([s, e]) => e - s);
}
