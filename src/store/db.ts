/**
 * Opens the durable store (§6): data directory → lock → SQLite (WAL,
 * synchronous=NORMAL, busy_timeout=5000, foreign keys) behind Kysely →
 * migrations → store epoch. Prepared statements are reused
 * (statement-cache.ts). The epoch is a UUID created with the database; it
 * changes only when the database is recreated, which is how live-channel
 * clients know their `seq` cursor is meaningless (§17.4).
 *
 * Kysely's SQLite driver serialises access through one connection: inside
 * `transaction(fn)` use only `tx`, never `store.db`, or the call deadlocks.
 */
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { ensureDataDir } from "./data-dir.js";
import { EventLog } from "./events.js";
import type { EventRetention } from "./events.js";
import { acquireDataDirLock } from "./lock.js";
import { migrate } from "./migrator.js";
import type { Database } from "./schema.js";
import { createServiceStateRepo } from "./service-state.js";
import { reusingStatements } from "./statement-cache.js";
import { createRepos, createTx } from "./tx.js";
import type { Store, StoreTx } from "./tx.js";

export type { Store, StoreTx } from "./tx.js";

export interface OpenStoreOptions {
  dataDir: string;
  /** Database file; default `<dataDir>/oompah.db`. */
  path?: string;
  /** Stale API socket to remove once the lock is held (see `socketPathFor`). */
  socketPath?: string;
  now?: () => Date;
  eventRetention?: EventRetention;
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const now = opts.now ?? (() => new Date());
  const dataDir = resolve(opts.dataDir);
  const path = resolve(opts.path ?? join(dataDir, "oompah.db"));
  ensureDataDir(dataDir);
  const lock = acquireDataDirLock(
    dataDir,
    opts.socketPath === undefined ? {} : { socketPath: opts.socketPath },
  );
  let db: Kysely<Database> | undefined;
  try {
    const sqlite = new Sqlite(path, { timeout: 5000 });
    db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: reusingStatements(sqlite) }),
    });
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
    await migrate(db, { now, path });
    const epoch = await ensureEpoch(db, now);
    const events = new EventLog(db, {
      now,
      ...(opts.eventRetention ? { retention: opts.eventRetention } : {}),
    });
    return assemble({
      db,
      path,
      dataDir,
      epoch,
      events,
      now,
      release: () => lock.release(),
    });
  } catch (e) {
    await db?.destroy();
    lock.release();
    throw e;
  }
}

/** Reads the store epoch, creating it (with `created_at`) on a fresh database. */
async function ensureEpoch(db: Kysely<Database>, now: () => Date): Promise<string> {
  const existing = await createServiceStateRepo(db, now).get<unknown>("epoch");
  if (typeof existing === "string") return existing;
  const epoch = randomUUID();
  await db.transaction().execute(async (trx) => {
    const state = createServiceStateRepo(trx, now);
    await state.set("epoch", epoch);
    if ((await state.get("created_at")) === undefined)
      await state.set("created_at", now().toISOString());
  });
  return epoch;
}

function assemble(p: {
  db: Kysely<Database>;
  path: string;
  dataDir: string;
  epoch: string;
  events: EventLog;
  now: () => Date;
  release: () => void;
}): Store {
  let closed = false;
  return {
    db: p.db,
    epoch: p.epoch,
    path: p.path,
    dataDir: p.dataDir,
    events: p.events,
    ...createRepos(p.db, p.now),
    async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      const { tx, committed } = createTx(p.events, p.now);
      const result = await p.db.transaction().execute((trx) => fn(tx(trx)));
      p.events.publish(committed());
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      p.events.clearSubscribers();
      try {
        await p.db.destroy();
      } finally {
        p.release();
      }
    },
  };
}
