/**
 * An operator's whole loop in the browser: create a task on the board,
 * resume dispatch, and watch the built-in api agent (talking to the fake
 * OpenAI-compatible server) work it live until its branch is delivered to the
 * origin — card moves, running badge, drawer activity and cost — without a
 * reload.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "../fakes/openai-server.js";
import { card, launchChromium, SCREENSHOTS, serviceWithProject } from "./browser.js";

const KEY = "sk-e2e-delivery-0123456789";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

describe("from a task created in the UI to a delivered branch", () => {
  it("creates a task on the board and watches the api agent run it live to delivery", async () => {
    const fake = await startFakeOpenAI({ apiKey: KEY });
    closers.push(() => fake.close());
    fake.setHandler((req) => {
      const turn = (req.body?.messages ?? []).filter((m) => m.role === "assistant").length;
      if (turn === 0) {
        return {
          content: "Adding the changelog.",
          toolCalls: [
            { name: "write_file", arguments: { path: "CHANGELOG.md", content: "# Changelog\n" } },
          ],
          usage: { prompt_tokens: 1200, completion_tokens: 80 },
          // Slow enough for a person (and this test) to see the run in flight.
          delayMs: 1500,
        };
      }
      return {
        toolCalls: [{ name: "finish", arguments: { summary: "Added CHANGELOG.md" } }],
        usage: { prompt_tokens: 1400, completion_tokens: 20 },
      };
    });
    const svc = await serviceWithProject();
    const provider = await svc.api<{ id: string }>("POST", "/api/v1/providers", {
      name: "Fake OpenAI",
      backend: "api",
      base_url: fake.baseUrl,
      api_key: KEY,
      models: ["gpt-4.1-mini"],
      default_model: "gpt-4.1-mini",
    });
    expect(provider.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(svc.url);
    await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();

    await page.getByRole("button", { name: "New task" }).click();
    const form = page.locator('form[aria-label="New task"]');
    await form.getByLabel("Title").fill("Add a changelog");
    await form.getByLabel("Description").fill("Create CHANGELOG.md with a heading.");
    await form.getByLabel("Type").selectOption("chore");
    await form.getByLabel("Status").selectOption("Open");
    await form.getByRole("button", { name: "Create" }).click();
    await card(page, "Add a changelog", "Open").waitFor();

    // The service started paused: resume it from the running-agents bar.
    await page.getByRole("button", { name: "Resume" }).click();
    const running = card(page, "Add a changelog", "In Progress");
    await running.waitFor({ timeout: 30_000 });
    await running.getByText(/running/).waitFor({ timeout: 30_000 });
    await running.click();
    const drawer = page.getByTestId("drawer");
    await drawer.getByText("Adding the changelog.").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, "delivery-running.png") });

    // Delivered: In Review (the local SCM's default), with the completion comment and the cost.
    await card(page, "Add a changelog", "In Review").waitFor({ timeout: 60_000 });
    await drawer.getByText("Pushed branch oompah/e2e-1", { exact: false }).waitFor();
    await expect.poll(() => drawer.textContent()).toContain("succeeded");
    // A cheap run's spend is shown to the hundredth of a cent, and a delivered issue
    // is not "waiting for dispatch".
    await expect.poll(() => drawer.textContent()).toMatch(/\$0\.0\d{3} spent/);
    expect(await drawer.getByTestId("drawer-skip").count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, "delivery-done.png") });

    const origin = execFileSync("git", ["-C", svc.clonePath, "remote", "get-url", "origin"], {
      encoding: "utf8",
    }).trim();
    expect(
      execFileSync("git", ["--git-dir", origin, "show", "oompah/e2e-1:CHANGELOG.md"], {
        encoding: "utf8",
      }),
    ).toBe("# Changelog\n");
    // The key typed into the provider never reached the page.
    expect(await page.content()).not.toContain(KEY);
    await page.close();
  }, 120_000);
});
