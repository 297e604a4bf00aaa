/**
 * The WORKFLOW.md front-matter schema (SPEC §3.3): every key with its default.
 * `OompahConfig` mirrors the YAML keys exactly (snake_case) so that what an
 * operator writes is what the code reads. Status lists arrive here already
 * canonicalised (see normalise.ts); paths are made absolute after parsing.
 */
import { z } from "zod";
import { TRACKER_KINDS, type TrackerKind } from "../domain/tracker-kind.js";
import {
  CANONICAL_STATUSES,
  DEFAULT_ACTIVE_STATES,
  DEFAULT_TERMINAL_STATES,
} from "../domain/status.js";
import { profilesSchema } from "./profile-schema.js";
import {
  boolField,
  hostTimeZone,
  intField,
  isTimeZone,
  numberField,
  optionalString,
  stringList,
} from "./schema-fields.js";

export { TRACKER_KINDS, type TrackerKind };

const status = z.enum(CANONICAL_STATUSES);

const tracker = z.object({
  kind: z.enum(TRACKER_KINDS).default("oompah_md"),
  active_states: z.array(status).default(() => [...DEFAULT_ACTIVE_STATES]),
  terminal_states: z.array(status).default(() => [...DEFAULT_TERMINAL_STATES]),
  required_labels: stringList.default(() => []),
  settings: z.record(z.string(), z.unknown()).default(() => ({})),
  git_sync: boolField.default(true),
  commit_debounce_ms: intField(0).default(2000),
  post_comments: boolField.default(true),
});

const polling = z.object({
  interval_ms: intField(1000).default(30_000),
  full_sync_interval_ms: intField(1000).default(300_000),
});

const hooks = z.object({
  after_create: optionalString.default(null),
  before_run: optionalString.default(null),
  after_run: optionalString.default(null),
  before_remove: optionalString.default(null),
  timeout_ms: intField(1).default(60_000),
});

const agent = z.object({
  max_concurrent_agents: intField(0).default(10),
  max_concurrent_agents_by_state: z.partialRecord(status, intField(1)).default(() => ({})),
  max_turns: intField(1).default(200),
  stall_turns: intField(1).default(5),
  stall_timeout_ms: intField(0).default(300_000),
  max_continuations: intField(0).default(2),
  max_attempts: intField(1).default(5),
  max_retry_backoff_ms: intField(1).default(300_000),
  escalate_after_attempts: intField(0).default(1),
  rate_limit_cooldown_ms: intField(0).default(120_000),
  command_timeout_ms: intField(1).default(720_000),
  shutdown_grace_ms: intField(0).default(10_000),
  require_description: boolField.default(true),
  budget_limit: numberField(0).default(0),
  budget_window: z.enum(["hour", "day", "week", "total"]).default("total"),
  /** IANA zone; blank or absent = the host zone, else UTC. */
  budget_timezone: optionalString
    .default(null)
    .transform((v) => v ?? hostTimeZone())
    .refine(isTimeZone, { message: "an IANA time zone name (e.g. Europe/Paris)" }),
  max_cost_per_issue: numberField(0).default(0),
  unknown_model_price: z
    .object({ input_per_1m: numberField(0).default(10), output_per_1m: numberField(0).default(30) })
    .prefault({}),
  profiles: profilesSchema.default(() => []),
  env_passthrough: stringList.default(() => []),
  secret_env_names: stringList.default(() => []),
  login_shell: boolField.default(false),
  sandbox: z.enum(["none", "bwrap"]).default("none"),
});

const delivery = z.object({
  auto_commit: boolField.default(true),
  push: boolField.default(true),
  open_pr: boolField.default(true),
  draft_pr: boolField.default(false),
  on_no_changes: z.enum(["needs_human", "done"]).default("needs_human"),
});

const review = z.object({
  poll_interval_ms: intField(1000).default(120_000),
  auto_update_branch: boolField.default(true),
});

const attachments = z.object({
  max_file_bytes: intField(1).default(26_214_400),
  max_issue_bytes: intField(1).default(209_715_200),
  max_prompt_bytes: intField(1).default(20_971_520),
});

const server = z.object({
  host: z.string().trim().min(1).default("127.0.0.1"),
  /** null = HTTP server disabled; 0 = ephemeral port. */
  port: intField(0, 65_535).nullable().default(8080),
  /** Secret; required on non-loopback binds (SPEC §19.2). */
  api_token: optionalString.default(null),
  allowed_origins: stringList.default(() => []),
  allowed_hosts: stringList.default(() => []),
  max_body_bytes: intField(1).default(1_048_576),
  allow_local_repo_paths: boolField.default(false),
  /** Compatibility key (§3.5): only `node` runs; see checks.ts. */
  backend: z.string().trim().min(1).default("node"),
  /** Compatibility key (§3.5): must be 1. */
  workers: intField(1).default(1),
});

const webhooks = z.object({
  allow_unsigned_loopback: boolField.default(false),
  forward: boolField.default(true),
  forward_events: stringList.default(() => [
    "push",
    "pull_request",
    "issues",
    "issue_comment",
    "label",
  ]),
  /** null = `http://127.0.0.1:<bound port>/api/v1/webhooks/github`, known once the server listens. */
  forward_url: z.preprocess((v) => (v === "" ? null : v), z.url().nullable()).default(null),
});

const store = z.object({
  kind: z.enum(["sqlite", "postgres"]).default("sqlite"),
  /** Absolute after resolution; default `<data_dir>/oompah.db`. */
  path: optionalString.default(null),
  /** Secret (PostgreSQL connection URL, §21). */
  url: optionalString.default(null),
});

const observability = z.object({
  log_level: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  log_format: z.enum(["json", "pretty"]).default("json"),
  agent_log_retention_days: intField(1).default(14),
});

export const configSchema = z.object({
  tracker: tracker.prefault({}),
  polling: polling.prefault({}),
  workspace: z
    .object({ root: z.string().trim().min(1).default("/tmp/oompah_workspaces") })
    .prefault({}),
  data_dir: z.string().trim().min(1).default("~/.oompah"),
  hooks: hooks.prefault({}),
  agent: agent.prefault({}),
  delivery: delivery.prefault({}),
  review: review.prefault({}),
  attachments: attachments.prefault({}),
  server: server.prefault({}),
  webhooks: webhooks.prefault({}),
  store: store.prefault({}),
  observability: observability.prefault({}),
});

type ParsedConfig = z.output<typeof configSchema>;

/** The effective configuration: YAML keys as written, every default applied, paths absolute. */
export type OompahConfig = Omit<ParsedConfig, "store"> & {
  store: Omit<ParsedConfig["store"], "path"> & { path: string };
};

/** Fields holding credentials: never logged, echoed or returned (SPEC §19.4). */
export const SECRET_FIELDS = ["server.api_token", "store.url"] as const;

/** Fields holding filesystem paths: `~` expanded, relative → service dir (SPEC §3.2 step 4). */
export const PATH_FIELDS = ["workspace.root", "data_dir", "store.path"] as const;

/** Keys inside `tracker.settings` whose values are credentials; `*_env` keys only name a variable. */
const SECRET_KEY_NAME = /(token|secret|password|passwd|api_?key|private_key|credential)/i;

/** Whether the value at `segments` is secret-typed. */
export function isSecretPath(segments: ReadonlyArray<string | number>): boolean {
  const dotted = segments.join(".");
  if ((SECRET_FIELDS as readonly string[]).includes(dotted)) return true;
  if (segments[0] !== "tracker" || segments[1] !== "settings" || segments.length < 3) return false;
  const leaf = [...segments].reverse().find((s): s is string => typeof s === "string");
  return leaf !== undefined && SECRET_KEY_NAME.test(leaf) && !/_env$/i.test(leaf);
}
