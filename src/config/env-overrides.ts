/**
 * Environment overrides (SPEC §3.4) and CLI flags (CLI > env > YAML > default).
 * Only the listed variables override YAML; every other variable is consulted
 * only through an explicit `$VAR` reference. A variable that is set but empty
 * is ignored, except `OOMPAH_SERVER_PORT=""`, which disables the HTTP server.
 */
import { OompahError } from "../domain/errors.js";
import { parseBoolWord, splitCommaList } from "./schema-fields.js";

type Kind = "int" | "number" | "string" | "bool" | "list" | "port";

const ENV_OVERRIDES: ReadonlyArray<{ variable: string; path: string; kind: Kind }> = [
  { variable: "OOMPAH_SERVER_PORT", path: "server.port", kind: "port" },
  { variable: "OOMPAH_SERVER_HOST", path: "server.host", kind: "string" },
  { variable: "OOMPAH_SERVER_BACKEND", path: "server.backend", kind: "string" },
  { variable: "OOMPAH_SERVER_WORKERS", path: "server.workers", kind: "int" },
  { variable: "OOMPAH_API_TOKEN", path: "server.api_token", kind: "string" },
  { variable: "OOMPAH_HOME", path: "data_dir", kind: "string" },
  { variable: "OOMPAH_WORKSPACE_ROOT", path: "workspace.root", kind: "string" },
  { variable: "OOMPAH_POLL_INTERVAL_MS", path: "polling.interval_ms", kind: "int" },
  { variable: "OOMPAH_MAX_CONCURRENT_AGENTS", path: "agent.max_concurrent_agents", kind: "int" },
  { variable: "OOMPAH_BUDGET_LIMIT", path: "agent.budget_limit", kind: "number" },
  { variable: "OOMPAH_BUDGET_WINDOW", path: "agent.budget_window", kind: "string" },
  { variable: "OOMPAH_MAX_COST_PER_ISSUE", path: "agent.max_cost_per_issue", kind: "number" },
  { variable: "OOMPAH_LOG_LEVEL", path: "observability.log_level", kind: "string" },
  { variable: "OOMPAH_MD_TRACKER_GIT_SYNC", path: "tracker.git_sync", kind: "bool" },
  { variable: "OOMPAH_WEBHOOK_EVENTS", path: "webhooks.forward_events", kind: "list" },
  { variable: "OOMPAH_WEBHOOK_FORWARD_URL", path: "webhooks.forward_url", kind: "string" },
];

/** Names of the variables that override YAML keys. */
export const OVERRIDE_VARIABLES: readonly string[] = ENV_OVERRIDES.map((o) => o.variable);

/** Command-line flags that override the config (`oompah start`). */
export interface CliOverrides {
  /** `--port N`; null disables the HTTP server. */
  port?: number | null;
  host?: string;
  workers?: number;
}

/** One override to apply on top of the YAML tree. */
export interface Override {
  segments: string[];
  value: unknown;
  /** `env:NAME` or `cli:--flag`, shown in errors about the value. */
  source: string;
}

const INT = /^[-+]?\d+$/;
const NUM = /^[-+]?\d+(\.\d+)?$/;

function parseEnv(variable: string, path: string, kind: Kind, raw: string): unknown {
  const bad = (expected: string): never => {
    throw new OompahError(
      "invalid_config_value",
      `${variable}=${JSON.stringify(raw)} is not ${expected}`,
      {
        hint: `fix or unset ${variable}`,
        details: { path, variable, expected, got: raw },
      },
    );
  };
  const s = raw.trim();
  switch (kind) {
    case "port":
      if (s === "") return null;
      return INT.test(s) ? Number(s) : bad("an integer port (or empty to disable the HTTP server)");
    case "int":
      return INT.test(s) ? Number(s) : bad("an integer");
    case "number":
      return NUM.test(s) ? Number(s) : bad("a number");
    case "bool":
      return parseBoolWord(s) ?? bad("a boolean (1/0, true/false, yes/no, on/off)");
    case "list":
      return splitCommaList(s);
    case "string":
      return s;
  }
}

/** The overrides present in `env`, then those from `cli`, in application order. */
export function collectOverrides(
  env: Readonly<Record<string, string | undefined>>,
  cli: CliOverrides = {},
): Override[] {
  const out: Override[] = [];
  for (const o of ENV_OVERRIDES) {
    const raw = env[o.variable];
    if (raw === undefined) continue;
    if (raw.trim() === "" && o.kind !== "port") continue;
    out.push({
      segments: o.path.split("."),
      value: parseEnv(o.variable, o.path, o.kind, raw),
      source: `env:${o.variable}`,
    });
  }
  if (cli.port !== undefined)
    out.push({ segments: ["server", "port"], value: cli.port, source: "cli:--port" });
  if (cli.host !== undefined)
    out.push({ segments: ["server", "host"], value: cli.host, source: "cli:--host" });
  if (cli.workers !== undefined)
    out.push({ segments: ["server", "workers"], value: cli.workers, source: "cli:--workers" });
  return out;
}
