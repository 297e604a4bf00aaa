/**
 * Repository for `run_activity` (§6): the bounded activity stream a run shows
 * on the dashboard. Entries are numbered per run; only the newest
 * {@link RUN_ACTIVITY_CAP} are kept (§19.6), the full detail lives in the
 * run's JSONL log. Subscribers hear of every appended entry once it is
 * written, which is how the live channel streams `run_activity` (§17.4).
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Entries kept per run. */
export const RUN_ACTIVITY_CAP = 2_000;

/** Runs whose last entry number is remembered between appends. */
const RECENT_RUNS = 1_000;

/** One activity entry as stored (`payload` decoded). */
export interface RunActivityEntry {
  run_id: string;
  n: number;
  ts: string;
  type: string;
  payload: unknown;
}

export interface RunActivityRepo {
  /** Appends entries after the run's last `n` and trims the run to the cap; returns them numbered. */
  append(
    run_id: string,
    entries: ReadonlyArray<{ ts: string; type: string; payload: unknown }>,
  ): Promise<RunActivityEntry[]>;
  /** Entries with `n > after`, ascending, at most `limit` (default 500). */
  list(run_id: string, opts?: { after?: number; limit?: number }): Promise<RunActivityEntry[]>;
  /** Calls `listener` with the entries of every later `append` of this repository; returns the removal. */
  subscribe(listener: (entries: readonly RunActivityEntry[]) => void): () => void;
}

export function createRunActivityRepo(
  db: Kysely<Database>,
  cap = RUN_ACTIVITY_CAP,
): RunActivityRepo {
  const listeners = new Set<(entries: readonly RunActivityEntry[]) => void>();
  /**
   * The last `n` of recently appended runs, so an append costs one insert rather than a
   * `max(n)` query first (the store has one writer: the data-dir lock). Bounded; a run
   * that fell out is read from the table again.
   */
  const lastN = new Map<string, number>();
  const lastOf = async (run_id: string): Promise<number> => {
    const known = lastN.get(run_id);
    if (known !== undefined) return known;
    const row = await db
      .selectFrom("run_activity")
      .select((eb) => eb.fn.max<number | null>("n").as("n"))
      .where("run_id", "=", run_id)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  return {
    async append(run_id, entries) {
      if (entries.length === 0) return [];
      const start = await lastOf(run_id);
      const rows = entries.map((e, i) => ({
        run_id,
        n: start + i + 1,
        ts: e.ts,
        type: e.type,
        payload: JSON.stringify(e.payload ?? null),
      }));
      await db.insertInto("run_activity").values(rows).execute();
      const newest = start + entries.length;
      lastN.delete(run_id);
      lastN.set(run_id, newest);
      if (lastN.size > RECENT_RUNS) lastN.delete(lastN.keys().next().value as string);
      if (newest > cap)
        await db
          .deleteFrom("run_activity")
          .where("run_id", "=", run_id)
          .where("n", "<=", newest - cap)
          .execute();
      const appended = rows.map((r, i) => ({ ...r, payload: entries[i]?.payload ?? null }));
      for (const listener of listeners) listener(appended);
      return appended;
    },
    async list(run_id, opts = {}) {
      const rows = await db
        .selectFrom("run_activity")
        .selectAll()
        .where("run_id", "=", run_id)
        .where("n", ">", opts.after ?? 0)
        .orderBy("n", "asc")
        .limit(opts.limit ?? 500)
        .execute();
      return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
