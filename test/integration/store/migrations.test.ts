import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/db.js";
import { migrations } from "../../../src/store/migrations/index.js";
import { migrate } from "../../../src/store/migrator.js";
import { tempDir } from "../../helpers/sandbox.js";

const TABLES = [
  "schema_migrations",
  "service_state",
  "runs",
  "retries",
  "cost_ledger",
  "issue_overrides",
  "review_observations",
  "events",
  "run_activity",
  "webhook_deliveries",
  "project_runtime",
  "nodes",
];

function readRaw<T>(path: string, query: string): T[] {
  const db = new Sqlite(path, { readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

describe("migrations", () => {
  it("[C197] migrations apply once; reopening applies none", async () => {
    const dataDir = tempDir();
    const first = await openStore({ dataDir, now: () => new Date("2025-01-01T00:00:00.000Z") });
    expect(await migrate(first.db, { now: () => new Date() })).toEqual([]);
    await first.close();

    const rows1 = readRaw<{ version: number; name: string; applied_at: string }>(
      first.path,
      "select version, name, applied_at from schema_migrations order by version",
    );
    expect(rows1.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(rows1.every((r) => r.applied_at === "2025-01-01T00:00:00.000Z")).toBe(true);

    const second = await openStore({ dataDir, now: () => new Date("2026-06-01T00:00:00.000Z") });
    await second.close();
    expect(
      readRaw(
        first.path,
        "select version, name, applied_at from schema_migrations order by version",
      ),
    ).toEqual(rows1);

    const names = readRaw<{ name: string }>(
      first.path,
      "select name from sqlite_master where type = 'table'",
    ).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(TABLES));
  });

  it("applies only the migrations newer than the recorded version", async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir });
    try {
      const extra = [
        ...migrations,
        {
          version: 99,
          name: "extra",
          up: async (db: Parameters<(typeof migrations)[number]["up"]>[0]) => {
            await db.schema.createTable("extra_table").addColumn("id", "integer").execute();
          },
        },
      ];
      expect(await migrate(store.db, { now: () => new Date(), migrations: extra })).toEqual([99]);
      expect(await migrate(store.db, { now: () => new Date(), migrations: extra })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("[C197] a database from a newer oompah fails with store_version_unsupported", async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir });
    await store.close();
    const raw = new Sqlite(store.path);
    raw
      .prepare("insert into schema_migrations (version, name, applied_at) values (?, ?, ?)")
      .run(1000, "from-the-future", new Date().toISOString());
    raw.close();

    const err = await openStore({ dataDir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "store_version_unsupported" });
    expect((err as { hint: string }).hint).toMatch(/upgrade oompah|data_dir/);
    // The failed open released the lock: a second attempt reports the version again, not data_dir_locked.
    await expect(openStore({ dataDir })).rejects.toMatchObject({
      code: "store_version_unsupported",
    });
  });

  it("creates the partial unique claim index and the ledger/event indexes", async () => {
    const store = await openStore({ dataDir: tempDir() });
    await store.close();
    const idx = readRaw<{ name: string; sql: string }>(
      store.path,
      "select name, sql from sqlite_master where type = 'index' and sql is not null",
    );
    const byName = new Map(idx.map((i) => [i.name, i.sql]));
    expect(byName.get("runs_one_active_per_issue")).toMatch(
      /unique index.*"issue_key".*where "phase" != 'finished'/i,
    );
    for (const n of ["cost_ledger_issue_key", "cost_ledger_ts", "events_ts"])
      expect(byName.has(n)).toBe(true);
  });

  it("uses WAL, foreign keys and a 5 s busy timeout", async () => {
    const store = await openStore({ dataDir: tempDir() });
    try {
      const { sql } = await import("kysely");
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
      const bt = await sql<{ timeout: number }>`pragma busy_timeout`.execute(store.db);
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
      expect(mode.rows[0]?.journal_mode).toBe("wal");
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      expect(bt.rows[0]?.timeout).toBe(5000);
      expect(sync.rows[0]?.synchronous).toBe(1); // NORMAL
    } finally {
      await store.close();
    }
  });

  it("keeps the epoch across reopen and creates a new one for a new database", async () => {
    const dataDir = tempDir();
    const a = await openStore({ dataDir });
    await a.close();
    const b = await openStore({ dataDir });
    await b.close();
    expect(b.epoch).toBe(a.epoch);
    expect(a.epoch).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );

    const other = await openStore({ dataDir: tempDir() });
    await other.close();
    expect(other.epoch).not.toBe(a.epoch);

    const recreated = await openStore({ dataDir, path: join(dataDir, "fresh.db") });
    await recreated.close();
    expect(recreated.epoch).not.toBe(a.epoch);
  });
});
