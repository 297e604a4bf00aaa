/**
 * The provider document entry (SPEC §9.3): an endpoint, credentials and a model
 * catalogue. Reads files written by the original oompah: legacy `mode` /
 * `provider_type` / `acp_permission_mode` / `billing_model` fields are mapped,
 * `cost_per_1k_*` prices become per-1M prices, and a plaintext `api_key` is kept
 * only in memory until the documents layer encrypts it on the next save.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export const BACKENDS = ["api", "acp", "claude", "codex", "command", "mock"] as const;
/** The mechanism that drives the agent (SPEC §10). */
export type Backend = (typeof BACKENDS)[number];

const blankToNull = (v: unknown): unknown => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalString = z.preprocess(blankToNull, z.string().nullable().default(null));

/** Rounds away float noise from the ×1000 conversion (0.00015 × 1000 → 0.15). */
function per1kToPer1m(v: number): number {
  return Math.round(v * 1000 * 1e9) / 1e9;
}

const ModelCostSchema = z.preprocess(
  (v) => {
    if (!v || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    if (o.input_per_1m !== undefined || o.output_per_1m !== undefined) return o;
    const conv = (x: unknown): unknown => (typeof x === "number" ? per1kToPer1m(x) : x);
    return {
      input_per_1m: conv(o.cost_per_1k_input),
      output_per_1m: conv(o.cost_per_1k_output),
      ...(o.cost_per_1k_cached_input === undefined
        ? {}
        : { cached_input_per_1m: conv(o.cost_per_1k_cached_input) }),
    };
  },
  z.object({
    input_per_1m: z.number().min(0),
    output_per_1m: z.number().min(0),
    cached_input_per_1m: z.number().min(0).optional(),
  }),
);
/** USD per 1M tokens; `0/0` marks a model explicitly free. */
export type ModelCost = z.infer<typeof ModelCostSchema>;

export const ProviderSchema = z.object({
  id: z.string().min(1),
  name: z.string().default(""),
  backend: z.enum(BACKENDS).default("api"),
  base_url: z.preprocess(
    (v) => (typeof v === "string" ? blankToNull(v.trim().replace(/\/+$/, "")) : v),
    z.string().nullable().default(null),
  ),
  api_key_env: optionalString,
  api_key_enc: optionalString,
  /** Legacy plaintext key: read, never written back (encrypted on the next save). */
  api_key: optionalString,
  models: z.array(z.string()).default([]),
  default_model: optionalString,
  model_roles: z.record(z.string(), z.string()).default({}),
  model_costs: z.record(z.string(), ModelCostSchema).default({}),
  model_capabilities: z.record(z.string(), z.array(z.enum(["text", "image", "audio"]))).default({}),
  model_contexts: z.record(z.string(), z.number().int().positive()).default({}),
  billing: z.enum(["per_token", "subscription"]).default("per_token"),
  acp_command: optionalString,
  acp_env_passthrough: z.array(z.string()).default([]),
  acp_auth_method: optionalString,
  permission_policy: z.enum(["workspace", "allow_all", "reject_all"]).default("workspace"),
  claude_native_tools: z.boolean().default(false),
  codex_mode: z.enum(["cli", "agents"]).default("cli"),
  command: optionalString,
  prompt_via: z.enum(["stdin", "file", "arg"]).default("stdin"),
  output_format: z.enum(["text", "claude-stream-json", "codex-json"]).default("text"),
  timeout_ms: z.number().int().positive().nullable().default(null),
  env_passthrough: z.array(z.string()).default([]),
  default: z.boolean().default(false),
  stream: z.boolean().default(true),
});

/** A validated provider with every field present. */
export type Provider = z.infer<typeof ProviderSchema>;

const LEGACY_PERMISSION: Readonly<Record<string, Provider["permission_policy"]>> = {
  default: "workspace",
  acceptedits: "workspace",
  bypasspermissions: "allow_all",
  plan: "reject_all",
};

/**
 * Maps the original's fields onto ours. The original's `mode: "acp"` meant its
 * SDK path (`backend` claude by default, codex, or opencode, which speaks ACP);
 * `mode: "cli"` is the command backend.
 */
export function upgradeLegacyProvider(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const {
    provider_type,
    mode,
    acp_permission_mode,
    billing_model,
    acp_subscription_only,
    ...rest
  } = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (out.id === undefined) out.id = derivedProviderId(rest);
  const legacyMode =
    typeof mode === "string" ? mode.toLowerCase() : provider_type === "acp" ? "acp" : null;
  const legacyBackend = typeof rest.backend === "string" ? rest.backend.toLowerCase() : null;
  if (legacyMode === "acp") {
    out.backend =
      legacyBackend === "codex"
        ? "codex"
        : legacyBackend === "opencode" || legacyBackend === "acp"
          ? "acp"
          : "claude";
  } else if (legacyMode === "cli") {
    out.backend = "command";
  } else if (
    legacyMode === "api" &&
    (legacyBackend === null || !(BACKENDS as readonly string[]).includes(legacyBackend))
  ) {
    out.backend = "api";
  }
  if (out.permission_policy === undefined && typeof acp_permission_mode === "string") {
    out.permission_policy = LEGACY_PERMISSION[acp_permission_mode.toLowerCase()] ?? "workspace";
  }
  if (out.billing === undefined) {
    if (billing_model === "subscription" || billing_model === "per_token")
      out.billing = billing_model;
    else if (acp_subscription_only === true) out.billing = "subscription";
  }
  return out;
}

/** providers.json: an array of providers, legacy entries upgraded on read. */
export const ProvidersDocumentSchema = z.array(z.preprocess(upgradeLegacyProvider, ProviderSchema));

/** Where a provider's key comes from, for display. */
export type KeySource = "env" | "stored" | "legacy_plaintext" | "none";

/** What any API response may show about a provider: no key material, ever. */
export type PublicProvider = Omit<Provider, "api_key" | "api_key_enc"> & {
  api_key_set: boolean;
  api_key_source: KeySource;
  api_key_last4?: string;
};

/**
 * The view of a provider that responses carry (SPEC §9.3, §19.4). `env` is
 * consulted only to report whether the named variable is set; `last4` is an
 * optional hint the caller obtained by decrypting.
 */
export function publicProvider(
  p: Provider,
  env: Readonly<Record<string, string | undefined>> = {},
  last4?: string,
): PublicProvider {
  const { api_key, api_key_enc, ...rest } = p;
  const envSet = !!(p.api_key_env && env[p.api_key_env]);
  const source: KeySource = envSet
    ? "env"
    : api_key_enc
      ? "stored"
      : api_key
        ? "legacy_plaintext"
        : "none";
  return {
    ...rest,
    api_key_set: source !== "none",
    api_key_source: source,
    ...(last4 && source !== "none" ? { api_key_last4: last4.slice(-4) } : {}),
  };
}

/**
 * The id of a hand-written entry that has none (the README's example has
 * none): `prov-<8 hex>` of its name, backend and base URL, so it is the same
 * on every read and routing pins keep pointing at it.
 */
function derivedProviderId(entry: Record<string, unknown>): string {
  const basis = JSON.stringify([entry.name ?? "", entry.backend ?? "", entry.base_url ?? ""]);
  return `prov-${createHash("sha256").update(basis).digest("hex").slice(0, 8)}`;
}

/** A fresh provider id, `prov-<8 hex>`; `random` returns hex digits. */
export function newProviderId(randomHex: (bytes: number) => string): string {
  return `prov-${randomHex(4).slice(0, 8)}`;
}
