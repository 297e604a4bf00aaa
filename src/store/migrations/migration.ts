/**
 * Shape of a numbered forward-only migration and the few column helpers that
 * differ between SQLite and PostgreSQL (§21: the same schema must run on both).
 * Migrations are typed against `Kysely<unknown>` on purpose: they describe the
 * schema as it was at their version, not the current `Database` interface.
 */
import { SqliteAdapter } from "kysely";
import type { ColumnDefinitionBuilder, Kysely } from "kysely";

/** One schema step; `version` is unique and strictly increasing across the list. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/** True when the Kysely instance talks to SQLite (the default store). */
export function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * An auto-incrementing integer primary key that never reuses values:
 * `AUTOINCREMENT` on SQLite (so pruned `events.seq` values are not handed out
 * again), an identity column on PostgreSQL.
 */
export function autoIncrementPk(db: Kysely<unknown>) {
  return (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    isSqlite(db)
      ? col.primaryKey().autoIncrement()
      : col.primaryKey().generatedByDefaultAsIdentity();
}
