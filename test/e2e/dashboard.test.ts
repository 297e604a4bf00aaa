import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_CSP } from "../../src/server/static.js";
import { waitFor } from "../helpers/sandbox.js";
import { startTestService } from "../helpers/service.js";
import { card, drag, launchChromium, SCREENSHOTS, serviceWithProject } from "./browser.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openBoard(
  url: string,
): Promise<{ page: Page; dialogs: string[]; csp: string | null }> {
  const ctx = await browser.newContext({ viewport: { width: 2200, height: 1100 } });
  const page = await ctx.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const res = await page.goto(url);
  await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();
  return { page, dialogs, csp: res?.headers()["content-security-policy"] ?? null };
}

describe("dashboard in Chromium", () => {
  it("[C189] is served with the §17.5 CSP and renders an HTML-looking title as text", async () => {
    const svc = await serviceWithProject();
    const xss = "<img src=x onerror=alert(1)>";
    const description = `**bold** ${xss} <script>alert(2)</script> [bad](javascript:alert(3)) [good](https://example.com/)`;
    await svc.api("POST", "/api/v1/issues", {
      project_id: svc.projectId,
      title: xss,
      description,
      status: "Open",
    });
    const { page, dialogs, csp } = await openBoard(svc.url);
    expect(csp).toBe(DASHBOARD_CSP);

    const xssCard = card(page, xss, "Open");
    await xssCard.waitFor();
    expect(await xssCard.locator(".card-title").textContent()).toBe(xss);
    await xssCard.click();
    await expect.poll(() => page.getByTestId("drawer-title").textContent()).toBe(xss);
    const markdown = page.getByTestId("drawer").locator(".markdown");
    await expect.poll(() => markdown.locator("strong").textContent()).toBe("bold");
    expect(await markdown.textContent()).toContain("<script>alert(2)</script>");
    expect(await page.locator("script:not([src])").count()).toBe(0);
    expect(await markdown.locator("a").count()).toBe(1);
    expect(await markdown.locator("a").getAttribute("href")).toBe("https://example.com/");
    await page.screenshot({ path: join(SCREENSHOTS, "c189-xss-as-text.png") });
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it("[C190] a drag sends PATCH with the new status, and a refused move rolls back with a message", async () => {
    const svc = await serviceWithProject();
    await svc.api("POST", "/api/v1/issues", {
      project_id: svc.projectId,
      title: "Drag me",
      status: "Backlog",
    });
    const { page } = await openBoard(svc.url);
    await card(page, "Drag me", "Backlog").waitFor();

    const patch = page.waitForResponse((r) => r.request().method() === "PATCH");
    await drag(
      page,
      card(page, "Drag me"),
      page.locator('[data-testid="column"][data-status="Open"]'),
    );
    const accepted = await patch;
    expect(accepted.status()).toBe(200);
    const sent = accepted.request();
    expect(sent.url()).toMatch(/\/api\/v1\/projects\/[^/]+\/issues\/E2E-1$/);
    expect(sent.postDataJSON()).toEqual({ status: "Open" });
    expect(sent.headers()["x-oompah-client"]).toBe("web");
    await card(page, "Drag me", "Open").waitFor();
    await waitFor(() => existsSync(join(svc.clonePath, ".oompah/tasks/open/E2E-1.md")), {
      what: "the task file in open/",
    });
    expect(existsSync(join(svc.clonePath, ".oompah/tasks/backlog/E2E-1.md"))).toBe(false);

    await page.route("**/api/v1/projects/*/issues/*", async (route) => {
      if (route.request().method() !== "PATCH") return route.fallback();
      await route.fulfill({
        status: 422,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "validation_failed", message: "refused by test" } }),
      });
    });
    const refused = page.waitForResponse((r) => r.request().method() === "PATCH");
    await drag(
      page,
      card(page, "Drag me"),
      page.locator('[data-testid="column"][data-status="In Review"]'),
    );
    expect((await refused).status()).toBe(422);
    await page.getByTestId("move-error").filter({ hasText: "refused by test" }).waitFor();
    await card(page, "Drag me", "Open").waitFor();
    expect(await card(page, "Drag me", "In Review").count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, "c190-rollback.png") });
    expect(existsSync(join(svc.clonePath, ".oompah/tasks/open/E2E-1.md"))).toBe(true);
    await page.context().close();
  });

  it("shows tasks created in the page and through the API without a reload", async () => {
    const svc = await serviceWithProject();
    const { page } = await openBoard(svc.url);
    await page.evaluate(() => {
      (globalThis as unknown as { e2eMarker: number }).e2eMarker = 1;
    });

    await page.getByRole("button", { name: "New task" }).click();
    await page.locator('form[aria-label="New task"] input[name="title"]').fill("Made in the UI");
    await page.getByRole("button", { name: "Create" }).click();
    await card(page, "Made in the UI", "Backlog").waitFor();

    await svc.api("POST", "/api/v1/issues", {
      project_id: svc.projectId,
      title: "Made by the API",
      status: "Backlog",
    });
    await card(page, "Made by the API", "Backlog").waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "live-created.png") });
    expect(
      await page.evaluate(() => (globalThis as unknown as { e2eMarker?: number }).e2eMarker),
    ).toBe(1);
    await page.context().close();
  });
});

describe("dashboard login in Chromium", () => {
  it("asks for the token, then works on the session cookie (empty state, pause)", async () => {
    const token = "e2e-token-0123456789abcdefghij";
    const svc = await startTestService({
      workflow: `---\nserver:\n  api_token: "${token}"\n---\nWork on {{ issue.title }}\n`,
    });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(svc.url);
    const login = page.locator('form[aria-label="Log in"]');
    await login.locator("input").fill("wrong-token-0123456789abcdefghij");
    await login.getByRole("button", { name: "Log in" }).click();
    await login.getByRole("alert").waitFor();
    await login.locator("input").fill(token);
    await login.getByRole("button", { name: "Log in" }).click();

    await page.getByTestId("no-projects").filter({ hasText: "oompah project add" }).waitFor();
    await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByRole("button", { name: "Resume" }).waitFor();
    const state = await fetch(`${svc.url}/api/v1/state`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json() as Promise<{ paused: { manual: boolean } }>);
    expect(state.paused.manual).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "login-empty.png") });
    await ctx.close();
  });
});
