import { describe, expect, it } from "vitest";
import { ProviderSchema, publicProvider } from "../../../src/domain/provider.js";
import { ProviderInputSchema } from "../../../src/server/routes/providers.js";
import {
  BACKENDS,
  createBody,
  EMPTY_PROVIDER_FORM,
  fieldGroups,
  patchBody,
  providerToForm,
} from "../../../web/src/features/providers/model/provider-form.js";
import {
  keyStatus,
  knownModels,
  probeSummary,
} from "../../../web/src/features/providers/model/provider-view.js";
import type { Provider } from "../../../web/src/features/providers/model/wire.js";
import { sameValue } from "../../../web/src/shared/forms.js";

function provider(over: Record<string, unknown> = {}, env: Record<string, string> = {}): Provider {
  return publicProvider(
    ProviderSchema.parse({
      id: "prov-0000abcd",
      name: "Local",
      base_url: "http://127.0.0.1:9/v1",
      models: ["m-small", "m-large"],
      default_model: "m-small",
      model_roles: { fast: "m-small", deep: "m-large" },
      model_costs: { "m-small": { input_per_1m: 0.1, output_per_1m: 0.4 } },
      model_capabilities: { "m-large": ["text", "image"] },
      model_contexts: { "m-large": 128000 },
      ...over,
    }),
    env,
  );
}

describe("provider form ↔ request bodies", () => {
  it("an unchanged form saves nothing and never carries a key", () => {
    const form = providerToForm(provider({ api_key_enc: "v1:aaaa:bbbb" }));
    expect(form.api_key).toBe("");
    expect(patchBody(form, { ...form })).toEqual({ ok: true, body: {} });
    expect(sameValue(form, { ...form })).toBe(true);
  });

  it("sends a changed per-model map whole, and a typed key write-only", () => {
    const initial = providerToForm(provider());
    const edited = {
      ...initial,
      model_costs: [
        ...initial.model_costs,
        { model: "m-large", input: "2", output: "8", cached: "0.5" },
      ],
      api_key: "  sk-typed  ",
    };
    const r = patchBody(initial, edited);
    expect(r).toEqual({
      ok: true,
      body: {
        model_costs: {
          "m-small": { input_per_1m: 0.1, output_per_1m: 0.4 },
          "m-large": { input_per_1m: 2, output_per_1m: 8, cached_input_per_1m: 0.5 },
        },
        api_key: "sk-typed",
      },
    });
    if (r.ok) expect(ProviderInputSchema.parse(r.body)).toEqual(r.body);
  });

  it("clears the stored key only when asked and nothing new is typed", () => {
    const initial = providerToForm(provider({ api_key_enc: "v1:aaaa:bbbb" }));
    expect(patchBody(initial, { ...initial, clear_key: true })).toEqual({
      ok: true,
      body: { api_key: null },
    });
    expect(patchBody(initial, { ...initial, clear_key: true, api_key: "sk-new" })).toEqual({
      ok: true,
      body: { api_key: "sk-new" },
    });
  });

  it("treats reordered rows as no change and drops blank rows", () => {
    const initial = providerToForm(provider());
    const edited = {
      ...initial,
      model_roles: [...initial.model_roles].reverse(),
      model_contexts: [...initial.model_contexts, { model: "", tokens: "" }],
    };
    expect(patchBody(initial, edited)).toEqual({ ok: true, body: {} });
  });

  it("reports bad rows next to their editor, even when no valid entry changed", () => {
    const initial = providerToForm(provider({ model_costs: {} }));
    expect(
      patchBody(initial, {
        ...initial,
        model_costs: [{ model: "m-large", input: "2", output: "oops", cached: "" }],
      }),
    ).toEqual({ ok: false, errors: { model_costs: "m-large: output must be a number ≥ 0" } });
  });

  it("reports every bad row and field", () => {
    const initial = providerToForm(provider());
    const r = patchBody(initial, {
      ...initial,
      model_costs: [{ model: "m-small", input: "-1", output: "x", cached: "" }],
      model_contexts: [
        { model: "m-large", tokens: "1.5" },
        { model: "m-large", tokens: "10" },
      ],
      model_roles: [{ role: "", model: "m-small" }],
      model_capabilities: [
        { model: "m-small", capabilities: [] },
        { model: "", capabilities: [] },
      ],
      timeout_ms: "0",
    });
    expect(r).toEqual({
      ok: false,
      errors: {
        model_costs: "m-small: input must be a number ≥ 0",
        model_contexts: "m-large: tokens must be a whole number > 0; m-large is listed twice",
        model_roles: "a row has no name",
        model_capabilities: "m-small: pick at least one capability",
        timeout_ms: "must be a whole number of milliseconds > 0, or blank",
      },
    });
  });

  it("creates a provider the server's input schema accepts, with no key unless typed", () => {
    const r = createBody({
      ...EMPTY_PROVIDER_FORM,
      name: "Fake",
      base_url: " http://127.0.0.1:1234/v1 ",
      api_key_env: "FAKE_KEY",
      models: "a\nb\n",
      model_capabilities: [{ model: "b", capabilities: ["image", "text"] }],
      env_passthrough: "HOME, LANG",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body).not.toHaveProperty("api_key");
    expect(ProviderInputSchema.parse(r.body)).toMatchObject({
      name: "Fake",
      backend: "api",
      base_url: "http://127.0.0.1:1234/v1",
      api_key_env: "FAKE_KEY",
      models: ["a", "b"],
      model_capabilities: { b: ["text", "image"] },
      env_passthrough: ["HOME", "LANG"],
      timeout_ms: null,
    });
  });

  it("round-trips every field of a provider through the form", () => {
    const p = provider({
      backend: "command",
      command: "my-agent --yes",
      prompt_via: "file",
      output_format: "codex-json",
      timeout_ms: 5000,
      env_passthrough: ["HOME"],
      billing: "subscription",
      default: true,
      stream: false,
    });
    const r = createBody(providerToForm(p));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { id: _id, api_key_set: _set, api_key_source: _source, ...fields } = p;
    expect(ProviderInputSchema.parse(r.body)).toEqual(fields);
  });

  it("shows the fields each backend uses", () => {
    expect([...fieldGroups("api")]).toEqual(["endpoint", "key", "stream"]);
    expect([...fieldGroups("acp")]).toEqual(["acp"]);
    expect([...fieldGroups("mock")]).toEqual([]);
    expect(BACKENDS).toEqual(ProviderSchema.shape.backend.unwrap().options);
  });
});

describe("provider view", () => {
  it("says where the key comes from and never what it is", () => {
    expect(keyStatus(provider({ api_key_env: "K" }, { K: "sk-env" })).text).toBe(
      "key set (env: K)",
    );
    expect(keyStatus(provider({ api_key_enc: "v1:a:b" })).text).toBe("stored encrypted");
    expect(keyStatus(provider({ api_key_env: "K", api_key_enc: "v1:a:b" })).text).toBe(
      "stored encrypted (env K is not set)",
    );
    expect(keyStatus(provider({ api_key_env: "K" }))).toEqual({
      text: "no key: env K is not set",
      ok: false,
    });
    expect(keyStatus(provider())).toEqual({ text: "no key", ok: false });
  });

  it("summarises a test result with latency, model and error hint", () => {
    expect(
      probeSummary({ ok: true, latency_ms: 12, model: "m", detail: "chat completion answered" }),
    ).toEqual({ ok: true, text: "OK · 12 ms · model m — chat completion answered" });
    expect(
      probeSummary({
        ok: false,
        latency_ms: 30,
        model: "m",
        error: { code: "provider_auth_failed", message: "401", hint: "check the key" },
      }),
    ).toEqual({ ok: false, text: "provider_auth_failed: 401 (30 ms)", hint: "check the key" });
  });

  it("offers each named model once", () => {
    expect(knownModels(["a", "b"], ["b", "c", " "], [])).toEqual(["a", "b", "c"]);
  });
});
