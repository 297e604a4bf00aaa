/**
 * Applies the numbered forward-only migrations, each in its own transaction
 * together with its `schema_migrations` row, so a crash mid-way leaves the
 * database at a well-defined version. A database that has seen a newer
 * oompah is refused instead of being silently misread (§22 item 197).
 */
import type { Kysely } from "kysely";
import { OompahError } from "../domain/errors.js";
import { migrations as allMigrations } from "./migrations/index.js";
import type { Migration } from "./migrations/index.js";
import type { Database } from "./schema.js";

export interface MigrateOptions {
  now: () => Date;
  /** Defaults to the built-in list; tests may pass a longer one. */
  migrations?: readonly Migration[];
  /** Only used in error messages. */
  path?: string;
}

/** Brings the schema up to date and returns the versions applied by this call. */
export async function migrate(db: Kysely<Database>, opts: MigrateOptions): Promise<number[]> {
  const list = opts.migrations ?? allMigrations;
  await db.schema
    .createTable("schema_migrations")
    .ifNotExists()
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("applied_at", "text", (c) => c.notNull())
    .execute();

  const row = await db
    .selectFrom("schema_migrations")
    .select((eb) => eb.fn.max("version").as("v"))
    .executeTakeFirst();
  const current = Number(row?.v ?? 0);
  const latest = list.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > latest) {
    throw new OompahError(
      "store_version_unsupported",
      `the store${opts.path ? ` ${opts.path}` : ""} is at schema version ${current}, newer than this oompah supports (${latest})`,
      {
        hint: "upgrade oompah, or point data_dir at another directory",
        details: {
          db_version: current,
          supported_version: latest,
          ...(opts.path ? { path: opts.path } : {}),
        },
      },
    );
  }

  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx as unknown as Kysely<unknown>);
      await trx
        .insertInto("schema_migrations")
        .values({ version: m.version, name: m.name, applied_at: opts.now().toISOString() })
        .execute();
    });
    applied.push(m.version);
  }
  return applied;
}
