/**
 * Keys bound at start-up (listener, credentials, data location, store) cannot
 * change live (SPEC §3.7): a reload that changes one keeps the running value
 * and warns `restart_required`; everything else in the new config applies.
 */
import type { Warning } from "../domain/errors.js";
import type { SecretEntry } from "./env-refs.js";
import type { OompahConfig } from "./schema.js";

/** Paths whose running value survives a reload. */
export const RESTART_KEYS = [
  "server.host",
  "server.port",
  "server.api_token",
  "data_dir",
  "store.kind",
  "store.path",
  "store.url",
] as const;

const SECRET_RESTART_KEYS = new Set<string>(["server.api_token", "store.url"]);

function read(config: OompahConfig, key: (typeof RESTART_KEYS)[number]): unknown {
  switch (key) {
    case "server.host":
      return config.server.host;
    case "server.port":
      return config.server.port;
    case "server.api_token":
      return config.server.api_token;
    case "data_dir":
      return config.data_dir;
    case "store.kind":
      return config.store.kind;
    case "store.path":
      return config.store.path;
    case "store.url":
      return config.store.url;
  }
}

/** `next` with every restart-only key reset to its `running` value, plus one warning per kept key. */
export function keepRestartKeys<T extends { config: OompahConfig; secrets: SecretEntry[] }>(
  running: T,
  next: T,
): { merged: T; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const kept = new Set<string>();
  for (const key of RESTART_KEYS) {
    const before = read(running.config, key);
    const after = read(next.config, key);
    if (before === after) continue;
    kept.add(key);
    const change = SECRET_RESTART_KEYS.has(key)
      ? "changed"
      : `changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`;
    warnings.push({
      code: "restart_required",
      message: `${key} ${change}; restart oompah to apply it (the running value stays in effect)`,
      path: key,
    });
  }
  if (kept.size === 0) return { merged: next, warnings };
  const r = running.config;
  const config: OompahConfig = {
    ...next.config,
    data_dir: r.data_dir,
    server: {
      ...next.config.server,
      host: r.server.host,
      port: r.server.port,
      api_token: r.server.api_token,
    },
    store: { ...r.store },
  };
  const secrets = [
    ...next.secrets.filter((s) => !kept.has(s.path)),
    ...running.secrets.filter((s) => kept.has(s.path)),
  ];
  return { merged: { ...next, config, secrets }, warnings };
}
