/**
 * Times each run of an in-process service from the store's event log: the
 * log's listeners run as soon as a row is committed, so `performance.now()`
 * there is when the orchestrator recorded the step — when the run was
 * claimed, when its agent session started (`run_phase` running, written right
 * after the backend's `startSession` returned), when its last turn completed,
 * when it reached delivery (after the §7.6 completion check) and when it
 * finished.
 */
import { performance } from "node:perf_hooks";
import type { EventLog } from "../../src/store/events.js";

/** Milliseconds on the `performance.now()` clock; null until the step happened. */
export interface RunTimes {
  runId: string;
  identifier: string;
  claimed: number;
  running: number | null;
  /** The latest `turn_completed` (the agent's last turn, before the completion check). */
  lastTurn: number | null;
  delivering: number | null;
  finished: number | null;
}

export class RunClock {
  readonly runs = new Map<string, RunTimes>();
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(events: EventLog) {
    this.unsubscribe = events.subscribe((e) => {
      const now = performance.now();
      const payload = e.payload as { identifier?: string; phase?: string };
      if (e.run_id === null) return;
      if (e.type === "run_claimed") {
        this.runs.set(e.run_id, {
          runId: e.run_id,
          identifier: payload.identifier ?? "",
          claimed: now,
          running: null,
          lastTurn: null,
          delivering: null,
          finished: null,
        });
      }
      const run = this.runs.get(e.run_id);
      if (!run) return;
      if (e.type === "run_phase" && payload.phase === "running") run.running = now;
      if (e.type === "turn_completed") run.lastTurn = now;
      if (e.type === "run_phase" && payload.phase === "delivering") run.delivering = now;
      if (e.type === "run_finished") run.finished = now;
      for (const w of [...this.waiters]) w();
    });
  }

  /** The run of `identifier` (latest claim). */
  of(identifier: string): RunTimes | undefined {
    return [...this.runs.values()].reverse().find((r) => r.identifier === identifier);
  }

  /** Runs whose session has started and that have not finished yet. */
  get inFlight(): number {
    let n = 0;
    for (const r of this.runs.values()) if (r.running !== null && r.finished === null) n++;
    return n;
  }

  /** Resolves once `check` holds after some event (checked immediately too). */
  async until<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 120_000) {
    const first = check();
    if (first) return first;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const waiter = () => {
        const v = check();
        if (!v) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(v);
      };
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.unsubscribe();
  }
}
