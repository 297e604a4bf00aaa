/**
 * The domain vocabulary of automatic focus proposals (SPEC §8.5): words that mark
 * work as belonging to a domain, and the must-do / must-not-do rules a proposed
 * focus for that domain starts with. Operators edit the resulting focus freely.
 */
/** A domain's vocabulary and the rules a focus for that domain carries. */
export interface DomainTemplate {
  vocabulary: readonly string[];
  must_do: readonly string[];
  must_not_do: readonly string[];
}

/** Domain vocabularies and the rules a focus for that domain carries. */
export const FOCUS_DOMAINS: Readonly<Record<string, DomainTemplate>> = {
  api: {
    vocabulary: [
      "api",
      "endpoint",
      "endpoints",
      "rest",
      "route",
      "routes",
      "request",
      "response",
      "http",
      "graphql",
    ],
    must_do: ["Keep responses backward compatible", "Validate every input at the endpoint"],
    must_not_do: ["Change a public contract silently"],
  },
  database: {
    vocabulary: [
      "database",
      "sql",
      "query",
      "queries",
      "migration",
      "migrations",
      "schema",
      "table",
      "index",
      "postgres",
      "sqlite",
    ],
    must_do: ["Write reversible migrations", "Test against realistic data shapes"],
    must_not_do: ["Edit a migration that has already been applied"],
  },
  cache: {
    vocabulary: [
      "cache",
      "caching",
      "cached",
      "redis",
      "ttl",
      "invalidation",
      "memcached",
      "eviction",
    ],
    must_do: ["Define cache invalidation explicitly"],
    must_not_do: ["Cache secrets or per-user data in a shared cache"],
  },
  auth: {
    vocabulary: [
      "auth",
      "authentication",
      "authorization",
      "login",
      "token",
      "session",
      "oauth",
      "password",
      "permission",
      "permissions",
    ],
    must_do: ["Deny by default", "Test the unauthorised path"],
    must_not_do: ["Log credentials or tokens"],
  },
  concurrency: {
    vocabulary: [
      "thread",
      "threads",
      "lock",
      "locking",
      "race",
      "async",
      "concurrent",
      "concurrency",
      "mutex",
      "deadlock",
    ],
    must_do: ["Document the lock order", "Test under contention"],
    must_not_do: ["Add sleeps to hide races"],
  },
  config: {
    vocabulary: ["config", "configuration", "settings", "env", "yaml", "flag", "flags"],
    must_do: ["Keep defaults safe and documented"],
    must_not_do: ["Hard-code environment-specific values"],
  },
  observability: {
    vocabulary: [
      "logging",
      "logs",
      "metrics",
      "tracing",
      "monitoring",
      "alert",
      "alerts",
      "telemetry",
    ],
    must_do: ["Use structured log fields"],
    must_not_do: ["Log secrets or unbounded payloads"],
  },
  performance: {
    vocabulary: [
      "performance",
      "latency",
      "slow",
      "optimize",
      "memory",
      "cpu",
      "profiling",
      "throughput",
    ],
    must_do: ["Measure before and after the change"],
    must_not_do: ["Trade correctness for speed"],
  },
  events: {
    vocabulary: [
      "event",
      "events",
      "webhook",
      "webhooks",
      "queue",
      "message",
      "messages",
      "subscriber",
      "publish",
    ],
    must_do: ["Make handlers idempotent"],
    must_not_do: ["Assume ordering or exactly-once delivery"],
  },
  integration: {
    vocabulary: [
      "integration",
      "sdk",
      "client",
      "sync",
      "import",
      "export",
      "third-party",
      "vendor",
    ],
    must_do: ["Isolate the external API behind an adapter", "Handle the external service's errors"],
    must_not_do: ["Call live external services in tests"],
  },
};

export const BASELINE_MUST_DO = [
  "Add or update tests covering the change",
  "Keep the change scoped to the issue",
];
export const BASELINE_MUST_NOT_DO = ["Modify unrelated files", "Weaken or delete existing tests"];
