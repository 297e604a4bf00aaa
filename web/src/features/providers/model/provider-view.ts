/**
 * Text the Providers page shows about a provider: where its key comes from
 * (never the key: the API has no key field to show), the result of a Test
 * and the models offered as choices.
 */
import type { ProbeResult, Provider } from "./wire.js";

/** "key set (env: NAME)", "stored encrypted", or what is missing. */
export function keyStatus(p: Pick<Provider, "api_key_env" | "api_key_source">): {
  text: string;
  ok: boolean;
} {
  switch (p.api_key_source) {
    case "env":
      return { text: `key set (env: ${p.api_key_env ?? "?"})`, ok: true };
    case "stored":
      return {
        text: p.api_key_env
          ? `stored encrypted (env ${p.api_key_env} is not set)`
          : "stored encrypted",
        ok: true,
      };
    case "legacy_plaintext":
      return { text: "plaintext in providers.json: encrypted on the next save", ok: true };
    case "none":
      return {
        text: p.api_key_env ? `no key: env ${p.api_key_env} is not set` : "no key",
        ok: false,
      };
  }
}

/** One line for a Test result: "OK · 12 ms · model m — detail" or "code: message". */
export function probeSummary(r: ProbeResult): { ok: boolean; text: string; hint?: string } {
  if (r.ok) {
    const parts = ["OK", `${r.latency_ms} ms`];
    if (r.model) parts.push(`model ${r.model}`);
    return { ok: true, text: `${parts.join(" · ")}${r.detail ? ` — ${r.detail}` : ""}` };
  }
  const e = r.error;
  return {
    ok: false,
    text: `${e ? `${e.code}: ${e.message}` : "failed"} (${r.latency_ms} ms)`,
    ...(e?.hint ? { hint: e.hint } : {}),
  };
}

/** The models a provider offers for defaults and roles: its catalogue plus any model named elsewhere. */
export function knownModels(models: readonly string[], ...more: readonly string[][]): string[] {
  return [...new Set([...models, ...more.flat()].filter((m) => m.trim() !== ""))];
}
