import { describe, expect, it } from "vitest";
import {
  resolveModel,
  resolveProvider,
  type ResolutionInput,
} from "../../../src/domain/model-resolution.js";
import { ProviderSchema, type Provider } from "../../../src/domain/provider.js";

const provider = (p: Partial<Provider> & { id: string }): Provider => ProviderSchema.parse(p);

const FULL = provider({
  id: "prov-aaaa0001",
  models: ["m-focus", "m-focus-role", "m-profile", "m-profile-role", "m-default", "m-first"],
  model_roles: { fast: "m-focus-role", deep: "m-profile-role" },
  default_model: "m-default",
});

const focus = (f: Partial<ResolutionInput["focus"]> = {}) => ({ name: "feature", ...f });
const profile = (p: Partial<ResolutionInput["profile"]> = {}) => ({ name: "standard", ...p });

describe("model resolution (SPEC §9.4)", () => {
  it("[C100] honours focus.model > focus.model_role > profile.model > profile.model_role > default_model > models[0]", () => {
    const cases: Array<[ResolutionInput["focus"], ResolutionInput["profile"], string, string]> = [
      [
        focus({ model: "m-focus", model_role: "fast" }),
        profile({ model: "m-profile", model_role: "deep" }),
        "m-focus",
        "focus.model",
      ],
      [
        focus({ model_role: "fast" }),
        profile({ model: "m-profile", model_role: "deep" }),
        "m-focus-role",
        "focus.model_role",
      ],
      [focus(), profile({ model: "m-profile", model_role: "deep" }), "m-profile", "profile.model"],
      [focus(), profile({ model_role: "deep" }), "m-profile-role", "profile.model_role"],
      [focus(), profile(), "m-default", "default_model"],
    ];
    for (const [f, p, model, source] of cases) {
      const r = resolveModel({ focus: f, profile: p, providers: [FULL] });
      expect(r).toMatchObject({
        ok: true,
        model,
        modelSource: source,
        backend: "api",
        warnings: [],
      });
    }
    const noDefault = { ...FULL, default_model: null };
    expect(
      resolveModel({ focus: focus(), profile: profile(), providers: [noDefault] }),
    ).toMatchObject({
      model: "m-focus",
      modelSource: "models[0]",
    });
  });

  it("[C101] a focus pinned to a missing provider or an undefined role warns and falls through", () => {
    const other = provider({
      id: "prov-bbbb0002",
      backend: "acp",
      models: ["acp-model"],
      default: true,
    });
    const r = resolveModel({
      focus: focus({ provider_id: "prov-deadbeef", model_role: "nonexistent" }),
      profile: profile({ model_role: "deep" }),
      providers: [FULL, other],
      project: { provider_id: FULL.id },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.provider.id).toBe(FULL.id);
    expect(r.providerSource).toBe("project");
    expect(r.model).toBe("m-profile-role");
    expect(r.warnings.map((w) => w.code)).toEqual(["provider_not_found", "model_role_not_found"]);
    expect(r.warnings[0]?.message).toContain("prov-deadbeef");
  });

  it("warns and falls through for a model absent from a non-empty catalogue", () => {
    const r = resolveModel({
      focus: focus({ model: "typo-model" }),
      profile: profile(),
      providers: [FULL],
    });
    expect(r).toMatchObject({ ok: true, model: "m-default", modelSource: "default_model" });
    expect(r.warnings.map((w) => w.code)).toEqual(["model_not_in_catalogue"]);
    const open = provider({ id: "prov-cccc0003" });
    expect(
      resolveModel({ focus: focus({ model: "anything" }), profile: profile(), providers: [open] }),
    ).toMatchObject({
      model: "anything",
    });
    expect(resolveModel({ focus: focus(), profile: profile(), providers: [open] })).toMatchObject({
      ok: true,
      model: null,
    });
  });

  it("lets focus pins win over the (escalated) profile's provider", () => {
    const b = provider({ id: "prov-bbbb0002", models: ["b1"] });
    const r = resolveProvider({
      focus: focus({ provider_id: b.id }),
      profile: profile({ provider_id: FULL.id }),
      providers: [FULL, b],
    });
    expect(r).toMatchObject({ ok: true, source: "focus", provider: { id: b.id } });
  });

  it("[C102] uses a single provider without pins; two without pins or default yield no_provider/provider_ambiguous", () => {
    expect(
      resolveProvider({ focus: focus(), profile: profile(), providers: [FULL] }),
    ).toMatchObject({
      ok: true,
      source: "only",
      provider: { id: FULL.id },
    });
    const b = provider({ id: "prov-bbbb0002", models: ["b1"] });
    expect(resolveModel({ focus: focus(), profile: profile(), providers: [FULL, b] })).toEqual({
      ok: false,
      code: "no_provider",
      alert: "provider_ambiguous",
      warnings: [],
    });
    expect(
      resolveProvider({
        focus: focus(),
        profile: profile(),
        providers: [FULL, { ...b, default: true }],
      }),
    ).toMatchObject({
      ok: true,
      source: "default",
      provider: { id: b.id },
    });
    expect(resolveProvider({ focus: focus(), profile: profile(), providers: [] })).toMatchObject({
      ok: false,
      code: "no_provider",
      alert: "no_providers",
    });
  });
});
