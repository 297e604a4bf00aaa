/**
 * better-sqlite3 behind Kysely with its prepared statements reused. Kysely's
 * SQLite driver prepares every query anew; preparing costs as much as running
 * a small insert, and the service runs the same few statements all the time
 * (an agent run records several rows per model response). The newest
 * {@link STATEMENT_CACHE_SIZE} distinct SQL texts are kept; queries with a
 * variable number of parameters (`in (…)` lists) fall out as they age.
 *
 * Reuse is safe because Kysely serialises the one connection (a statement is
 * never run while another use of it is under way) and no query is streamed.
 */
import type Sqlite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

const STATEMENT_CACHE_SIZE = 256;

export function reusingStatements(
  sqlite: Sqlite.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      const known = cache.get(sql);
      if (known) {
        // Most recently used last, so the oldest is dropped first.
        cache.delete(sql);
        cache.set(sql, known);
        return known;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
