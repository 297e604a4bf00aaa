/**
 * Row codec for `runs`: claim defaults, the JSON `error` column, and how a
 * violation of the one-active-run-per-issue index is recognised on SQLite
 * and PostgreSQL.
 */
import type { RunRow } from "./schema.js";

/** Structured run error, stored as JSON. */
export interface RunError {
  code: string;
  message: string;
}

/** A run as the orchestrator sees it (`error` decoded). */
export type Run = Omit<RunRow, "error"> & { error: RunError | null };

type RequiredClaimFields =
  "run_id" | "project_id" | "issue_id" | "issue_key" | "identifier" | "attempt" | "started_at";
/** Fields of a new claim; everything else defaults (phase `preparing`, zero counters, nulls). */
export type NewRun = Pick<Run, RequiredClaimFields> & Partial<Omit<Run, RequiredClaimFields>>;
/** Updatable fields. */
export type RunPatch = Partial<Omit<Run, "run_id">>;

const CLAIM_DEFAULTS = {
  phase: "preparing",
  turns: 0,
  continuations: 0,
  input_tokens: 0,
  cached_input_tokens: 0,
  output_tokens: 0,
  cost_usd: 0,
} as const;

export function toRow(run: NewRun): RunRow {
  return { ...OPTIONAL_NULLS, ...CLAIM_DEFAULTS, ...run, error: encodeError(run.error ?? null) };
}

/** Nullable columns a claim may omit. */
const OPTIONAL_NULLS = {
  outcome: null,
  dispatch_state: null,
  backend: null,
  provider_id: null,
  model: null,
  profile: null,
  focus: null,
  worktree_path: null,
  branch: null,
  base_sha: null,
  remote_head_at_start: null,
  ended_at: null,
  last_event_at: null,
  summary: null,
  error: null,
  pid: null,
  pid_cmdline: null,
  node_id: null,
  lease_expires_at: null,
  fencing_token: null,
} satisfies Partial<RunRow>;

export function encodeError(e: RunError | null): string | null {
  return e === null ? null : JSON.stringify({ code: e.code, message: e.message });
}

export function fromRow(r: RunRow): Run {
  return { ...r, error: r.error === null ? null : (JSON.parse(r.error) as RunError) };
}

/** SQLite reports the index column; PostgreSQL the index name. */
export function isActiveClaimViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown; constraint?: unknown } | null;
  if (err?.code === "SQLITE_CONSTRAINT_UNIQUE")
    return String(err.message).includes("runs.issue_key");
  return err?.code === "23505" && err.constraint === "runs_one_active_per_issue";
}
