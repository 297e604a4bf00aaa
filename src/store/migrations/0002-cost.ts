/** 0002: the cost ledger (§13.1) and per-issue operator overrides (§13.3). */
import type { Kysely } from "kysely";
import { autoIncrementPk } from "./migration.js";
import type { Migration } from "./migration.js";

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("cost_ledger")
    .addColumn("id", "integer", autoIncrementPk(db))
    .addColumn("ts", "text", (c) => c.notNull())
    .addColumn("run_id", "text")
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("issue_key", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("profile", "text")
    .addColumn("focus", "text")
    .addColumn("provider_id", "text")
    .addColumn("model", "text")
    .addColumn("input_tokens", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("cached_input_tokens", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("output_tokens", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("cost_usd", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("billable", "integer", (c) => c.notNull())
    .addColumn("price_source", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("cost_ledger_issue_key")
    .on("cost_ledger")
    .column("issue_key")
    .execute();
  await db.schema.createIndex("cost_ledger_ts").on("cost_ledger").column("ts").execute();
  await db.schema.createIndex("cost_ledger_run_id").on("cost_ledger").column("run_id").execute();

  await db.schema
    .createTable("issue_overrides")
    .addColumn("issue_key", "text", (c) => c.primaryKey())
    .addColumn("cost_cap_usd", "double precision")
    .addColumn("escalated_profile", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export const migration0002: Migration = { version: 2, name: "cost", up };
