/**
 * The `events` log (§17.4): every state change is a row with a monotonic
 * `seq` (AUTOINCREMENT, so values are never reused even after pruning, and
 * survive restarts). The live channel replays `after(seq)` and tails
 * `subscribe`, whose listeners run only once the rows are committed — a
 * client can therefore never see an event that a rollback later erases.
 */
import type { Kysely } from "kysely";
import type { Database, EventRow } from "./schema.js";

/** An event to append; `payload` must be JSON-serialisable. */
export interface NewEvent {
  type: string;
  project_id?: string | null;
  issue_key?: string | null;
  run_id?: string | null;
  payload: unknown;
}

/** A committed event as stored. */
export interface StoredEvent {
  seq: number;
  /** ISO-8601 UTC. */
  ts: string;
  type: string;
  project_id: string | null;
  issue_key: string | null;
  run_id: string | null;
  payload: unknown;
}

/** Retention policy; the effective age limit is never below {@link MIN_EVENT_AGE_MS}. */
export interface EventRetention {
  keepRows: number;
  keepMs: number;
}

/** SPEC §6: newest 50,000 rows or 7 days, whichever keeps more. */
export const DEFAULT_EVENT_RETENTION: EventRetention = {
  keepRows: 50_000,
  keepMs: 7 * 24 * 3600_000,
};
/** Pruning never removes rows newer than this. */
export const MIN_EVENT_AGE_MS = 3600_000;

const INSERT_CHUNK = 500;

export interface EventLogOptions {
  now: () => Date;
  retention?: EventRetention;
  /** Called when a subscriber throws; defaults to a process warning. */
  onListenerError?: (err: unknown) => void;
}

export class EventLog {
  private readonly listeners = new Set<(e: StoredEvent) => void>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: EventLogOptions,
  ) {}

  /** Appends one event, commits it, then notifies subscribers. */
  async append(e: NewEvent): Promise<StoredEvent> {
    const [stored] = await this.appendMany([e]);
    if (stored === undefined) throw new Error("events insert returned no row");
    return stored;
  }

  /**
   * Appends several events atomically (ascending seq), then notifies. Up to
   * {@link INSERT_CHUNK} rows are one statement, atomic by itself; more need a
   * transaction.
   */
  async appendMany(es: readonly NewEvent[]): Promise<StoredEvent[]> {
    if (es.length === 0) return [];
    const stored =
      this.db.isTransaction || es.length <= INSERT_CHUNK
        ? await this.insert(this.db, es)
        : await this.db.transaction().execute((trx) => this.insert(trx, es));
    this.publish(stored);
    return stored;
  }

  /**
   * Inserts inside a caller-owned transaction without notifying; the caller
   * must `publish` the result after its commit (see `Store.transaction`).
   */
  async insert(db: Kysely<Database>, es: readonly NewEvent[]): Promise<StoredEvent[]> {
    const ts = this.opts.now().toISOString();
    const rows = es.map((e) => ({
      ts,
      type: e.type,
      project_id: e.project_id ?? null,
      issue_key: e.issue_key ?? null,
      run_id: e.run_id ?? null,
      payload: JSON.stringify(e.payload ?? null),
    }));
    const out: StoredEvent[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const inserted = await db
        .insertInto("events")
        .values(rows.slice(i, i + INSERT_CHUNK))
        .returningAll()
        .execute();
      out.push(...inserted.sort((a, b) => a.seq - b.seq).map(toStored));
    }
    return out;
  }

  /** Delivers committed events to subscribers, isolating their failures. */
  publish(events: readonly StoredEvent[]): void {
    for (const e of events) {
      for (const listener of [...this.listeners]) {
        try {
          listener(e);
        } catch (err) {
          (this.opts.onListenerError ?? defaultListenerError)(err);
        }
      }
    }
  }

  /** Events with `seq > after`, ascending, at most `limit`. */
  async after(after: number, limit = 1000): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom("events")
      .selectAll()
      .where("seq", ">", after)
      .orderBy("seq", "asc")
      .limit(limit)
      .execute();
    return rows.map(toStored);
  }

  /** Highest seq ever kept, 0 for an empty log. */
  async lastSeq(): Promise<number> {
    const row = await this.db
      .selectFrom("events")
      .select((eb) => eb.fn.max("seq").as("s"))
      .executeTakeFirst();
    return Number(row?.s ?? 0);
  }

  /** Lowest retained seq, or null for an empty log (replay from `after` needs `after >= oldest - 1`). */
  async oldestSeq(): Promise<number | null> {
    const row = await this.db
      .selectFrom("events")
      .select((eb) => eb.fn.min("seq").as("s"))
      .executeTakeFirst();
    return row?.s === null || row?.s === undefined ? null : Number(row.s);
  }

  /** Registers a listener for committed events; returns the unsubscribe function. */
  subscribe(listener: (e: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops every listener (on store close). */
  clearSubscribers(): void {
    this.listeners.clear();
  }

  /**
   * Applies the retention rule: a row is removed only when it is outside the
   * newest `keepRows` AND older than `max(keepMs, 1 h)`. Returns rows removed.
   */
  async prune(now: Date): Promise<number> {
    const { keepRows, keepMs } = this.opts.retention ?? DEFAULT_EVENT_RETENTION;
    const cutoff = new Date(now.getTime() - Math.max(keepMs, MIN_EVENT_AGE_MS)).toISOString();
    const res = await this.db
      .deleteFrom("events")
      .where("ts", "<", cutoff)
      .where("seq", "<", (eb) =>
        eb
          .selectFrom("events")
          .select("seq")
          .orderBy("seq", "desc")
          .limit(1)
          .offset(Math.max(1, keepRows) - 1),
      )
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

function toStored(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    ts: r.ts,
    type: r.type,
    project_id: r.project_id,
    issue_key: r.issue_key,
    run_id: r.run_id,
    payload: JSON.parse(r.payload) as unknown,
  };
}

function defaultListenerError(err: unknown): void {
  process.emitWarning(err instanceof Error ? err : new Error(String(err)), "EventListenerError");
}
