/**
 * Cross-field rules that a per-key schema cannot express: server
 * compatibility keys (SPEC §3.5), HTTP access safety (§19.2) and status-set
 * consistency (§3.3). Run on the fully resolved config.
 */
import { OompahError, type Warning } from "../domain/errors.js";
import { isLoopbackHost, isWildcardHost } from "../domain/hosts.js";
import type { OompahConfig } from "./schema.js";

/** Minimum `server.api_token` length (§19.2). */
export const MIN_API_TOKEN_LENGTH = 24;

const IGNORED_BACKENDS = new Set(["uvicorn", "granian"]);

/** Explains why one process (§3.5); part of the `server_workers_unsupported` message. */
export const ONE_PROCESS_REASON =
  "oompah runs exactly one in-process HTTP server: the orchestrator, the live-channel subscriber set, " +
  "console sessions and per-project git locks live in one process and would be duplicated by extra workers; " +
  "use the multi-node mode (PostgreSQL store) to scale out";

/** Throws on a violated rule; returns warnings for accepted-but-ignored values. */
export function checkConfig(config: OompahConfig, sources: ReadonlyMap<string, string>): Warning[] {
  const warnings: Warning[] = [];
  const from = (path: string): string => sources.get(path) ?? "WORKFLOW.md";
  const s = config.server;

  const backend = s.backend.trim().toLowerCase();
  if (IGNORED_BACKENDS.has(backend)) {
    warnings.push({
      code: "server_backend_ignored",
      message: `server.backend "${s.backend}" (from ${from("server.backend")}) is accepted for compatibility and ignored: oompah always serves HTTP with Node`,
      path: "server.backend",
    });
  } else if (backend !== "node") {
    throw new OompahError(
      "invalid_server_backend",
      `server.backend "${s.backend}" is not supported`,
      {
        hint: "remove server.backend or set it to node",
        details: {
          path: "server.backend",
          expected: "node (uvicorn and granian are accepted and ignored)",
          got: s.backend,
          source: from("server.backend"),
        },
      },
    );
  }
  if (s.workers > 1) {
    throw new OompahError(
      "server_workers_unsupported",
      `server.workers is ${s.workers} (from ${from("server.workers")}) but must be 1: ${ONE_PROCESS_REASON}`,
      {
        hint: "remove server.workers / OOMPAH_SERVER_WORKERS / --workers, or set it to 1",
        details: { path: "server.workers", got: s.workers, source: from("server.workers") },
      },
    );
  }

  if (s.api_token !== null && s.api_token.length < MIN_API_TOKEN_LENGTH) {
    throw new OompahError(
      "weak_api_token",
      `server.api_token is shorter than ${MIN_API_TOKEN_LENGTH} characters`,
      {
        hint: "generate one with: openssl rand -base64 32",
        details: { path: "server.api_token", source: from("server.api_token") },
      },
    );
  }
  if (s.port !== null && !isLoopbackHost(s.host)) {
    if (s.api_token === null) {
      throw new OompahError(
        "api_token_required",
        `server.host "${s.host}" is not loopback and no server.api_token is configured`,
        {
          hint: "set OOMPAH_API_TOKEN (at least 24 characters) or bind to 127.0.0.1",
          details: { path: "server.api_token", host: s.host },
        },
      );
    }
    if (isWildcardHost(s.host) && s.allowed_hosts.length === 0) {
      throw new OompahError(
        "invalid_config_value",
        `server.host "${s.host}" is a wildcard bind, which requires server.allowed_hosts`,
        {
          hint: "list the host names clients use (e.g. oompah.example.com) in server.allowed_hosts",
          details: {
            path: "server.allowed_hosts",
            expected: "a non-empty list when server.host is a wildcard",
            got: [],
          },
        },
      );
    }
  }

  const overlap = config.tracker.active_states.filter((st) =>
    config.tracker.terminal_states.includes(st),
  );
  if (overlap.length > 0) {
    throw new OompahError(
      "invalid_config_value",
      `tracker.terminal_states overlaps tracker.active_states: ${overlap.join(", ")}`,
      {
        details: {
          path: "tracker.terminal_states",
          expected: "no status that is also in tracker.active_states",
          got: overlap,
        },
      },
    );
  }
  if (config.store.kind === "postgres" && config.store.url === null) {
    throw new OompahError("invalid_config_value", "store.kind postgres requires store.url", {
      details: { path: "store.url", expected: "a PostgreSQL connection URL (use $VAR)", got: null },
    });
  }
  return warnings;
}
