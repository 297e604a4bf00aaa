/**
 * Providers API over a real providers.json and the fake OpenAI server:
 * write-only keys, the side-effect-free test (§22 item 107), the outbound
 * guard of §19.6 (metadata address, redirect to it, DNS answers), fetch-models
 * and backend availability (§22 item 124).
 */
import { readFileSync, statSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { isPackageInstalled } from "../../../src/agents/optional-packages.js";
import { startFakeOpenAI, type FakeOpenAI } from "../../fakes/openai-server.js";
import { routingHarness, type Harness } from "./harness.js";

const KEY = "sk-provider-secret-0123456789";
let h: Harness | null = null;
let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = null;
  fake = null;
});

type Json = Record<string, unknown>;
async function json<T = Json>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function create(harness: Harness, body: Json): Promise<Json> {
  const res = await harness.request("/api/v1/providers", { method: "POST", body });
  expect(res.status).toBe(201);
  return json(res);
}

const onlyOpenAI = (pkg: string): boolean => pkg === "openai";

describe("providers API", () => {
  it("[C103] never returns key material and stores typed keys encrypted", async () => {
    h = await routingHarness({ env: { LOCAL_KEY: "sk-from-env-abcdefgh" } });
    const created = await create(h, {
      name: "Local",
      base_url: "http://127.0.0.1:9/v1",
      api_key: KEY,
      models: ["m-1"],
    });
    const id = created.id as string;
    expect(id).toMatch(/^prov-[0-9a-f]{8}$/);
    expect(created).toMatchObject({ api_key_set: true, api_key_source: "stored" });
    const fromEnv = await create(h, {
      name: "Env",
      base_url: "http://127.0.0.1:9/v1",
      api_key_env: "LOCAL_KEY",
    });
    expect(fromEnv).toMatchObject({
      api_key_env: "LOCAL_KEY",
      api_key_set: true,
      api_key_source: "env",
    });
    const none = await create(h, {
      name: "None",
      base_url: "http://127.0.0.1:9/v1",
      api_key_env: "UNSET_KEY",
    });
    expect(none).toMatchObject({ api_key_set: false, api_key_source: "none" });

    const responses = [
      JSON.stringify(created),
      JSON.stringify(await json(await h.request("/api/v1/providers"))),
      JSON.stringify(
        await json(
          await h.request(`/api/v1/providers/${id}`, {
            method: "PATCH",
            body: { name: "Renamed" },
          }),
        ),
      ),
    ];
    const file = readFileSync(h.docs.paths.providers, "utf8");
    const stored = (JSON.parse(file) as Array<{ id: string; api_key_enc?: string }>).find(
      (p) => p.id === id,
    );
    expect(stored?.api_key_enc).toMatch(/^v1:/);
    expect(file).not.toContain(KEY);
    for (const r of responses) {
      expect(r).not.toContain(KEY);
      expect(r).not.toContain("sk-from-env-abcdefgh");
      expect(r).not.toContain(stored!.api_key_enc!);
      expect(r).not.toContain("api_key_enc");
      expect(r).not.toMatch(/"api_key"/);
    }
    const cleared = await json(
      await h.request(`/api/v1/providers/${id}`, { method: "PATCH", body: { api_key: null } }),
    );
    expect(cleared).toMatchObject({ name: "Renamed", api_key_set: false, models: ["m-1"] });
    expect((await h.request(`/api/v1/providers/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await h.request(`/api/v1/providers/${id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("rejects invalid bodies with field details", async () => {
    h = await routingHarness();
    const res = await h.request("/api/v1/providers", {
      method: "POST",
      body: { base_url: "file:///etc/passwd", backend: "telepathy", colour: "red" },
    });
    expect(res.status).toBe(422);
    const err = await json<{
      error: { code: string; details: { issues: Array<{ path: string; message: string }> } };
    }>(res);
    expect(err.error.code).toBe("validation_failed");
    const paths = err.error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["base_url", "backend"]));
    expect(JSON.stringify(err)).toContain("colour");
  });

  it("[C107] tests an api provider against the server with no writes", async () => {
    fake = await startFakeOpenAI({ apiKey: KEY });
    h = await routingHarness();
    const p = await create(h, {
      name: "Fake",
      base_url: fake.baseUrl,
      api_key: KEY,
      default_model: "m-small",
    });
    const before = readFileSync(h.docs.paths.providers);
    const mtime = statSync(h.docs.paths.providers).mtimeMs;
    fake.enqueue({ content: "OK", usage: { prompt_tokens: 9, completion_tokens: 1 } });

    const res = await h.request(`/api/v1/providers/${p.id as string}/test`, { method: "POST" });
    expect(res.status).toBe(200);
    const body = await json<{ ok: boolean; latency_ms: number; model: string; error?: unknown }>(
      res,
    );
    expect(body).toMatchObject({ ok: true, model: "m-small" });
    expect(body.error).toBeUndefined();
    expect(body.latency_ms).toBeGreaterThanOrEqual(0);

    const [req] = fake.chatRequests();
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req?.body).toMatchObject({
      model: "m-small",
      max_tokens: 1,
      messages: [{ role: "user", content: "Reply with OK" }],
    });
    expect(readFileSync(h.docs.paths.providers).equals(before)).toBe(true);
    expect(statSync(h.docs.paths.providers).mtimeMs).toBe(mtime);
    expect(JSON.stringify(body)).not.toContain(KEY);
  });

  it("reports a rejected key as provider_auth_failed without echoing it", async () => {
    fake = await startFakeOpenAI({ apiKey: "sk-the-right-one-000000" });
    h = await routingHarness();
    const p = await create(h, { base_url: fake.baseUrl, api_key: KEY, default_model: "m" });
    const body = await json<{ ok: boolean; error: { code: string; message: string } }>(
      await h.request(`/api/v1/providers/${p.id as string}/test`, { method: "POST" }),
    );
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe("provider_auth_failed");
    expect(JSON.stringify(body)).not.toContain(KEY);
  });

  it("[C107] refuses a metadata base URL, a redirect to it, and a name resolving to it", async () => {
    fake = await startFakeOpenAI();
    fake.setHandler(() => ({
      kind: "redirect",
      status: 307,
      location: "http://169.254.169.254/latest/meta-data/",
    }));
    const lookup = (host: string) =>
      Promise.resolve(
        host === "metadata.example.test"
          ? [{ address: "169.254.169.254", family: 4 }]
          : [{ address: "127.0.0.1", family: 4 }],
      );
    h = await routingHarness({ lookup });
    const direct = await create(h, { base_url: "http://169.254.169.254/v1", default_model: "m" });
    const redirected = await create(h, { base_url: fake.baseUrl, default_model: "m" });
    const named = await create(h, {
      base_url: "http://metadata.example.test/v1",
      default_model: "m",
    });
    const v6 = await create(h, { base_url: "http://[fd00:ec2::254]/v1", default_model: "m" });
    const before = readFileSync(h.docs.paths.providers);

    for (const p of [direct, redirected, named, v6]) {
      const body = await json<{ ok: boolean; error: { code: string } }>(
        await h.request(`/api/v1/providers/${p.id as string}/test`, { method: "POST" }),
      );
      expect(body, String(p.base_url)).toMatchObject({
        ok: false,
        error: { code: "outbound_url_refused" },
      });
    }
    expect(fake.requests).toHaveLength(1);

    const models = await h.request(`/api/v1/providers/${redirected.id as string}/fetch-models`, {
      method: "POST",
    });
    expect(models.status).toBe(422);
    expect((await json<{ error: { code: string } }>(models)).error.code).toBe(
      "outbound_url_refused",
    );
    expect(readFileSync(h.docs.paths.providers).equals(before)).toBe(true);
  });

  it("fetches models and context windows and saves them", async () => {
    fake = await startFakeOpenAI({
      apiKey: KEY,
      models: [
        { id: "m-large", context_length: 200000 },
        { id: "m-vllm", max_model_len: 32768 },
        { id: "m-plain" },
      ],
    });
    h = await routingHarness();
    const p = await create(h, {
      base_url: fake.baseUrl,
      api_key: KEY,
      model_contexts: { "m-old": 1000 },
    });
    const res = await h.request(`/api/v1/providers/${p.id as string}/fetch-models`, {
      method: "POST",
    });
    expect(res.status).toBe(200);
    const body = await json<{ fetched: number; provider: Json }>(res);
    expect(body.fetched).toBe(3);
    expect(body.provider).toMatchObject({
      models: ["m-large", "m-vllm", "m-plain"],
      model_contexts: { "m-old": 1000, "m-large": 200000, "m-vllm": 32768 },
    });
    expect(JSON.parse(readFileSync(h.docs.paths.providers, "utf8"))).toMatchObject([
      { models: ["m-large", "m-vllm", "m-plain"] },
    ]);
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("[C124] reports claude and codex backend_unavailable with the install hint while api works", async () => {
    fake = await startFakeOpenAI();
    h = await routingHarness({ isInstalled: onlyOpenAI });
    const res = await h.request("/api/v1/backends");
    expect(res.status).toBe(200);
    const { backends } = await json<{
      backends: Array<{ name: string; available: boolean; code?: string; hint?: string }>;
    }>(res);
    const by = Object.fromEntries(backends.map((b) => [b.name, b]));
    expect(Object.keys(by).sort()).toEqual(["acp", "api", "claude", "codex", "command", "mock"]);
    expect(by.api).toMatchObject({ available: true });
    expect(by.claude).toMatchObject({
      available: false,
      code: "backend_unavailable",
      hint: "npm install @anthropic-ai/claude-agent-sdk",
    });
    expect(by.codex).toMatchObject({
      available: false,
      code: "backend_unavailable",
      hint: "npm install @openai/codex-sdk",
    });
    expect(by.mock).toMatchObject({
      available: false,
      hint: expect.stringContaining("OOMPAH_ALLOW_MOCK=1"),
    });
    expect(by.command?.available).toBe(true);

    const claude = await create(h, { backend: "claude", name: "Claude" });
    const codex = await create(h, { backend: "codex", codex_mode: "agents" });
    const api = await create(h, { base_url: fake.baseUrl, default_model: "m" });
    fake.enqueue({ content: "OK" });
    const test = async (p: Json) =>
      json<{ ok: boolean; error?: { code: string; hint?: string } }>(
        await h!.request(`/api/v1/providers/${p.id as string}/test`, { method: "POST" }),
      );
    expect(await test(claude)).toMatchObject({
      ok: false,
      error: { code: "backend_unavailable", hint: "npm install @anthropic-ai/claude-agent-sdk" },
    });
    expect(await test(codex)).toMatchObject({
      ok: false,
      error: { code: "backend_unavailable", hint: "npm install @openai/agents" },
    });
    expect(await test(api)).toMatchObject({ ok: true });
  });

  it("reports the real package state of this installation", async () => {
    h = await routingHarness();
    const { backends } = await json<{ backends: Array<{ name: string; available: boolean }> }>(
      await h.request("/api/v1/backends"),
    );
    expect(backends.find((b) => b.name === "claude")?.available).toBe(
      isPackageInstalled("@anthropic-ai/claude-agent-sdk"),
    );
    expect(backends.find((b) => b.name === "api")?.available).toBe(true);
  });

  it("checks acp and command programs on PATH", async () => {
    h = await routingHarness({ env: { OOMPAH_ALLOW_MOCK: "1" } });
    const ok = await create(h, { backend: "command", command: "FOO=1 bash -c 'echo hi'" });
    const missing = await create(h, { backend: "acp", acp_command: "no-such-agent-xyz --acp" });
    const mock = await create(h, { backend: "mock" });
    const test = async (p: Json) =>
      json<{ ok: boolean; error?: { code: string } }>(
        await h!.request(`/api/v1/providers/${p.id as string}/test`, { method: "POST" }),
      );
    expect(await test(ok)).toMatchObject({ ok: true });
    expect(await test(missing)).toMatchObject({ ok: false, error: { code: "agent_not_found" } });
    expect(await test(mock)).toMatchObject({ ok: true });
    expect(
      (await h.request("/api/v1/providers/prov-00000000/test", { method: "POST" })).status,
    ).toBe(404);
  });
});
