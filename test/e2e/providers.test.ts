import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai-server.js";
import { startTestService, type TestService } from "../helpers/service.js";
import { launchChromium, SCREENSHOTS } from "./browser.js";

const KEY = "sk-e2e-typed-key-5f3a9c0d7e1b";

let browser: Browser;
let fake: FakeOpenAI | null = null;
beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  await fake?.close();
  fake = null;
});
afterAll(async () => {
  await browser?.close();
});

interface Seen {
  /** Bodies of every HTTP response the page received, and every live-channel frame. */
  received: string[];
  /** Bodies of the page's PATCH requests. */
  patches: string[];
}

async function openProviders(
  url: string,
): Promise<{ page: Page; seen: Seen; settle: () => Promise<void> }> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1300 } });
  const page = await ctx.newPage();
  const seen: Seen = { received: [], patches: [] };
  const pending: Array<Promise<void>> = [];
  page.on("response", (r) => {
    pending.push(
      r.text().then(
        (t) => void seen.received.push(t),
        () => undefined,
      ),
    );
  });
  page.on("request", (r) => {
    if (r.method() === "PATCH") seen.patches.push(r.postData() ?? "");
  });
  page.on("websocket", (ws) =>
    ws.on("framereceived", (f) => seen.received.push(String(f.payload))),
  );
  await page.goto(`${url}/providers`);
  await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();
  await page.getByTestId("backends").getByTestId("backend").first().waitFor();
  return { page, seen, settle: async () => void (await Promise.all(pending)) };
}

function providerCard(page: Page, name: string): Locator {
  return page.getByTestId("provider").filter({ has: page.locator("h3", { hasText: name }) });
}

function providersFile(svc: TestService): string {
  return readFileSync(join(svc.dir, ".oompah", "providers.json"), "utf8");
}

describe("/providers in Chromium", () => {
  it("[C103] adds a provider with a typed key, tests it and fetches models; the key never comes back", async () => {
    fake = await startFakeOpenAI({
      apiKey: KEY,
      models: [{ id: "fake-small", context_length: 8192 }, { id: "fake-large" }],
    });
    const svc = await startTestService({ paused: true });
    const { page, seen, settle } = await openProviders(svc.url);
    await page.getByTestId("providers-empty").waitFor();

    await page.getByTestId("new-provider-open").click();
    const form = page.getByTestId("new-provider");
    await form.getByLabel("Name", { exact: true }).fill("Fake OpenAI");
    await form.getByLabel("Base URL", { exact: true }).fill(fake.baseUrl);
    await form.getByLabel("Or type a key", { exact: true }).fill(KEY);
    await form.getByTestId("provider-create").click();
    await page.getByTestId("providers-notice").filter({ hasText: "Fake OpenAI added" }).waitFor();

    const card = providerCard(page, "Fake OpenAI");
    expect(await card.getByTestId("key-status").textContent()).toBe("stored encrypted");

    // Without a model the test explains what to do.
    await card.getByTestId("provider-test").click();
    await card
      .getByTestId("probe-result")
      .filter({ hasText: "provider_misconfigured" })
      .filter({ hasText: "fetch the model list first" })
      .waitFor();

    await card.getByTestId("provider-fetch-models").click();
    await card.getByTestId("fetch-result").filter({ hasText: "Fetched 2 models" }).waitFor();
    await card.getByTestId("models").filter({ hasText: "fake-small, fake-large" }).waitFor();

    fake.enqueue({ content: "OK" });
    await card.getByTestId("provider-test").click();
    const probe = card
      .getByTestId("probe-result")
      .filter({ hasText: /^OK · \d+ ms · model fake-small/ });
    await probe.waitFor();
    expect(await probe.getAttribute("class")).toBe("ok");
    // The typed key reached the provider (the fake checks the bearer key).
    expect(fake.chatRequests().at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    await page.screenshot({ path: join(SCREENSHOTS, "providers-tested.png"), fullPage: true });

    // Edit prices, a role, a capability and a context window; the key is not sent again.
    await card.getByTestId("provider-edit").click();
    const editor = card.getByTestId("provider-editor");
    expect(await editor.getByLabel("Replace the stored key", { exact: true }).inputValue()).toBe(
      "",
    );
    const roles = editor.getByTestId("field-model_roles");
    await roles.getByTestId("field-model_roles-add").click();
    await roles.getByLabel("Role", { exact: true }).fill("fast");
    await roles.getByLabel("Model", { exact: true }).fill("fake-small");
    const costs = editor.getByTestId("field-model_costs");
    await costs.getByTestId("field-model_costs-add").click();
    await costs.getByLabel("Model", { exact: true }).fill("fake-large");
    await costs.getByLabel("Input price", { exact: true }).fill("2");
    await costs.getByLabel("Output price", { exact: true }).fill("oops");
    await card.getByTestId("provider-save").click();
    expect(await costs.getByTestId("field-model_costs-error").textContent()).toBe(
      "fake-large: output must be a number ≥ 0",
    );
    await costs.getByLabel("Output price", { exact: true }).fill("8");
    const caps = editor.getByTestId("field-model_capabilities");
    await caps.getByTestId("field-model_capabilities-add").click();
    await caps.getByLabel("Model", { exact: true }).fill("fake-large");
    await caps.getByLabel("image", { exact: true }).check();
    await card.getByTestId("provider-save").click();
    await card.getByTestId("provider-message").filter({ hasText: "Saved" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "providers-editor.png"), fullPage: true });

    const { providers } = (await (await fetch(`${svc.url}/api/v1/providers`)).json()) as {
      providers: Array<Record<string, unknown>>;
    };
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      models: ["fake-small", "fake-large"],
      model_roles: { fast: "fake-small" },
      model_costs: { "fake-large": { input_per_1m: 2, output_per_1m: 8 } },
      model_capabilities: { "fake-large": ["text", "image"] },
      model_contexts: { "fake-small": 8192 },
      api_key_set: true,
      api_key_source: "stored",
    });
    expect(seen.patches).toHaveLength(1);
    expect(JSON.parse(seen.patches[0] ?? "{}")).not.toHaveProperty("api_key");

    // The key is nowhere: not in any response or live frame, not in the page, not in clear on disk.
    await settle();
    expect(seen.received.length).toBeGreaterThan(5);
    expect(seen.received.filter((t) => t.includes(KEY))).toEqual([]);
    expect(await page.content()).not.toContain(KEY);
    const file = providersFile(svc);
    expect(file).not.toContain(KEY);
    expect(file).toContain('"api_key_enc": "v1:');
    await page.context().close();
  });

  it("names the key by environment variable, shows 422 field errors, backend hints and hand edits live, and removes a provider", async () => {
    fake = await startFakeOpenAI({ apiKey: KEY, models: [{ id: "env-model" }] });
    const svc = await startTestService({ paused: true, env: { FAKE_OPENAI_KEY: KEY } });
    const { page, seen, settle } = await openProviders(svc.url);

    const backends = page.getByTestId("backends");
    expect(await backends.locator('[data-name="api"]').getAttribute("data-available")).toBe("true");
    const mock = backends.locator('[data-name="mock"]');
    expect(await mock.getAttribute("data-available")).toBe("false");
    expect(await mock.getByTestId("backend-hint").textContent()).toContain("OOMPAH_ALLOW_MOCK=1");

    await page.getByTestId("new-provider-open").click();
    const form = page.getByTestId("new-provider");
    await form.getByLabel("Name", { exact: true }).fill("From env");
    await form.getByLabel("Base URL", { exact: true }).fill("ftp://example.com/v1");
    await form.getByLabel("Key from environment variable", { exact: true }).fill("FAKE_OPENAI_KEY");
    await form.getByLabel("Default model", { exact: true }).fill("env-model");
    await form.getByTestId("provider-create").click();
    await form
      .getByTestId("field-base_url-error")
      .filter({ hasText: "must be an http(s) URL" })
      .waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "providers-field-error.png"), fullPage: true });
    await form.getByLabel("Base URL", { exact: true }).fill(fake.baseUrl);
    await form.getByTestId("provider-create").click();

    const card = providerCard(page, "From env");
    await card.waitFor();
    expect(await card.getByTestId("key-status").textContent()).toBe(
      "key set (env: FAKE_OPENAI_KEY)",
    );
    fake.enqueue({ content: "OK" });
    await card.getByTestId("provider-test").click();
    await card
      .getByTestId("probe-result")
      .filter({ hasText: /^OK · \d+ ms · model env-model/ })
      .waitFor();

    // A provider written into providers.json by hand appears without a reload.
    const doc = JSON.parse(providersFile(svc)) as unknown[];
    writeFileSync(
      join(svc.dir, ".oompah", "providers.json"),
      JSON.stringify([...doc, { id: "prov-0000beef", name: "Hand written", backend: "api" }]),
    );
    const hand = providerCard(page, "Hand written");
    await hand.waitFor({ timeout: 15_000 });
    expect(await hand.getByTestId("key-status").textContent()).toBe("no key");

    await card.getByTestId("provider-delete").click();
    await card.getByTestId("provider-delete-confirm").click();
    await page.getByTestId("providers-notice").filter({ hasText: "From env removed" }).waitFor();
    await card.waitFor({ state: "detached" });
    await hand.getByTestId("provider-delete").click();
    await hand.getByTestId("provider-delete-confirm").click();
    await page.getByTestId("providers-empty").waitFor();
    expect(JSON.parse(providersFile(svc))).toEqual([]);

    await settle();
    expect(seen.received.filter((t) => t.includes(KEY))).toEqual([]);
    await page.context().close();
  });
});
