/**
 * The Reviews page in Chromium: a task run by the scripted mock agent pushes
 * its `oompah/` branch to a real bare origin (local SCM); the page lists it
 * live with its issue, and the Rebase button shows the server's refusal.
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

const poll = { timeout: 15_000, interval: 100 };

describe("reviews page in Chromium", () => {
  it("lists a pushed oompah branch with its issue without a reload and shows the Rebase refusal", async () => {
    const svc = await serviceWithProject({ mockAgent: true });
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${svc.url}/reviews`);
    await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();
    await page.getByTestId("reviews-empty").waitFor();
    expect(await page.getByTestId("reviews-empty").textContent()).toContain("appears here");

    const run = await deliverTask(svc, "Polish the README");
    expect(run.branch).toMatch(/^oompah\//);
    const row = page.locator(`[data-testid="review-row"][data-branch="${run.branch}"]`);
    await row.waitFor(poll);
    expect(await row.textContent()).toContain("demo");
    const issue = await row.getByTestId("review-issue").textContent();
    expect(issue).toContain(run.identifier);
    expect(issue).toContain("Polish the README");
    expect(await row.textContent()).toContain("Clean");
    expect(await row.textContent()).toContain("No CI");

    await row.getByTestId("rebase").click();
    const message = page.getByTestId("review-message");
    await expect
      .poll(() => message.textContent(), poll)
      .toContain("Could not rebase: the local SCM cannot rebase on a server");
    expect(await message.textContent()).toContain("rebase the branch locally");
    expect(await message.getAttribute("role")).toBe("alert");
    await page.screenshot({ path: join(SCREENSHOTS, "reviews.png"), fullPage: true });

    await message.getByRole("button", { name: "Dismiss" }).click();
    // The linked issue opens in the issue drawer.
    await row.getByRole("button", { name: run.identifier }).click();
    await expect
      .poll(() => page.getByTestId("drawer-title").textContent(), poll)
      .toBe("Polish the README");
    await page.getByTestId("drawer").getByRole("button", { name: /close/i }).click();

    await row.getByTestId("retry").click();
    await expect
      .poll(() => page.getByTestId("review-message").textContent(), poll)
      .toContain(`${run.identifier} moved to Needs CI Fix`);
    await ctx.close();
  }, 120_000);
});
