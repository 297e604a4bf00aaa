import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../helpers/service.js";
import { launchChromium, SCREENSHOTS } from "./browser.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface FocusJson {
  name: string;
  role: string;
  keywords: string[];
  status: string;
  origin?: string;
}

interface FociService extends TestService {
  get<T>(path: string): Promise<T>;
  patch(path: string, body: unknown): Promise<number>;
}

async function service(): Promise<FociService> {
  const t = await startTestService({ paused: true });
  return {
    ...t,
    get: async <T>(path: string) => (await (await fetch(`${t.url}${path}`)).json()) as T,
    patch: async (path, body) =>
      (
        await fetch(`${t.url}${path}`, {
          method: "PATCH",
          body: JSON.stringify(body),
          headers: { "content-type": "application/json" },
        })
      ).status,
  };
}

function fociFile(svc: TestService): FocusJson[] {
  return JSON.parse(readFileSync(join(svc.dir, ".oompah", "foci.json"), "utf8")) as FocusJson[];
}

async function openFoci(url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
  const page = await ctx.newPage();
  await page.goto(`${url}/foci`);
  await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();
  await focusRow(page, "general").waitFor();
  return page;
}

function focusRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="focus"][data-name="${name}"]`);
}

describe("/foci in Chromium", () => {
  it("[C94] edits a built-in focus inline: the override is saved to foci.json, survives a reload, and Restore built-in brings it back", async () => {
    const svc = await service();
    const page = await openFoci(svc.url);
    const docs = focusRow(page, "docs");
    expect(await docs.getByTestId("focus-origin").textContent()).toBe("built-in");

    // A change made by another client shows up without a reload.
    expect(await svc.patch("/api/v1/foci/security", { role: "AppSec Reviewer" })).toBe(200);
    await focusRow(page, "security")
      .locator(".focus-role", { hasText: "AppSec Reviewer" })
      .waitFor();

    await docs.getByTestId("focus-toggle").click();
    const editor = docs.getByTestId("focus-editor");
    await editor.getByLabel("Role", { exact: true }).fill("Docs Writer");
    const keywords = editor.getByLabel("Keywords", { exact: true });
    await keywords.fill(`${await keywords.inputValue()}, handbook`);
    await editor.getByLabel("Must not do", { exact: true }).fill("Invent APIs that do not exist");
    await editor
      .getByLabel("Allow image output (the agent may attach images)", { exact: true })
      .check();
    await docs.getByTestId("focus-save").click();
    await docs.getByTestId("focus-message").filter({ hasText: "Saved" }).waitFor();
    await expect
      .poll(() => docs.getByTestId("focus-origin").textContent())
      .toBe("built-in, edited");

    const saved = fociFile(svc).find((f) => f.name === "docs");
    expect(saved).toMatchObject({
      role: "Docs Writer",
      must_not_do: ["Invent APIs that do not exist"],
      allow_image_output: true,
    });
    expect(saved?.keywords.at(-1)).toBe("handbook");

    await page.reload();
    await focusRow(page, "docs").waitFor();
    expect(await focusRow(page, "docs").locator(".focus-role").textContent()).toBe("Docs Writer");
    const listed = await svc.get<{ foci: FocusJson[] }>("/api/v1/foci");
    expect(listed.foci.find((f) => f.name === "docs")).toMatchObject({
      role: "Docs Writer",
      origin: "override",
    });
    await page.screenshot({ path: join(SCREENSHOTS, "foci-edited.png"), fullPage: true });

    const row = focusRow(page, "docs");
    await row.getByTestId("focus-toggle").click();
    await row.getByTestId("focus-delete").click();
    await row.getByTestId("focus-delete-confirm").click();
    await page
      .getByTestId("foci-notice")
      .filter({ hasText: "docs restored to the built-in" })
      .waitFor();
    await expect.poll(() => row.locator(".focus-role").textContent()).toBe("Technical Writer");
    expect(await row.getByTestId("focus-origin").textContent()).toBe("built-in");
    expect(fociFile(svc).some((f) => f.name === "docs")).toBe(false);
    await page.context().close();
  });

  it("[C90] toggles status and previews scores: an inactive focus is never selected", async () => {
    const svc = await service();
    const page = await openFoci(svc.url);
    const preview = page.getByTestId("preview");
    await preview.getByLabel("Title", { exact: true }).fill("Update the README docs");
    await preview.getByLabel("Labels", { exact: true }).fill("documentation");
    await preview.getByTestId("preview-run").click();
    const selected = preview.getByTestId("preview-selected");
    await selected.filter({ hasText: "Selected: docs" }).waitFor();
    const { foci } = await svc.get<{ foci: FocusJson[] }>("/api/v1/foci");
    // Every focus has a row, best first; docs scores 2 keywords + 1 label + priority 5.
    const rows = preview.getByTestId("score-row");
    expect(await rows.count()).toBe(foci.length);
    expect(await rows.first().getAttribute("data-name")).toBe("docs");
    expect(await rows.first().getAttribute("data-score")).toBe(String(20 + 30 + 5));
    expect(await rows.first().textContent()).toContain("keywords docs, readme +20");

    const docs = focusRow(page, "docs");
    await docs.getByTestId("status-inactive").click();
    await expect.poll(() => docs.getAttribute("data-status")).toBe("inactive");
    expect(await docs.getByTestId("status-inactive").getAttribute("aria-pressed")).toBe("true");
    // The preview follows the library: docs is out, the fallback is selected.
    await selected.filter({ hasText: "Selected: general" }).waitFor();
    expect(
      await preview.locator('[data-testid="score-row"][data-name="docs"]').textContent(),
    ).toContain("inactive: never selected");
    expect(fociFile(svc).find((f) => f.name === "docs")?.status).toBe("inactive");
    await page.screenshot({ path: join(SCREENSHOTS, "foci-preview-inactive.png"), fullPage: true });

    // The fallback cannot be deactivated: the server's refusal is shown on the row.
    const general = focusRow(page, "general");
    await general.getByTestId("status-inactive").click();
    await general
      .getByTestId("focus-message")
      .filter({ hasText: "cannot be deactivated" })
      .waitFor();
    expect(await general.getAttribute("data-status")).toBe("active");

    await docs.getByTestId("status-active").click();
    await selected.filter({ hasText: "Selected: docs" }).waitFor();
    await page.context().close();
  });

  it("creates a focus with field-level errors, activates a proposed one, and accepts a suggestion that arrived live", async () => {
    const svc = await service();
    const page = await openFoci(svc.url);

    await page.getByTestId("new-focus-open").click();
    const form = page.getByTestId("new-focus");
    await form.getByLabel("Name", { exact: true }).fill("Database Work");
    await form.getByTestId("focus-create").click();
    // The role is checked here; the name by the server (422), each next to its field.
    expect(await form.getByTestId("field-role-error").textContent()).toBe("a role is required");
    await form.getByLabel("Role", { exact: true }).fill("Database Engineer");
    await form.getByTestId("focus-create").click();
    await form.getByTestId("field-name-error").filter({ hasText: "must match" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "foci-field-error.png"), fullPage: true });

    await form.getByLabel("Name", { exact: true }).fill("database");
    await form.getByLabel("Keywords", { exact: true }).fill("sql, migration");
    await form.getByLabel("Status", { exact: true }).selectOption("proposed");
    await form.getByTestId("focus-create").click();
    await page.getByTestId("foci-notice").filter({ hasText: "database created" }).waitFor();
    const proposed = page.getByTestId("proposed-foci");
    await focusRow(page, "database").and(proposed.getByTestId("focus")).waitFor();
    expect(fociFile(svc).find((f) => f.name === "database")).toMatchObject({
      role: "Database Engineer",
      keywords: ["sql", "migration"],
      status: "proposed",
    });
    await focusRow(page, "database").getByTestId("status-active").click();
    await proposed.waitFor({ state: "detached" });
    expect(await focusRow(page, "database").getAttribute("data-status")).toBe("active");

    // A suggestion written by hand (as the proposal pipeline writes it) shows up without a reload.
    await page.getByTestId("suggestions-empty").waitFor();
    const now = new Date().toISOString();
    writeFileSync(
      join(svc.dir, ".oompah", "focus_suggestions.json"),
      JSON.stringify([
        {
          name: "cache_redis",
          role: "Cache Redis Specialist",
          keywords: ["cache", "redis", "ttl"],
          domains: ["cache"],
          issue_ids: ["demo:A-1", "demo:A-2"],
          first_seen: now,
          last_seen: now,
          status: "pending",
        },
      ]),
    );
    const suggestion = page.locator('[data-testid="suggestion"][data-name="cache_redis"]');
    await suggestion.waitFor({ timeout: 15_000 });
    expect(await suggestion.textContent()).toContain("2 issues");
    await page.screenshot({ path: join(SCREENSHOTS, "foci-suggestion.png"), fullPage: true });
    await suggestion.getByTestId("suggestion-accept").click();
    await page.getByTestId("foci-notice").filter({ hasText: "cache_redis accepted" }).waitFor();
    await focusRow(page, "cache_redis").waitFor();
    expect(await focusRow(page, "cache_redis").getAttribute("data-status")).toBe("active");
    expect(fociFile(svc).find((f) => f.name === "cache_redis")?.status).toBe("active");

    // Deleting a custom focus removes it from the page and the file.
    const db = focusRow(page, "database");
    await db.getByTestId("focus-toggle").click();
    await db.getByTestId("focus-delete").click();
    await db.getByTestId("focus-delete-confirm").click();
    await db.waitFor({ state: "detached" });
    expect(fociFile(svc).some((f) => f.name === "database")).toBe(false);
    await page.context().close();
  });
});
