/**
 * 0003: tables fed by the review monitor, the dashboard activity stream,
 * webhooks, project runtime status and (later) multi-node membership.
 */
import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("review_observations")
    .addColumn("issue_key", "text", (c) => c.notNull())
    .addColumn("head_sha", "text", (c) => c.notNull())
    .addColumn("condition", "text", (c) => c.notNull())
    .addColumn("observed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("review_observations_pk", ["issue_key", "head_sha", "condition"])
    .execute();

  await db.schema
    .createTable("run_activity")
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.run_id").onDelete("cascade"))
    .addColumn("n", "integer", (c) => c.notNull())
    .addColumn("ts", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("run_activity_pk", ["run_id", "n"])
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("delivery_id", "text", (c) => c.primaryKey())
    .addColumn("forge", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_received_at")
    .on("webhook_deliveries")
    .column("received_at")
    .execute();

  await db.schema
    .createTable("project_runtime")
    .addColumn("project_id", "text", (c) => c.primaryKey())
    .addColumn("clone_status", "text")
    .addColumn("clone_error", "text")
    .addColumn("last_sync_at", "text")
    .addColumn("last_webhook_at", "text")
    .addColumn("forwarder_state", "text")
    .addColumn("forwarder_restarts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("nodes")
    .addColumn("node_id", "text", (c) => c.primaryKey())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("heartbeat_at", "text", (c) => c.notNull())
    .addColumn("info", "text", (c) => c.notNull())
    .execute();
}

export const migration0003: Migration = { version: 3, name: "integrations", up };
