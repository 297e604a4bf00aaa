/**
 * The provider editor's form (§9.3) and the request bodies made from it.
 * The per-model maps (roles, prices, capabilities, context windows) are
 * edited as rows. The key is write-only: the form never holds the stored
 * key, only a newly typed one (sent as `api_key`) or the wish to clear it
 * (`api_key: null`). An edit sends only the fields changed since the form
 * was opened.
 */
import {
  blankToNull,
  changedFields,
  joinList,
  splitList,
  type BodyResult,
  type FieldErrors,
} from "../../../shared/forms.js";
import type { Backend, Capability, ModelCost, Provider, ProviderInput } from "./wire.js";

export interface RoleRow {
  role: string;
  model: string;
}
export interface CostRow {
  model: string;
  input: string;
  output: string;
  /** Blank: cached input tokens cost the input price. */
  cached: string;
}
export interface CapabilityRow {
  model: string;
  capabilities: Capability[];
}
export interface ContextRow {
  model: string;
  tokens: string;
}

export interface ProviderForm {
  name: string;
  backend: Backend;
  base_url: string;
  api_key_env: string;
  /** A newly typed key (write-only; blank keeps the stored one). */
  api_key: string;
  clear_key: boolean;
  models: string;
  default_model: string;
  model_roles: RoleRow[];
  model_costs: CostRow[];
  model_capabilities: CapabilityRow[];
  model_contexts: ContextRow[];
  billing: Provider["billing"];
  default: boolean;
  stream: boolean;
  acp_command: string;
  acp_env_passthrough: string;
  acp_auth_method: string;
  permission_policy: Provider["permission_policy"];
  claude_native_tools: boolean;
  codex_mode: Provider["codex_mode"];
  command: string;
  prompt_via: Provider["prompt_via"];
  output_format: Provider["output_format"];
  timeout_ms: string;
  env_passthrough: string;
}

/** Every backend with a one-line description (the compiler checks the list against the server's enum). */
export const BACKEND_INFO: Readonly<Record<Backend, string>> = {
  api: "built-in agent loop over an OpenAI-compatible chat-completions API",
  acp: "an Agent Client Protocol command (e.g. opencode)",
  claude: "the Claude Agent SDK",
  codex: "the Codex SDK or CLI",
  command: "any command-line agent",
  mock: "scripted agent for tests and the demo",
};
export const BACKENDS = Object.keys(BACKEND_INFO) as Backend[];

const CAPABILITY_SET: Readonly<Record<Capability, true>> = { text: true, image: true, audio: true };
export const CAPABILITIES = Object.keys(CAPABILITY_SET) as Capability[];

/** Groups of backend-specific fields; the others apply to every backend. */
export type FieldGroup = "endpoint" | "key" | "stream" | "acp" | "claude" | "codex" | "command";

/** Which backend-specific groups the editor shows for `backend`. */
export function fieldGroups(backend: Backend): ReadonlySet<FieldGroup> {
  switch (backend) {
    case "api":
      return new Set(["endpoint", "key", "stream"]);
    case "acp":
      return new Set(["acp"]);
    case "claude":
      return new Set(["endpoint", "key", "claude"]);
    case "codex":
      return new Set(["endpoint", "key", "codex"]);
    case "command":
      return new Set(["command"]);
    case "mock":
      return new Set();
  }
}

export const EMPTY_PROVIDER_FORM: ProviderForm = {
  name: "",
  backend: "api",
  base_url: "",
  api_key_env: "",
  api_key: "",
  clear_key: false,
  models: "",
  default_model: "",
  model_roles: [],
  model_costs: [],
  model_capabilities: [],
  model_contexts: [],
  billing: "per_token",
  default: false,
  stream: true,
  acp_command: "",
  acp_env_passthrough: "",
  acp_auth_method: "",
  permission_policy: "workspace",
  claude_native_tools: false,
  codex_mode: "cli",
  command: "",
  prompt_via: "stdin",
  output_format: "text",
  timeout_ms: "",
  env_passthrough: "",
};

const num = (n: number | undefined): string => (n === undefined ? "" : String(n));

export function providerToForm(p: Provider): ProviderForm {
  return {
    name: p.name,
    backend: p.backend,
    base_url: p.base_url ?? "",
    api_key_env: p.api_key_env ?? "",
    api_key: "",
    clear_key: false,
    models: joinList(p.models, "lines"),
    default_model: p.default_model ?? "",
    model_roles: Object.entries(p.model_roles).map(([role, model]) => ({ role, model })),
    model_costs: Object.entries(p.model_costs).map(([model, c]) => ({
      model,
      input: num(c.input_per_1m),
      output: num(c.output_per_1m),
      cached: num(c.cached_input_per_1m),
    })),
    model_capabilities: Object.entries(p.model_capabilities).map(([model, capabilities]) => ({
      model,
      capabilities: [...capabilities],
    })),
    model_contexts: Object.entries(p.model_contexts).map(([model, tokens]) => ({
      model,
      tokens: String(tokens),
    })),
    billing: p.billing,
    default: p.default,
    stream: p.stream,
    acp_command: p.acp_command ?? "",
    acp_env_passthrough: joinList(p.acp_env_passthrough, "comma"),
    acp_auth_method: p.acp_auth_method ?? "",
    permission_policy: p.permission_policy,
    claude_native_tools: p.claude_native_tools,
    codex_mode: p.codex_mode,
    command: p.command ?? "",
    prompt_via: p.prompt_via,
    output_format: p.output_format,
    timeout_ms: p.timeout_ms === null ? "" : String(p.timeout_ms),
    env_passthrough: joinList(p.env_passthrough, "comma"),
  };
}

type Parsed<V> = { value: V } | { error: string };

/** A per-model map from rows: blank rows dropped, a repeated key is an error. */
function record<R, V>(
  rows: readonly R[],
  key: (r: R) => string,
  blank: (r: R) => boolean,
  parse: (r: R) => Parsed<V>,
): { value: Record<string, V>; error?: string } {
  const out: Record<string, V> = {};
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const r of rows) {
    const k = key(r).trim();
    if (k === "" && blank(r)) continue;
    if (k === "") {
      problems.push("a row has no name");
      continue;
    }
    if (seen.has(k)) {
      problems.push(`${k} is listed twice`);
      continue;
    }
    seen.add(k);
    const v = parse(r);
    if ("error" in v) problems.push(`${k}: ${v.error}`);
    else out[k] = v.value;
  }
  return problems.length ? { value: out, error: problems.join("; ") } : { value: out };
}

/** A non-negative price. */
function price(text: string, what: string): Parsed<number> {
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(n) || n < 0) {
    return { error: `${what} must be a number ≥ 0` };
  }
  return { value: n };
}

/** Every field but the key, with its typed value. */
type ProviderFields = Required<Omit<ProviderInput, "api_key">>;

function fieldsOf(form: ProviderForm): { fields: ProviderFields; errors: FieldErrors } {
  const errors: Record<string, string> = {};

  const roles = record<RoleRow, string>(
    form.model_roles,
    (r) => r.role,
    (r) => r.model.trim() === "",
    (r) => (r.model.trim() === "" ? { error: "no model" } : { value: r.model.trim() }),
  );
  const costs = record<CostRow, ModelCost>(
    form.model_costs,
    (r) => r.model,
    (r) => !r.input.trim() && !r.output.trim() && !r.cached.trim(),
    (r) => {
      const input = price(r.input, "input");
      const output = price(r.output, "output");
      const cached = r.cached.trim() === "" ? null : price(r.cached, "cached input");
      if ("error" in input) return input;
      if ("error" in output) return output;
      if (cached && "error" in cached) return cached;
      return {
        value: {
          input_per_1m: input.value,
          output_per_1m: output.value,
          ...(cached ? { cached_input_per_1m: cached.value } : {}),
        },
      };
    },
  );
  const capabilities = record<CapabilityRow, Capability[]>(
    form.model_capabilities,
    (r) => r.model,
    (r) => r.capabilities.length === 0,
    (r) =>
      r.capabilities.length === 0
        ? { error: "pick at least one capability" }
        : { value: CAPABILITIES.filter((c) => r.capabilities.includes(c)) },
  );
  const contexts = record<ContextRow, number>(
    form.model_contexts,
    (r) => r.model,
    (r) => r.tokens.trim() === "",
    (r) => {
      const n = Number(r.tokens.trim());
      return Number.isInteger(n) && n > 0
        ? { value: n }
        : { error: "tokens must be a whole number > 0" };
    },
  );
  for (const [field, r] of Object.entries({
    model_roles: roles,
    model_costs: costs,
    model_capabilities: capabilities,
    model_contexts: contexts,
  })) {
    if (r.error) errors[field] = r.error;
  }

  let timeout: number | null = null;
  if (form.timeout_ms.trim() !== "") {
    timeout = Number(form.timeout_ms.trim());
    if (!Number.isInteger(timeout) || timeout <= 0) {
      errors.timeout_ms = "must be a whole number of milliseconds > 0, or blank";
    }
  }

  return {
    fields: {
      name: form.name.trim(),
      backend: form.backend,
      base_url: blankToNull(form.base_url),
      api_key_env: blankToNull(form.api_key_env),
      models: splitList(form.models, "lines"),
      default_model: blankToNull(form.default_model),
      model_roles: roles.value,
      model_costs: costs.value,
      model_capabilities: capabilities.value,
      model_contexts: contexts.value,
      billing: form.billing,
      default: form.default,
      stream: form.stream,
      acp_command: blankToNull(form.acp_command),
      acp_env_passthrough: splitList(form.acp_env_passthrough, "comma"),
      acp_auth_method: blankToNull(form.acp_auth_method),
      permission_policy: form.permission_policy,
      claude_native_tools: form.claude_native_tools,
      codex_mode: form.codex_mode,
      command: blankToNull(form.command),
      prompt_via: form.prompt_via,
      output_format: form.output_format,
      timeout_ms: timeout,
      env_passthrough: splitList(form.env_passthrough, "comma"),
    },
    errors,
  };
}

/** `api_key` of a body: a typed key replaces the stored one, `clear_key` removes it, else absent. */
function keyPart(form: ProviderForm): Pick<ProviderInput, "api_key"> {
  if (form.api_key.trim() !== "") return { api_key: form.api_key.trim() };
  return form.clear_key ? { api_key: null } : {};
}

/** `POST /api/v1/providers`. */
export function createBody(form: ProviderForm): BodyResult<ProviderInput> {
  const { fields, errors } = fieldsOf(form);
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, body: { ...fields, ...keyPart(form) } };
}

/** `PATCH /api/v1/providers/{id}`: only the fields changed since `initial`, plus any key change. */
export function patchBody(initial: ProviderForm, current: ProviderForm): BodyResult<ProviderInput> {
  const after = fieldsOf(current);
  if (Object.keys(after.errors).length) return { ok: false, errors: after.errors };
  const body: ProviderInput = changedFields(fieldsOf(initial).fields, after.fields);
  return { ok: true, body: { ...body, ...keyPart(current) } };
}
