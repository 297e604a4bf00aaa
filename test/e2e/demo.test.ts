/**
 * `oompah demo` as a user meets it: the demo runs as a child process and the
 * dashboard it prints is opened in Chromium. The board shows the demo tasks
 * being worked (a running card, the running-agents bar) and finally every
 * task in Done, the same state the API reports, with the demo agent's
 * comments and cost in the issue drawer.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TASKS } from "../../src/demo/index.js";
import { tempDir, waitFor } from "../helpers/sandbox.js";
import { freePort, launchDemo } from "../integration/demo/demo-process.js";
import { card, launchChromium, SCREENSHOTS } from "./browser.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Issue {
  id: string;
  identifier: string;
  title: string;
  state: string;
}

describe("oompah demo in the browser", () => {
  it("[C196] the dashboard shows the demo tasks worked live and all of them Done, as the API does", async () => {
    const tmp = tempDir("oompah-demo-e2e-");
    mkdirSync(join(tmp, "home"));
    // A short pace so a person (and this test) can see each run in flight.
    const demo = await launchDemo(tmp, ["--port", String(await freePort()), "--pace", "400"]);
    const page = await browser.newPage({ viewport: { width: 1800, height: 1000 } });
    await page.goto(demo.url);
    await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();

    // Work in progress is visible without a reload.
    await page
      .locator('[data-testid="running-count"]')
      .filter({ hasText: /^[1-9]\d* running/ })
      .waitFor({ timeout: 60_000 });
    await page
      .locator('[data-testid="column"][data-status="In Progress"] [data-testid="card"]')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOTS, "demo-in-progress.png") });

    // Every task ends in the Done column, matching the API's board.
    await page.getByLabel("Show Done / Merged / Archived").check();
    const done = page.locator('[data-testid="column"][data-status="Done"] [data-testid="card"]');
    await expect
      .poll(() => done.count(), { timeout: 120_000, interval: 250 })
      .toBe(DEMO_TASKS.length);
    const { projects } = (await (await fetch(`${demo.url}/api/v1/projects`)).json()) as {
      projects: Array<{ id: string }>;
    };
    const board = (await (
      await fetch(`${demo.url}/api/v1/issues?project_id=${projects[0]!.id}&include_terminal=true`)
    ).json()) as { columns: Array<{ status: string; issues: Issue[] }> };
    const apiDone = board.columns.find((c) => c.status === "Done")?.issues ?? [];
    expect(apiDone.map((i) => i.title).sort()).toEqual(DEMO_TASKS.map((t) => t.title).sort());
    for (const issue of apiDone) await card(page, issue.title, "Done").waitFor();
    await waitFor(() => demo.output().includes("Press Ctrl-C to stop the demo."), {
      what: "the demo's summary line",
      timeoutMs: 60_000,
    });
    await page.screenshot({ path: join(SCREENSHOTS, "demo-done.png") });

    // The drawer of a finished task has the demo agent's completion comment and a cost.
    const first = apiDone[0]!;
    await card(page, first.title, "Done").click();
    const drawer = page.getByTestId("drawer");
    await drawer.getByText("Agent completed", { exact: false }).first().waitFor();
    await expect.poll(() => drawer.textContent()).toMatch(/\$0\.0014/);
    await page.screenshot({ path: join(SCREENSHOTS, "demo-drawer.png") });

    await page.close();
    demo.child.kill("SIGINT");
    expect(await demo.exited).toBe(0);
  }, 240_000);
});
