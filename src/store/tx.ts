/**
 * The `Store` handle and the transaction context handed to
 * `store.transaction(fn)`: the same repositories bound to the open
 * transaction, and an event appender whose rows are published to subscribers
 * only after the commit (nothing is published on rollback).
 */
import type { Kysely, Transaction } from "kysely";
import type { EventLog, NewEvent, StoredEvent } from "./events.js";
import { createIssueOverridesRepo } from "./issue-overrides.js";
import type { IssueOverridesRepo } from "./issue-overrides.js";
import { createLedgerRepo } from "./ledger.js";
import type { LedgerRepo } from "./ledger.js";
import { createProjectRuntimeRepo } from "./project-runtime.js";
import type { ProjectRuntimeRepo } from "./project-runtime.js";
import { createRetriesRepo } from "./retries.js";
import type { RetriesRepo } from "./retries.js";
import { createRunActivityRepo } from "./run-activity.js";
import type { RunActivityRepo } from "./run-activity.js";
import { createRunsRepo } from "./runs.js";
import type { RunsRepo } from "./runs.js";
import type { Database } from "./schema.js";
import { createServiceStateRepo } from "./service-state.js";
import type { ServiceStateRepo } from "./service-state.js";

/** The repositories of the store, bound to the database or to one open transaction. */
export interface StoreRepos {
  serviceState: ServiceStateRepo;
  runs: RunsRepo;
  retries: RetriesRepo;
  ledger: LedgerRepo;
  projectRuntime: ProjectRuntimeRepo;
  /** Bounded per-run activity stream (§6 `run_activity`). */
  runActivity: RunActivityRepo;
  /** Per-issue operator overrides (§6 `issue_overrides`: cost cap, escalated profile). */
  issueOverrides: IssueOverridesRepo;
}

/** Binds every repository to `db`: the database, or a transaction. */
export function createRepos(db: Kysely<Database>, now: () => Date): StoreRepos {
  return {
    serviceState: createServiceStateRepo(db, now),
    runs: createRunsRepo(db),
    retries: createRetriesRepo(db),
    ledger: createLedgerRepo(db),
    projectRuntime: createProjectRuntimeRepo(db, now),
    runActivity: createRunActivityRepo(db),
    issueOverrides: createIssueOverridesRepo(db, now),
  };
}

/** Repositories and event appends bound to one transaction. */
export interface StoreTx extends StoreRepos {
  db: Transaction<Database>;
  events: {
    append(e: NewEvent): Promise<StoredEvent>;
    appendMany(es: readonly NewEvent[]): Promise<StoredEvent[]>;
  };
}

/** An open store; `close()` releases the data-dir lock. */
export interface Store extends StoreRepos {
  db: Kysely<Database>;
  /** UUID created with the database. */
  epoch: string;
  /** Absolute database file path. */
  path: string;
  /** Absolute data directory. */
  dataDir: string;
  events: EventLog;
  /** Runs `fn` in one transaction; events appended through `tx` are published after commit. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Builds the per-transaction context and collects events to publish after commit. */
export function createTx(
  events: EventLog,
  now: () => Date,
): { tx: (trx: Transaction<Database>) => StoreTx; committed: () => StoredEvent[] } {
  const pending: StoredEvent[] = [];
  const tx = (trx: Transaction<Database>): StoreTx => ({
    db: trx,
    events: {
      async append(e) {
        const [stored] = await events.insert(trx, [e]);
        if (stored === undefined) throw new Error("events insert returned no row");
        pending.push(stored);
        return stored;
      },
      async appendMany(es) {
        const stored = await events.insert(trx, es);
        pending.push(...stored);
        return stored;
      },
    },
    ...createRepos(trx, now),
  });
  return { tx, committed: () => pending };
}
