/**
 * The Kysely `Database` interface: one table type per SPEC §6 table, with
 * snake_case columns exactly as the SPEC spells them. Timestamps are ISO-8601
 * UTC strings (they sort lexicographically and read the same on SQLite and
 * PostgreSQL); JSON-ish values (`error`, `payload`, `value`) are TEXT holding
 * JSON; booleans are 0/1 integers. The repositories translate rows to domain
 * shapes, so nothing outside `src/store/` should depend on these encodings.
 */
import type { RunOutcome } from "../domain/run-outcome.js";
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Lifecycle of a run (§4.5); a run is active until it reaches `finished`. */
export type RunPhase = "preparing" | "launching" | "running" | "delivering" | "finished";

/** Terminal result of a run (§7.5); null while the run is active. */
export type { RunOutcome };

/** `schema_migrations`: one row per applied forward-only migration. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

/** `service_state`: small JSON documents keyed by name (`epoch`, `paused`, …). */
export interface ServiceStateTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
}

/** `runs`: every §4.5 field plus the `issue_key` the claim index is built on. */
export interface RunsTable {
  run_id: string;
  project_id: string;
  issue_id: string;
  /** `key(identifier)`-style key, unique among unfinished runs. */
  issue_key: string;
  identifier: string;
  attempt: number;
  phase: RunPhase;
  outcome: RunOutcome | null;
  dispatch_state: string | null;
  backend: string | null;
  provider_id: string | null;
  model: string | null;
  profile: string | null;
  focus: string | null;
  worktree_path: string | null;
  branch: string | null;
  base_sha: string | null;
  remote_head_at_start: string | null;
  started_at: string;
  ended_at: string | null;
  last_event_at: string | null;
  turns: number;
  continuations: number;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  summary: string | null;
  /** JSON text `{code, message}`. */
  error: string | null;
  pid: number | null;
  /** Command line of `pid`, so recovery only kills the process it started (§7.10). */
  pid_cmdline: string | null;
  node_id: string | null;
  lease_expires_at: string | null;
  fencing_token: number | null;
}

/** `retries`: the durable retry queue (§7.9). */
export interface RetriesTable {
  issue_key: string;
  project_id: string;
  issue_id: string;
  identifier: string;
  attempt: number;
  due_at: string;
  reason: string;
  /** JSON text `{code, message}`. */
  error: string | null;
  next_profile: string | null;
  dispatch_state: string | null;
}

/** How a ledger row's price was found (§9.5). */
export type PriceSource = "reported" | "table" | "provider" | "fallback" | "free";

/** `cost_ledger`: one row per usage event (§13.1). */
export interface CostLedgerTable {
  id: Generated<number>;
  ts: string;
  run_id: string | null;
  project_id: string;
  issue_key: string | null;
  kind: "run" | "console";
  profile: string | null;
  focus: string | null;
  provider_id: string | null;
  model: string | null;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  /** 0/1. */
  billable: number;
  price_source: PriceSource;
}

/** `issue_overrides`: operator overrides per issue (§13.3, §9.2). */
export interface IssueOverridesTable {
  issue_key: string;
  cost_cap_usd: number | null;
  escalated_profile: string | null;
  updated_at: string;
}

/** `review_observations`: review-monitor reactions already taken (§12.4). */
export interface ReviewObservationsTable {
  issue_key: string;
  head_sha: string;
  condition: string;
  observed_at: string;
}

/** `events`: the ordered live-channel log (§17.4). */
export interface EventsTable {
  seq: Generated<number>;
  ts: string;
  type: string;
  project_id: string | null;
  issue_key: string | null;
  run_id: string | null;
  /** JSON text. */
  payload: string;
}

/** `run_activity`: bounded per-run activity stream for the dashboard. */
export interface RunActivityTable {
  run_id: string;
  n: number;
  ts: string;
  type: string;
  /** JSON text. */
  payload: string;
}

/** `webhook_deliveries`: de-duplication of forge deliveries (§15). */
export interface WebhookDeliveriesTable {
  delivery_id: string;
  forge: string;
  received_at: string;
  result: string;
}

/** `project_runtime`: per-project runtime status that is not configuration. */
export interface ProjectRuntimeTable {
  project_id: string;
  clone_status: string | null;
  clone_error: string | null;
  last_sync_at: string | null;
  last_webhook_at: string | null;
  forwarder_state: string | null;
  forwarder_restarts: ColumnType<number, number | undefined, number>;
  updated_at: string;
}

/** `nodes`: membership heartbeats (multi-node mode only, §21). */
export interface NodesTable {
  node_id: string;
  started_at: string;
  heartbeat_at: string;
  /** JSON text (host, pid, version). */
  info: string;
}

/** Every table of SPEC §6. */
export interface Database {
  schema_migrations: SchemaMigrationsTable;
  service_state: ServiceStateTable;
  runs: RunsTable;
  retries: RetriesTable;
  cost_ledger: CostLedgerTable;
  issue_overrides: IssueOverridesTable;
  review_observations: ReviewObservationsTable;
  events: EventsTable;
  run_activity: RunActivityTable;
  webhook_deliveries: WebhookDeliveriesTable;
  project_runtime: ProjectRuntimeTable;
  nodes: NodesTable;
}

export type RunRow = Selectable<RunsTable>;
export type NewRunRow = Insertable<RunsTable>;
export type RunRowUpdate = Updateable<RunsTable>;
export type RetryRow = Selectable<RetriesTable>;
export type LedgerRow = Selectable<CostLedgerTable>;
export type NewLedgerRow = Insertable<CostLedgerTable>;
export type EventRow = Selectable<EventsTable>;
