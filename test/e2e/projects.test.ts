/**
 * The Projects page in Chromium (SPEC §17.5 `/projects-manage`, §4.4): add
 * a local bare repository by path and watch it go from `cloning` to `ready`
 * without a reload, change its settings, pause and resume it, and remove it
 * with the purge behind a confirmation.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRepoWithOrigin, tempDir } from "../helpers/sandbox.js";
import { startTestService } from "../helpers/service.js";
import { launchChromium, SCREENSHOTS } from "./browser.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface ProjectView {
  id: string;
  name: string;
  status: string;
  paused: boolean;
  clone_path: string;
  local_success_status: string;
}

describe("projects page in Chromium", () => {
  it("[C187] adds a local bare repo by path, shows cloning then ready live, pauses, resumes and removes it", async () => {
    const t = await startTestService({
      workflow: "---\ntracker:\n  commit_debounce_ms: 0\n---\nWork on {{ issue.title }}\n",
      paused: true,
    });
    // A clone that takes a moment (as a real one does): git runs the template's
    // post-checkout hook at the end of the service's clone.
    const template = tempDir("oompah-template-");
    mkdirSync(join(template, "hooks"));
    writeFileSync(join(template, "hooks", "post-checkout"), "#!/bin/sh\nsleep 2\n");
    chmodSync(join(template, "hooks", "post-checkout"), 0o755);
    appendFileSync(String(t.env.GIT_CONFIG_GLOBAL), `[init]\n\ttemplateDir = ${template}\n`);
    const get = async <T>(path: string): Promise<T> =>
      (await (await fetch(`${t.url}${path}`)).json()) as T;

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await ctx.newPage();
    await page.goto(`${t.url}/projects-manage`);
    await page.getByTestId("projects-empty").waitFor();
    await page.evaluate(() => {
      (globalThis as unknown as { e2eMarker: number }).e2eMarker = 1;
    });

    const { origin } = makeRepoWithOrigin({ ".oompah/tasks/config.yml": "task_prefix: PRJ\n" });
    await page.getByTestId("add-repo-url").fill(origin);
    await page.getByTestId("add-name").fill("local-demo");
    await page.getByTestId("add-submit").click();

    const row = page.locator('[data-testid="project-row"][data-name="local-demo"]');
    const status = row.getByTestId("clone-status");
    await status.and(page.locator('[data-status="cloning"]')).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "projects-cloning.png") });
    await status.and(page.locator('[data-status="ready"]')).waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toBe("Ready");
    await expect.poll(() => row.getByTestId("worktree-count").textContent()).toBe("0");
    expect(
      await page.evaluate(() => (globalThis as unknown as { e2eMarker?: number }).e2eMarker),
    ).toBe(1);
    const { projects } = await get<{ projects: ProjectView[] }>("/api/v1/projects");
    const project = projects.find((p) => p.name === "local-demo");
    if (!project) throw new Error("the project was not registered");
    expect(existsSync(project.clone_path)).toBe(true);

    await row.getByTestId("pause-toggle").click();
    await row.getByTestId("project-paused").waitFor();
    expect((await get<ProjectView>(`/api/v1/projects/${project.id}`)).paused).toBe(true);
    await row.getByTestId("pause-toggle").filter({ hasText: "Resume" }).click();
    await row.getByTestId("project-paused").waitFor({ state: "detached" });
    expect((await get<ProjectView>(`/api/v1/projects/${project.id}`)).paused).toBe(false);

    await row.getByTestId("settings-toggle").click();
    await row.getByLabel("When a local-SCM run succeeds").selectOption("Done");
    const patch = page.waitForRequest((r) => r.method() === "PATCH");
    await row.getByTestId("settings-save").click();
    expect((await patch).postDataJSON()).toEqual({ local_success_status: "Done" });
    await expect
      .poll(
        async () => (await get<ProjectView>(`/api/v1/projects/${project.id}`)).local_success_status,
      )
      .toBe("Done");
    await page.screenshot({ path: join(SCREENSHOTS, "projects-ready.png") });

    await row.getByTestId("remove").click();
    const confirm = row.getByTestId("remove-confirm");
    await confirm.waitFor();
    await confirm.getByTestId("remove-purge").check();
    await page.screenshot({ path: join(SCREENSHOTS, "projects-remove-confirm.png") });
    const removal = page.waitForRequest((r) => r.method() === "DELETE");
    await confirm.getByTestId("remove-confirm-button").click();
    expect((await removal).url()).toMatch(/\/api\/v1\/projects\/[^/?]+\?purge=true$/);
    await row.waitFor({ state: "detached" });
    await page.getByTestId("projects-empty").waitFor();
    expect((await get<{ projects: ProjectView[] }>("/api/v1/projects")).projects).toEqual([]);
    expect(existsSync(project.clone_path)).toBe(false);
    await ctx.close();
  });
});
