/**
 * Shared pieces of the dashboard end-to-end tests: Debian Chromium through
 * playwright-core (never a downloaded browser), a running service with one
 * registered oompah_md project, and small page helpers.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { makeRepoWithOrigin, waitFor } from "../helpers/sandbox.js";
import { startTestService, type TestService } from "../helpers/service.js";

export const REPO_ROOT = join(import.meta.dirname, "..", "..");
export const SCREENSHOTS = join(REPO_ROOT, "test-output", "screenshots");
const CHROMIUM = process.env.OOMPAH_CHROMIUM ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  if (!existsSync(join(REPO_ROOT, "dist", "web", "index.html"))) {
    throw new Error("dist/web is missing: run `npm run build` before the e2e tests");
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export interface DashboardService extends TestService {
  projectId: string;
  clonePath: string;
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** A service with a ready native project `demo` whose tasks use the prefix `E2E`. */
export async function serviceWithProject(): Promise<DashboardService> {
  const t = await startTestService({
    workflow: "---\ntracker:\n  commit_debounce_ms: 0\n---\nWork on {{ issue.title }}\n",
    paused: true,
  });
  const api = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const { origin } = makeRepoWithOrigin({ ".oompah/tasks/config.yml": "task_prefix: E2E\n" });
  const created = await api<{ id: string }>("POST", "/api/v1/projects", {
    repo_url: origin,
    name: "demo",
  });
  const ready = await waitFor(
    async () => {
      const p = await api<{ status: string; clone_path: string }>(
        "GET",
        `/api/v1/projects/${created.body.id}`,
      );
      return p.body.status === "ready" ? p.body : null;
    },
    { what: "the project clone" },
  );
  return { ...t, projectId: created.body.id, clonePath: ready.clone_path, api };
}

/** The card titled `title`, optionally only within the column `status`. */
export function card(page: Page, title: string, status?: string): Locator {
  const scope = status === undefined ? "" : `[data-testid="column"][data-status="${status}"] `;
  return page.locator(`${scope}[data-testid="card"]`, { hasText: title });
}

/**
 * Drags with real pointer events (dnd-kit's pointer sensor needs several
 * moves). Each step waits for the page to show it (card lifted, column
 * highlighted). A live update can shift the layout between measuring the
 * card and pressing on it (a banner appears), so a press that did not lift
 * the card is released and tried again at the card's new place.
 */
export async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const lifted = page.locator(".card.dragging");
  for (let attempt = 1; ; attempt++) {
    const a = await from.boundingBox();
    if (a === null) throw new Error("drag source is not visible");
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 4, { steps: 4 });
    const ok = await lifted.waitFor({ timeout: 2000 }).then(
      () => true,
      () => false,
    );
    if (ok) break;
    await page.mouse.up();
    if (attempt === 3) throw new Error("the card did not lift after three presses");
  }
  const b = await to.boundingBox();
  if (b === null) throw new Error("drop target is not visible");
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(80, b.height / 2), { steps: 15 });
  await to.and(page.locator(".over")).waitFor();
  await page.mouse.up();
}
