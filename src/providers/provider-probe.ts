/**
 * `POST /api/v1/providers/{id}/test` and `…/fetch-models` (SPEC §17.2).
 * The test is a probe with no side effect: it never writes the providers
 * document (an operator pressing Test must not reformat or re-encrypt the
 * file). For `api` it sends a 1-token chat completion; for the SDK backends
 * it checks that the optional package is installed (the minimal live call
 * comes with those backends); for acp/command it checks that the command
 * resolves on PATH. Fetch-models reads `GET {base_url}/models` and returns
 * the catalogue for the caller to save.
 */
import { z } from "zod";
import { OompahError, toOompahError } from "../domain/errors.js";
import type { Provider } from "../domain/provider.js";
import {
  commandProgram,
  packageFor,
  providerBackendError,
  resolveOnPath,
} from "./backend-availability.js";
import { createOpenAIClient, providerError } from "./openai-client.js";
import type { HostLookup } from "./outbound.js";

export const PROBE_TIMEOUT_MS = 20_000;

export const ProbeResultSchema = z.object({
  ok: z.boolean(),
  latency_ms: z.number().describe("Wall time of the probe"),
  model: z.string().nullable().describe("Model the probe used (or would use)"),
  detail: z.string().optional().describe("What was checked"),
  error: z
    .object({ code: z.string(), message: z.string(), hint: z.string().optional() })
    .optional(),
});
/** The body of a provider test. */
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

export interface ProbeDeps {
  /** The provider's key: null when it has none; throws `secret_unavailable` when undecryptable. */
  apiKey: (provider: Provider) => string | null;
  env: Readonly<Record<string, string | undefined>>;
  isInstalled?: (pkg: string) => boolean;
  lookup?: HostLookup;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Monotonic milliseconds (injectable clock). */
  now?: () => number;
}

/** The model a probe uses: `default_model`, else the first catalogue entry. */
export function probeModel(provider: Provider): string | null {
  return provider.default_model ?? provider.models[0] ?? null;
}

function failure(
  err: unknown,
  started: number,
  now: () => number,
  model: string | null,
): ProbeResult {
  const e = toOompahError(err);
  return {
    ok: false,
    latency_ms: Math.round(now() - started),
    model,
    error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) },
  };
}

/** The provider's client with the probe timeout and the injected network seams. */
function probeClient(provider: Provider, key: string | null, deps: ProbeDeps) {
  return createOpenAIClient(provider, {
    apiKey: key,
    timeoutMs: deps.timeoutMs ?? PROBE_TIMEOUT_MS,
    ...(deps.lookup ? { lookup: deps.lookup } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
}

async function probeApi(provider: Provider, deps: ProbeDeps, model: string): Promise<string> {
  const key = deps.apiKey(provider);
  const client = probeClient(provider, key, deps);
  try {
    const res = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "Reply with OK" }],
      max_tokens: 1,
      stream: false,
    });
    return `chat completion answered by model ${res.model}`;
  } catch (e) {
    throw providerError(e, provider, key);
  }
}

async function probeCommand(provider: Provider, deps: ProbeDeps): Promise<string> {
  const field = provider.backend === "acp" ? "acp_command" : "command";
  const line = provider.backend === "acp" ? provider.acp_command : provider.command;
  const program = line ? commandProgram(line) : null;
  if (!program) {
    throw new OompahError("provider_misconfigured", `provider ${provider.id} has no ${field}`, {
      hint: `set ${field} to the agent's command line`,
    });
  }
  const path = await resolveOnPath(program, deps.env);
  if (!path) {
    throw new OompahError("agent_not_found", `${program} is not on PATH`, {
      hint: `install ${program} or fix ${field}: ${line}`,
    });
  }
  return `${program} resolves to ${path}`;
}

/** Runs the probe for one provider; failures are reported in the result, never thrown. */
export async function testProvider(provider: Provider, deps: ProbeDeps): Promise<ProbeResult> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const model = probeModel(provider);
  try {
    let detail: string;
    switch (provider.backend) {
      case "api":
        if (!model) {
          throw new OompahError(
            "provider_misconfigured",
            `provider ${provider.id} has no model to test`,
            {
              hint: "set default_model, or fetch the model list first",
            },
          );
        }
        detail = await probeApi(provider, deps, model);
        break;
      case "claude":
      case "codex": {
        const missing = providerBackendError(provider, deps.isInstalled);
        if (missing) throw missing;
        detail = `package ${packageFor(provider)} is installed (no live call made)`;
        break;
      }
      case "acp":
      case "command":
        detail = await probeCommand(provider, deps);
        break;
      case "mock":
        if (deps.env.OOMPAH_ALLOW_MOCK !== "1") {
          throw new OompahError(
            "backend_unavailable",
            "the mock backend is for tests and `oompah demo` only",
            {
              hint: "set OOMPAH_ALLOW_MOCK=1, or run `oompah demo`",
            },
          );
        }
        detail = "mock backend enabled";
        break;
    }
    return { ok: true, latency_ms: Math.round(now() - started), model, detail };
  } catch (e) {
    return failure(e, started, now, model);
  }
}

/** One entry of `GET /models`; context fields are optional extensions (OpenRouter, vLLM). */
const ModelEntrySchema = z.looseObject({
  id: z.string().min(1),
  context_length: z.number().int().positive().nullish(),
  max_model_len: z.number().int().positive().nullish(),
});

export interface FetchedModels {
  models: string[];
  /** Context windows reported by the server. */
  model_contexts: Record<string, number>;
}

/** `GET {base_url}/models` through the outbound guard; throws the mapped provider error. */
export async function fetchModels(provider: Provider, deps: ProbeDeps): Promise<FetchedModels> {
  const key = deps.apiKey(provider);
  const client = probeClient(provider, key, deps);
  const raw: unknown[] = [];
  try {
    for await (const m of client.models.list()) raw.push(m);
  } catch (e) {
    throw providerError(e, provider, key);
  }
  const models: string[] = [];
  const model_contexts: Record<string, number> = {};
  for (const entry of raw) {
    const parsed = ModelEntrySchema.safeParse(entry);
    if (!parsed.success || models.includes(parsed.data.id)) continue;
    models.push(parsed.data.id);
    const ctx = parsed.data.context_length ?? parsed.data.max_model_len;
    if (ctx) model_contexts[parsed.data.id] = ctx;
  }
  return { models, model_contexts };
}
