/**
 * Repository for `cost_ledger` (§13.1): one row per usage event. Budgets,
 * per-issue caps and cost reports are aggregations over it, so every total
 * is computed here in SQL rather than kept in memory.
 */
import { sql } from "kysely";
import type { Kysely, SelectQueryBuilder } from "kysely";
import type { CostLedgerTable, Database, LedgerRow } from "./schema.js";

/** A ledger entry (`billable` as a boolean). */
export type LedgerEntry = Omit<LedgerRow, "id" | "billable"> & { id: number; billable: boolean };
export type NewLedgerEntry = Omit<LedgerEntry, "id">;

export interface LedgerFilter {
  /** Inclusive ISO lower bound on `ts`. */
  since?: string;
  /** Exclusive ISO upper bound on `ts`. */
  until?: string;
  project_id?: string;
  issue_key?: string;
  run_id?: string;
  kind?: CostLedgerTable["kind"];
  billableOnly?: boolean;
}

export interface LedgerTotals {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  /** Distinct runs contributing (console rows have none). */
  runs: number;
}

export type LedgerDimension =
  "profile" | "focus" | "model" | "provider_id" | "project_id" | "issue_key" | "day" | "hour";

export interface LedgerGroup extends LedgerTotals {
  /**
   * The dimension's value (`YYYY-MM-DD` UTC for `day`, `YYYY-MM-DDTHH:00:00.000Z` for
   * `hour`); null when unset on the rows.
   */
  key: string | null;
  /** Rows priced with `agent.unknown_model_price` (`price_source = fallback`): estimates. */
  fallback_events: number;
}

export interface LedgerRepo {
  /** Appends an entry and returns its id. */
  insert(entry: NewLedgerEntry): Promise<number>;
  totals(filter?: LedgerFilter): Promise<LedgerTotals>;
  /** Totals per dimension value, most expensive first. */
  groupBy(dim: LedgerDimension, filter?: LedgerFilter): Promise<LedgerGroup[]>;
  /** The rows themselves, oldest first (a run's usage events, turn by turn). */
  list(filter?: LedgerFilter): Promise<LedgerEntry[]>;
}

type LedgerQuery = SelectQueryBuilder<Database, "cost_ledger", object>;

export function createLedgerRepo(db: Kysely<Database>): LedgerRepo {
  const filtered = (f: LedgerFilter): LedgerQuery => {
    let q: LedgerQuery = db.selectFrom("cost_ledger");
    if (f.since !== undefined) q = q.where("ts", ">=", f.since);
    if (f.until !== undefined) q = q.where("ts", "<", f.until);
    if (f.project_id !== undefined) q = q.where("project_id", "=", f.project_id);
    if (f.issue_key !== undefined) q = q.where("issue_key", "=", f.issue_key);
    if (f.run_id !== undefined) q = q.where("run_id", "=", f.run_id);
    if (f.kind !== undefined) q = q.where("kind", "=", f.kind);
    if (f.billableOnly === true) q = q.where("billable", "=", 1);
    return q;
  };
  const sums = (q: LedgerQuery) =>
    q.select((eb) => [
      eb.fn.sum<number | string | null>("input_tokens").as("input_tokens"),
      eb.fn.sum<number | string | null>("cached_input_tokens").as("cached_input_tokens"),
      eb.fn.sum<number | string | null>("output_tokens").as("output_tokens"),
      eb.fn.sum<number | string | null>("cost_usd").as("cost_usd"),
      eb.fn.count<number | string>("run_id").distinct().as("runs"),
    ]);

  return {
    async insert(entry) {
      const row = await db
        .insertInto("cost_ledger")
        .values({ ...entry, billable: entry.billable ? 1 : 0 })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async totals(f = {}) {
      const row = await sums(filtered(f)).executeTakeFirstOrThrow();
      return toTotals(row);
    },
    async groupBy(dim, f = {}) {
      const key =
        dim === "day"
          ? sql<string | null>`substr(${sql.ref("ts")}, 1, 10)`
          : dim === "hour"
            ? sql<string | null>`substr(${sql.ref("ts")}, 1, 13) || ':00:00.000Z'`
            : sql<string | null>`${sql.ref(dim)}`;
      const fallback = sql<
        number | string | null
      >`sum(case when ${sql.ref("price_source")} = 'fallback' then 1 else 0 end)`;
      const rows = await sums(filtered(f))
        .select([key.as("key"), fallback.as("fallback_events")])
        .groupBy(key)
        .execute();
      return rows
        .map((r) => ({
          key: r.key,
          ...toTotals(r),
          fallback_events: Number(r.fallback_events ?? 0),
        }))
        .sort((a, b) => b.cost_usd - a.cost_usd || String(a.key).localeCompare(String(b.key)));
    },
    async list(f = {}) {
      const rows = await filtered(f).selectAll().orderBy("id").execute();
      return rows.map((r) => ({ ...r, billable: r.billable === 1 }));
    },
  };
}

function toTotals(r: {
  input_tokens: number | string | null;
  cached_input_tokens: number | string | null;
  output_tokens: number | string | null;
  cost_usd: number | string | null;
  runs: number | string;
}): LedgerTotals {
  return {
    input_tokens: Number(r.input_tokens ?? 0),
    cached_input_tokens: Number(r.cached_input_tokens ?? 0),
    output_tokens: Number(r.output_tokens ?? 0),
    cost_usd: Number(r.cost_usd ?? 0),
    runs: Number(r.runs),
  };
}
