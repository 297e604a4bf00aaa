/**
 * Repository for `retries` (§7.9): one pending retry per issue. The timer is
 * re-armed from `due(now)` / `list()` after a restart, so nothing about a
 * pending retry lives only in memory.
 */
import type { Kysely } from "kysely";
import type { Database, RetryRow } from "./schema.js";
import type { RunError } from "./run-codec.js";

/** A pending retry (`error` decoded). */
export type Retry = Omit<RetryRow, "error"> & { error: RunError | null };

export interface RetriesRepo {
  /** Inserts or replaces the retry of `issue_key`. */
  upsert(retry: Retry): Promise<void>;
  delete(issue_key: string): Promise<void>;
  /** Retries with `due_at <= now`, earliest first. */
  due(now: Date): Promise<Retry[]>;
  /** All retries, earliest first. */
  list(): Promise<Retry[]>;
  get(issue_key: string): Promise<Retry | undefined>;
}

export function createRetriesRepo(db: Kysely<Database>): RetriesRepo {
  return {
    async upsert(retry) {
      const row: RetryRow = {
        ...retry,
        error:
          retry.error === null
            ? null
            : JSON.stringify({ code: retry.error.code, message: retry.error.message }),
      };
      const { issue_key: _key, ...update } = row;
      await db
        .insertInto("retries")
        .values(row)
        .onConflict((oc) => oc.column("issue_key").doUpdateSet(update))
        .execute();
    },
    async delete(issue_key) {
      await db.deleteFrom("retries").where("issue_key", "=", issue_key).execute();
    },
    async due(now) {
      const rows = await db
        .selectFrom("retries")
        .selectAll()
        .where("due_at", "<=", now.toISOString())
        .orderBy("due_at", "asc")
        .orderBy("issue_key", "asc")
        .execute();
      return rows.map(fromRow);
    },
    async list() {
      const rows = await db
        .selectFrom("retries")
        .selectAll()
        .orderBy("due_at", "asc")
        .orderBy("issue_key", "asc")
        .execute();
      return rows.map(fromRow);
    },
    async get(issue_key) {
      const row = await db
        .selectFrom("retries")
        .selectAll()
        .where("issue_key", "=", issue_key)
        .executeTakeFirst();
      return row && fromRow(row);
    },
  };
}

function fromRow(r: RetryRow): Retry {
  return { ...r, error: r.error === null ? null : (JSON.parse(r.error) as RunError) };
}
