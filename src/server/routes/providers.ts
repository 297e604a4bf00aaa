/**
 * Provider routes (SPEC §9.3, §17.2, §19.4): CRUD with write-only keys, the
 * side-effect-free test and fetch-models. Every response goes through
 * PublicProviderSchema, which has no key field at all, so the response check
 * strips key material even if a handler passed a full provider by mistake.
 */
import { z } from "zod";
import type { ProvidersStore } from "../../documents/providers.js";
import { OompahError } from "../../domain/errors.js";
import { BACKENDS, ProviderSchema, type Provider } from "../../domain/provider.js";
import {
  ProbeResultSchema,
  fetchModels,
  testProvider,
  type ProbeDeps,
} from "../../providers/provider-probe.js";
import { defineRoute, type RouteDefinition } from "../route.js";

export interface ProvidersRouteDeps {
  providers: ProvidersStore;
  /** Environment, package resolver, DNS lookup and timeouts for test/fetch-models. */
  probe: Omit<ProbeDeps, "apiKey">;
}

export const PublicProviderSchema = ProviderSchema.omit({
  api_key: true,
  api_key_enc: true,
}).extend({
  api_key_set: z.boolean().describe("A key is available (env var set or stored)"),
  api_key_source: z.enum(["env", "stored", "legacy_plaintext", "none"]),
});

const httpUrl = z
  .string()
  .trim()
  .refine((s) => s === "" || /^https?:\/\/[^\s]+$/i.test(s), "must be an http(s) URL")
  .nullable();
const text = z.string().nullable();

/** What a client may send: every field optional and without defaults (a PATCH changes only what it sends). */
export const ProviderInputSchema = z
  .object({
    name: z.string(),
    backend: z.enum(BACKENDS),
    base_url: httpUrl,
    api_key_env: text,
    api_key: z
      .string()
      .nullable()
      .describe('Write-only: a key to store encrypted; null or "" clears it'),
    models: z.array(z.string()),
    default_model: text,
    model_roles: z.record(z.string(), z.string()),
    model_costs: z.record(
      z.string(),
      z.object({
        input_per_1m: z.number().min(0),
        output_per_1m: z.number().min(0),
        cached_input_per_1m: z.number().min(0).optional(),
      }),
    ),
    model_capabilities: z.record(z.string(), z.array(z.enum(["text", "image", "audio"]))),
    model_contexts: z.record(z.string(), z.number().int().positive()),
    billing: z.enum(["per_token", "subscription"]),
    acp_command: text,
    acp_env_passthrough: z.array(z.string()),
    acp_auth_method: text,
    permission_policy: z.enum(["workspace", "allow_all", "reject_all"]),
    claude_native_tools: z.boolean(),
    codex_mode: z.enum(["cli", "agents"]),
    command: text,
    prompt_via: z.enum(["stdin", "file", "arg"]),
    output_format: z.enum(["text", "claude-stream-json", "codex-json"]),
    timeout_ms: z.number().int().positive().nullable(),
    env_passthrough: z.array(z.string()),
    default: z.boolean(),
    stream: z.boolean(),
  })
  .partial()
  .strict();

export const ProviderListSchema = z.object({ providers: z.array(PublicProviderSchema) });
export const FetchModelsResultSchema = z.object({
  provider: PublicProviderSchema,
  fetched: z.number().int(),
});

const IdParams = z.object({ id: z.string().min(1) });

function found(deps: ProvidersRouteDeps, id: string): Provider {
  const p = deps.providers.get(id);
  if (!p) throw new OompahError("not_found", `no provider ${id}`);
  return p;
}

function probeDeps(deps: ProvidersRouteDeps): ProbeDeps {
  return {
    ...deps.probe,
    apiKey: (p) => {
      const r = deps.providers.apiKey(p.id);
      if (!r.ok) throw r.error;
      return r.key;
    },
  };
}

export function providerRoutes(deps: ProvidersRouteDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/providers",
      summary: "List providers (no key material)",
      tags: ["providers"],
      responses: { 200: ProviderListSchema },
      handler: () => ({ status: 200, body: { providers: deps.providers.listPublic() } }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/providers",
      summary: "Create a provider; a typed key is stored encrypted",
      tags: ["providers"],
      request: { body: ProviderInputSchema },
      responses: { 201: PublicProviderSchema },
      handler: async ({ body }) => ({ status: 201, body: await deps.providers.create(body) }),
    }),
    defineRoute({
      method: "PATCH",
      path: "/api/v1/providers/:id",
      summary:
        "Update provider fields; `api_key` replaces (string) or clears (null) the stored key",
      tags: ["providers"],
      request: { params: IdParams, body: ProviderInputSchema },
      responses: { 200: PublicProviderSchema },
      handler: async ({ params, body }) => ({
        status: 200,
        body: await deps.providers.update(params.id, body),
      }),
    }),
    defineRoute({
      method: "DELETE",
      path: "/api/v1/providers/:id",
      summary: "Remove a provider",
      tags: ["providers"],
      request: { params: IdParams },
      responses: { 200: z.object({ deleted: z.string() }) },
      handler: async ({ params }) => {
        await deps.providers.remove(params.id);
        return { status: 200, body: { deleted: params.id } };
      },
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/providers/:id/test",
      summary: "Probe a provider (api: 1-token completion); no side effect",
      tags: ["providers"],
      request: { params: IdParams },
      responses: { 200: ProbeResultSchema },
      handler: async ({ params }) => ({
        status: 200,
        body: await testProvider(found(deps, params.id), probeDeps(deps)),
      }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/providers/:id/fetch-models",
      summary: "Fill models (and model_contexts) from GET {base_url}/models and save",
      tags: ["providers"],
      request: { params: IdParams },
      responses: { 200: FetchModelsResultSchema },
      handler: async ({ params }) => {
        const current = found(deps, params.id);
        const fetched = await fetchModels(current, probeDeps(deps));
        const provider = await deps.providers.update(params.id, {
          models: fetched.models,
          model_contexts: { ...current.model_contexts, ...fetched.model_contexts },
        });
        return { status: 200, body: { provider, fetched: fetched.models.length } };
      },
    }),
  ];
}
