import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProvidersStore } from "../../../src/documents/providers.js";
import { SecretBox } from "../../../src/documents/secrets.js";
import { tempDir } from "../../helpers/sandbox.js";

function setup(env: Record<string, string> = {}) {
  const root = tempDir();
  const state = join(root, ".oompah");
  mkdirSync(state);
  const dataDir = join(root, "data");
  const path = join(state, "providers.json");
  const secrets = new SecretBox({ env, dataDir });
  return { path, dataDir, secrets, store: new ProvidersStore(path, secrets, env) };
}

/** A providers.json as the original (Python) oompah wrote it. */
const LEGACY = [
  {
    id: "prov-1f2e3d4c",
    name: "Local vLLM",
    base_url: "http://127.0.0.1:8000/v1/",
    api_key: "sk-legacy-plaintext-0042",
    models: ["qwen-coder", "qwen-small"],
    default_model: "qwen-coder",
    provider_type: "openai_compatible",
    mode: "api",
    model_roles: { fast: "qwen-small" },
    model_costs: { "qwen-coder": { cost_per_1k_input: 0.0005, cost_per_1k_output: 0.0015 } },
  },
  {
    id: "prov-9a8b7c6d",
    name: "Claude subscription",
    base_url: "",
    api_key: "",
    models: [],
    provider_type: "acp",
    mode: "acp",
    acp_permission_mode: "acceptEdits",
    billing_model: "subscription",
  },
];

describe("providers.json (SPEC §9.3)", () => {
  it("[C104] encrypts a legacy plaintext api_key on the next save; it never appears in clear again", async () => {
    const { path, store, secrets } = setup();
    writeFileSync(path, JSON.stringify(LEGACY, null, 2));
    await store.load();
    expect(store.apiKey("prov-1f2e3d4c")).toEqual({
      ok: true,
      key: "sk-legacy-plaintext-0042",
      source: "legacy_plaintext",
    });
    expect(store.get("prov-9a8b7c6d")).toMatchObject({
      backend: "claude",
      billing: "subscription",
      permission_policy: "workspace",
    });
    expect(store.get("prov-1f2e3d4c")).toMatchObject({
      backend: "api",
      base_url: "http://127.0.0.1:8000/v1",
    });

    await store.update("prov-9a8b7c6d", { name: "Claude (team)" });
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain("sk-legacy-plaintext-0042");
    expect(text).not.toMatch(/"api_key"\s*:/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const written = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(written[0]?.api_key_enc).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(written[0]).not.toHaveProperty("mode");
    expect(written[1]).toMatchObject({ name: "Claude (team)", backend: "claude" });

    const reopened = new ProvidersStore(path, secrets, {});
    await reopened.load();
    expect(reopened.apiKey("prov-1f2e3d4c")).toEqual({
      ok: true,
      key: "sk-legacy-plaintext-0042",
      source: "stored",
    });
  });

  it("reports plaintext_secret_migrated when it migrates", async () => {
    const { path, store } = setup();
    writeFileSync(path, JSON.stringify(LEGACY));
    await store.load();
    const warnings = await store.migratePlaintextKeys();
    expect(warnings.map((w) => w.code)).toEqual(["plaintext_secret_migrated"]);
    expect(warnings[0]?.message).not.toContain("sk-legacy");
    expect(await store.migratePlaintextKeys()).toEqual([]);
  });

  it("[C105] reads legacy cost_per_1k_* values from providers.json as ×1000 per-1M prices", async () => {
    const { path, store } = setup();
    writeFileSync(path, JSON.stringify(LEGACY));
    await store.load();
    expect(store.get("prov-1f2e3d4c")?.model_costs["qwen-coder"]).toEqual({
      input_per_1m: 0.5,
      output_per_1m: 1.5,
    });
  });

  it("[C103] keeps typed-in keys write-only: public views carry api_key_set, never key material", async () => {
    const { path, store } = setup({ TEAM_LLM_KEY: "env-secret-value-1" });
    const created = await store.create({
      name: "Hosted",
      base_url: "https://llm.example/v1",
      api_key: "sk-typed-in-9999",
      models: ["m1"],
    });
    expect(created.id).toMatch(/^prov-[0-9a-f]{8}$/);
    expect(created).toMatchObject({ api_key_set: true, api_key_source: "stored" });
    const envBacked = await store.create({ name: "Env", api_key_env: "TEAM_LLM_KEY" });
    const unset = await store.create({ name: "Unset", api_key_env: "MISSING_VAR" });
    const everything = JSON.stringify([store.listPublic(), created, envBacked, unset]);
    for (const secret of ["sk-typed-in-9999", "env-secret-value-1", "v1:"])
      expect(everything).not.toContain(secret);
    expect(envBacked).toMatchObject({ api_key_set: true, api_key_source: "env" });
    expect(unset).toMatchObject({ api_key_set: false, api_key_source: "none" });
    expect(readFileSync(path, "utf8")).not.toContain("sk-typed-in-9999");
    expect(store.apiKey(created.id)).toEqual({
      ok: true,
      key: "sk-typed-in-9999",
      source: "stored",
    });

    const patched = await store.update(created.id, { default_model: "m1" });
    expect(patched).toMatchObject({
      api_key_set: true,
      default_model: "m1",
      base_url: "https://llm.example/v1",
    });
    const cleared = await store.update(created.id, { api_key: null });
    expect(cleared.api_key_set).toBe(false);
    await expect(store.update(created.id, { bogus: 1 } as never)).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(store.update(created.id, { backend: "nope" } as never)).rejects.toMatchObject({
      code: "validation_failed",
    });
    await store.remove(envBacked.id);
    expect(store.list().map((p) => p.id)).not.toContain(envBacked.id);
  });

  it("marks an undecryptable stored key secret_unavailable without failing the others", async () => {
    const { path, store } = setup({ OOMPAH_SECRET_KEY: randomBytes(32).toString("base64") });
    const p = await store.create({ name: "A", api_key: "sk-aaaaaaaaaaaa" });
    const otherKey = new SecretBox({
      env: { OOMPAH_SECRET_KEY: randomBytes(32).toString("base64") },
      dataDir: tempDir(),
    });
    const wrong = new ProvidersStore(path, otherKey, {});
    await wrong.load();
    const r = wrong.apiKey(p.id);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({ code: "secret_unavailable", details: { provider_id: p.id } });
    expect(wrong.listPublic()[0]).toMatchObject({ id: p.id, api_key_set: true });
  });

  it("reports an invalid hand-edited providers.json with file and field, keeps the last good value, leaves the file", async () => {
    const { path, store } = setup();
    writeFileSync(path, JSON.stringify(LEGACY));
    await store.load();
    const bad = JSON.stringify(
      [{ id: "prov-1f2e3d4c", name: "Local", backend: "telepathy" }],
      null,
      2,
    );
    writeFileSync(path, bad);
    const r = await store.reload();
    expect(r.error?.code).toBe("document_invalid");
    expect(r.error?.details).toMatchObject({ file: path, field: "[0].backend" });
    expect(store.list()).toHaveLength(2);
    expect(readFileSync(path, "utf8")).toBe(bad);
  });
});
