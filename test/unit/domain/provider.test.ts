import { describe, expect, it } from "vitest";
import {
  ProvidersDocumentSchema,
  ProviderSchema,
  publicProvider,
} from "../../../src/domain/provider.js";

describe("provider entries (SPEC §9.3)", () => {
  it("gives a hand-written entry without an id a stable prov-<8 hex> id of its name, backend and URL", () => {
    const entry = { name: "OpenAI", backend: "api", base_url: "https://api.openai.com/v1" };
    const [a] = ProvidersDocumentSchema.parse([entry]);
    const [b] = ProvidersDocumentSchema.parse([{ ...entry }]);
    const [other] = ProvidersDocumentSchema.parse([{ ...entry, name: "OpenAI 2" }]);
    const [kept] = ProvidersDocumentSchema.parse([{ ...entry, id: "prov-0000beef" }]);
    expect(a?.id).toMatch(/^prov-[0-9a-f]{8}$/);
    expect(b?.id).toBe(a?.id);
    expect(other?.id).not.toBe(a?.id);
    expect(kept?.id).toBe("prov-0000beef");
  });

  it("[C105] reads legacy cost_per_1k_* values as ×1000 per-1M prices", () => {
    const [p] = ProvidersDocumentSchema.parse([
      {
        id: "prov-1a2b3c4d",
        name: "Legacy",
        model_costs: {
          "gpt-4o-mini": { cost_per_1k_input: 0.00015, cost_per_1k_output: 0.0006 },
          "local-free": { cost_per_1k_input: 0, cost_per_1k_output: 0 },
          modern: { input_per_1m: 3, output_per_1m: 15, cached_input_per_1m: 0.3 },
        },
      },
    ]);
    expect(p?.model_costs).toEqual({
      "gpt-4o-mini": { input_per_1m: 0.15, output_per_1m: 0.6 },
      "local-free": { input_per_1m: 0, output_per_1m: 0 },
      modern: { input_per_1m: 3, output_per_1m: 15, cached_input_per_1m: 0.3 },
    });
  });

  it.each([
    [{ mode: "acp" }, "claude"],
    [{ mode: "acp", backend: "codex" }, "codex"],
    [{ mode: "acp", backend: "opencode" }, "acp"],
    [{ provider_type: "acp" }, "claude"],
    [{ mode: "api", provider_type: "openai_compatible" }, "api"],
    [{ mode: "cli", command: "claude -p" }, "command"],
    [{ backend: "codex" }, "codex"],
    [{}, "api"],
  ])("maps legacy mode/provider_type %j to backend %s", (legacy, backend) => {
    const [p] = ProvidersDocumentSchema.parse([{ id: "prov-00000001", ...legacy }]);
    expect(p?.backend).toBe(backend);
    expect(p).not.toHaveProperty("mode");
    expect(p).not.toHaveProperty("provider_type");
  });

  it("maps legacy permission and billing fields", () => {
    const [p] = ProvidersDocumentSchema.parse([
      {
        id: "prov-00000001",
        mode: "acp",
        acp_permission_mode: "bypassPermissions",
        billing_model: "subscription",
      },
      { id: "prov-00000002", acp_subscription_only: true },
    ]);
    expect(p).toMatchObject({ permission_policy: "allow_all", billing: "subscription" });
    expect(
      ProvidersDocumentSchema.parse([{ id: "prov-2", acp_subscription_only: true }])[0]?.billing,
    ).toBe("subscription");
  });

  it("strips trailing slashes from base_url and reads blank strings as null", () => {
    const p = ProviderSchema.parse({
      id: "prov-1",
      base_url: "https://llm.example/v1/",
      api_key_env: "",
      default_model: " ",
    });
    expect(p).toMatchObject({
      base_url: "https://llm.example/v1",
      api_key_env: null,
      default_model: null,
      stream: true,
    });
  });

  it("[C103] publicProvider never contains key material and api_key_set reflects presence", () => {
    const stored = ProviderSchema.parse({
      id: "prov-1",
      api_key_enc: "v1:AAAA:BBBB",
      api_key: "sk-plaintext-1234",
    });
    const view = publicProvider(stored);
    expect(view).not.toHaveProperty("api_key");
    expect(view).not.toHaveProperty("api_key_enc");
    expect(JSON.stringify(view)).not.toContain("sk-plaintext");
    expect(JSON.stringify(view)).not.toContain("v1:AAAA");
    expect(view).toMatchObject({ api_key_set: true, api_key_source: "stored" });

    const envOnly = ProviderSchema.parse({ id: "prov-2", api_key_env: "MY_LLM_KEY" });
    expect(publicProvider(envOnly, {})).toMatchObject({
      api_key_env: "MY_LLM_KEY",
      api_key_set: false,
      api_key_source: "none",
    });
    expect(publicProvider(envOnly, { MY_LLM_KEY: "secret-value" })).toMatchObject({
      api_key_set: true,
      api_key_source: "env",
    });
    expect(JSON.stringify(publicProvider(envOnly, { MY_LLM_KEY: "secret-value" }))).not.toContain(
      "secret-value",
    );
    expect(publicProvider(ProviderSchema.parse({ id: "prov-3" }))).toMatchObject({
      api_key_set: false,
    });
  });
});
