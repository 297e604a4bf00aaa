/**
 * The Costs page in Chromium over the ledger of real runs: the scripted mock
 * agent runs through the whole pipeline (dispatch, usage events priced with
 * the fallback price because `mock-1` has none, delivery), and the page shows
 * what the ledger holds, then follows a second run without a reload.
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverTask, launchChromium, SCREENSHOTS, serviceWithProject } from "./browser.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// The mock agent reports 1,000 input and 200 output tokens in three turns; mock-1 has no
// price, so agent.unknown_model_price ($10 / $30 per 1M) applies: $0.016 a run.
const RUN_COST = (1000 * 10 + 200 * 30) / 1e6;
const poll = { timeout: 15_000, interval: 100 };

describe("costs page in Chromium", () => {
  it("shows the ledger spend of real runs with the budget, breakdowns and per-turn cost, and follows each finished run without a reload", async () => {
    const svc = await serviceWithProject({
      mockAgent: true,
      frontMatter: "agent:\n  budget_limit: 1\n  budget_window: day\n",
    });
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1700 } });
    const page = await ctx.newPage();
    await page.goto(`${svc.url}/costs`);
    await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();
    await page.evaluate(() => {
      (globalThis as unknown as { e2eMarker: number }).e2eMarker = 1;
    });
    const text = (id: string) => page.getByTestId(id).first().textContent();

    // Nothing spent yet: every part of the page says so.
    await expect.poll(() => text("period-total"), poll).toBe("$0.00");
    await page.getByTestId("chart-empty").waitFor();
    await page.getByTestId("breakdown-empty").waitFor();
    await page.getByTestId("runs-empty").waitFor();

    const first = await deliverTask(svc, "Count the beans");
    expect(first.cost_usd).toBeCloseTo(RUN_COST, 9);

    await expect.poll(() => text("period-total"), poll).toBe("$0.0160");
    await expect.poll(() => text("budget-spent"), poll).toBe("$0.0160 of $1.00");
    expect(await page.getByTestId("spend-chart").locator("canvas").count()).toBeGreaterThan(0);
    await expect.poll(() => text("unpriced-warning"), poll).toContain("mock-1 (3 usage reports)");

    // Breakdowns: by project (default), by model with the estimate flag, by issue.
    const rows = page.getByTestId("breakdown-row");
    await expect.poll(() => rows.first().textContent(), poll).toContain("demo");
    expect(await rows.first().getByTestId("breakdown-cost").textContent()).toBe("$0.0160");
    await page.getByTestId("group-model").click();
    await page.locator('[data-testid="breakdown-table"][data-group="model"]').waitFor();
    expect(await rows.first().textContent()).toContain("mock-1");
    expect(await rows.first().getByTestId("estimate-flag").count()).toBe(1);
    await page.getByTestId("group-issue").click();
    await page.locator('[data-testid="breakdown-table"][data-group="issue"]').waitFor();
    await expect.poll(() => rows.first().textContent(), poll).toContain(first.identifier);
    expect(await rows.first().textContent()).toContain("Count the beans");

    // Per-run cost, turn by turn.
    const runRow = page.locator(`[data-testid="run-row"][data-run-id="${first.run_id}"]`);
    expect(await runRow.getByTestId("run-cost").textContent()).toBe("$0.0160");
    await runRow.getByRole("button", { name: first.identifier }).click();
    const turns = page.getByTestId("turn-row");
    await expect.poll(() => turns.count(), poll).toBe(3);
    expect(await turns.first().textContent()).toContain("fallback · estimate");
    expect(await text("run-detail-cost")).toBe("$0.0160");

    // Another run finishes: the page follows without a reload.
    await deliverTask(svc, "Sort the beans");
    await expect.poll(() => text("period-total"), poll).toBe("$0.0320");
    await expect.poll(() => text("budget-spent"), poll).toBe("$0.0320 of $1.00");
    await expect.poll(() => page.getByTestId("run-row").count(), poll).toBe(2);
    await expect.poll(() => rows.count(), poll).toBe(2);
    expect(
      await page.evaluate(() => (globalThis as unknown as { e2eMarker?: number }).e2eMarker),
    ).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, "costs.png"), fullPage: true });
    await ctx.close();
  }, 120_000);
});
