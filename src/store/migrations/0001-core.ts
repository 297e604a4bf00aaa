/**
 * 0001: service state, runs (with the claim index), the retry queue and the
 * event log — what the orchestrator needs to start and recover.
 */
import { sql } from "kysely";
import type { Kysely } from "kysely";
import { autoIncrementPk } from "./migration.js";
import type { Migration } from "./migration.js";

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("service_state")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  let runs = db.schema
    .createTable("runs")
    .addColumn("run_id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("issue_id", "text", (c) => c.notNull())
    .addColumn("issue_key", "text", (c) => c.notNull())
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("outcome", "text");
  for (const name of [
    "dispatch_state",
    "backend",
    "provider_id",
    "model",
    "profile",
    "focus",
    "worktree_path",
    "branch",
    "base_sha",
    "remote_head_at_start",
  ]) {
    runs = runs.addColumn(name, "text");
  }
  await runs
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("last_event_at", "text")
    .addColumn("turns", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("continuations", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("input_tokens", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("cached_input_tokens", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("output_tokens", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("cost_usd", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("summary", "text")
    .addColumn("error", "text")
    .addColumn("pid", "integer")
    .addColumn("pid_cmdline", "text")
    .addColumn("node_id", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("fencing_token", "bigint")
    .execute();
  // The double-claim guard (§6): at most one unfinished run per issue.
  await db.schema
    .createIndex("runs_one_active_per_issue")
    .on("runs")
    .column("issue_key")
    .unique()
    .where(sql.ref("phase"), "!=", sql.lit("finished"))
    .execute();
  await db.schema.createIndex("runs_issue_key").on("runs").column("issue_key").execute();
  await db.schema.createIndex("runs_started_at").on("runs").column("started_at").execute();

  await db.schema
    .createTable("retries")
    .addColumn("issue_key", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("issue_id", "text", (c) => c.notNull())
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("next_profile", "text")
    .addColumn("dispatch_state", "text")
    .execute();
  await db.schema.createIndex("retries_due_at").on("retries").column("due_at").execute();

  await db.schema
    .createTable("events")
    .addColumn("seq", "integer", autoIncrementPk(db))
    .addColumn("ts", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("project_id", "text")
    .addColumn("issue_key", "text")
    .addColumn("run_id", "text")
    .addColumn("payload", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("events_ts").on("events").column("ts").execute();
}

export const migration0001: Migration = { version: 1, name: "core", up };
