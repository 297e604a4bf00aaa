/**
 * The effective config as JSON for `GET /api/v1/config` (SPEC §17.2, §19.4):
 * every secret-typed value becomes `{"secret": true, "source": "env:NAME"}`,
 * and any other string that contains a known secret value (≥ 8 chars) is
 * scrubbed too, so a secret pasted into an unexpected key still never leaks.
 */
import { isPlainObject } from "./key-path.js";
import type { OompahConfig } from "./schema.js";

/** What redaction needs from a loaded workflow. */
export interface RedactableConfig {
  config: OompahConfig;
  secrets: ReadonlyArray<{
    path: string;
    segments?: ReadonlyArray<string | number>;
    source: string;
    value: string;
  }>;
}

function scrub(v: unknown, values: readonly string[]): unknown {
  if (typeof v === "string")
    return values.reduce((s, secret) => s.split(secret).join("[REDACTED]"), v);
  if (Array.isArray(v)) return v.map((x) => scrub(x, values));
  if (isPlainObject(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x, values)]));
  return v;
}

function replaceAt(root: unknown, segments: ReadonlyArray<string | number>, marker: unknown): void {
  let cur: unknown = root;
  segments.forEach((s, i) => {
    if (cur === null || typeof cur !== "object") return;
    const container = cur as Record<string | number, unknown>;
    if (i === segments.length - 1) {
      if (s in container) container[s] = marker;
    } else cur = container[s];
  });
}

/** A JSON-safe copy of the config with secrets replaced by markers. */
export function redactConfig(loaded: RedactableConfig): unknown {
  const copy = structuredClone(loaded.config) as unknown;
  for (const s of loaded.secrets) {
    replaceAt(copy, s.segments ?? s.path.split("."), { secret: true, source: s.source });
  }
  const values = loaded.secrets.map((s) => s.value).filter((v) => v.length >= 8);
  return scrub(copy, values);
}
