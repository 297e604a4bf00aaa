/**
 * Per-project issue snapshots of one tick (SPEC §7.1): every project's
 * tracker is read concurrently (at most 4 at a time) with a 10 s timeout. A
 * project whose read fails keeps its previous snapshot, marked stale, raises
 * `tracker_unreachable` and is skipped for dispatch in that tick; the next
 * good read clears the alert.
 */
import { OompahError, toOompahError } from "../domain/errors.js";
import type { Issue } from "../domain/issue.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { ProjectTrackerSlot } from "../trackers/project-trackers.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import type { AlertBoard } from "./alerts.js";

export const FETCH_CONCURRENCY = 4;
export const FETCH_TIMEOUT_MS = 10_000;
const ALERT = "tracker_unreachable";

/** One project's issues as of the last read. */
export interface ProjectSnapshot {
  projectId: string;
  issues: Issue[];
  /** True when this tick's read failed and `issues` are from an earlier tick. */
  stale: boolean;
  tracker: TrackerAdapter | null;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Rejects with `tracker_timeout` after `ms` (the timer never outlives the race). */
export async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ctl.abort();
      reject(new OompahError("tracker_timeout", `${what} did not answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work(ctl.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class SnapshotCache {
  private readonly last = new Map<string, Issue[]>();

  constructor(
    private readonly alerts: AlertBoard,
    private readonly timeoutMs: number = FETCH_TIMEOUT_MS,
  ) {}

  /** Reads `states` from every usable tracker; projects without a tracker are left out. */
  async fetch(
    slots: readonly ProjectTrackerSlot[],
    states: CanonicalStatus[],
  ): Promise<Map<string, ProjectSnapshot>> {
    const usable = slots.filter((s) => s.ok);
    const results = await mapLimit(usable, FETCH_CONCURRENCY, async (slot) => {
      try {
        const issues = await withTimeout(
          (signal) => slot.tracker.fetchIssuesByStates(states, { signal }),
          this.timeoutMs,
          `the tracker of project ${slot.name}`,
        );
        this.last.set(slot.projectId, issues);
        this.alerts.clear(ALERT, slot.projectId);
        return { projectId: slot.projectId, issues, stale: false, tracker: slot.tracker };
      } catch (e) {
        const err = toOompahError(e, "tracker_request");
        this.alerts.raise({
          code: ALERT,
          severity: "warning",
          project_id: slot.projectId,
          message: `cannot read the issues of project ${slot.name}: ${err.code}: ${err.message}`,
        });
        const issues = this.last.get(slot.projectId) ?? [];
        return { projectId: slot.projectId, issues, stale: true, tracker: slot.tracker };
      }
    });
    for (const id of [...this.last.keys()])
      if (!slots.some((s) => s.projectId === id)) this.last.delete(id);
    return new Map(results.map((r) => [r.projectId, r]));
  }

  /** The last good issues of a project (stale or not). */
  issues(projectId: string): Issue[] {
    return this.last.get(projectId) ?? [];
  }
}
