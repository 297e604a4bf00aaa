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

/**
 * A service with a ready native project `demo` whose tasks use the prefix `E2E`. It is
 * paused unless `mockAgent` is set: then the scripted mock agent (model `mock-1`, which
 * has no known price) is its only provider and Open tasks are dispatched at once.
 * `frontMatter` adds WORKFLOW.md keys (YAML lines ending with a newline); `paceMs` spaces
 * the mock agent's turns out so a page can watch a run in flight.
 */
export async function serviceWithProject(
  opts: { mockAgent?: boolean; frontMatter?: string; paceMs?: number } = {},
): Promise<DashboardService> {
  const t = await startTestService({
    workflow: `---\ntracker:\n  commit_debounce_ms: 0\n${opts.frontMatter ?? ""}---\nWork on {{ issue.title }}\n`,
    paused: opts.mockAgent !== true,
    ...(opts.mockAgent ? { env: { OOMPAH_ALLOW_MOCK: "1" } } : {}),
    ...(opts.paceMs === undefined ? {} : { demoPauseMs: opts.paceMs }),
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
  if (opts.mockAgent) {
    const mock = { name: "Mock agent", backend: "mock", models: ["mock-1"] };
    const created = await api("POST", "/api/v1/providers", mock);
    if (created.status !== 201) throw new Error(`mock provider: HTTP ${created.status}`);
  }
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

export interface DeliveredTask {
  issue_id: string;
  identifier: string;
  run_id: string;
  branch: string | null;
  cost_usd: number;
}

/**
 * Creates an Open task in the project of a `mockAgent` service and waits until its run
 * finished and delivered the branch (the task is In Review).
 */
export async function deliverTask(svc: DashboardService, title: string): Promise<DeliveredTask> {
  const created = await svc.api<{ id: string; identifier: string }>("POST", "/api/v1/issues", {
    project_id: svc.projectId,
    title,
    description: `Please do: ${title}.`,
    status: "Open",
  });
  if (created.status !== 201) throw new Error(`create task: HTTP ${created.status}`);
  const { id, identifier } = created.body;
  return waitFor(
    async () => {
      const detail = await svc.api<{
        issue: { state: string };
        runs: Array<{
          run_id: string;
          outcome: string | null;
          branch: string | null;
          cost_usd: number;
        }>;
      }>("GET", `/api/v1/projects/${svc.projectId}/issues/${encodeURIComponent(id)}`);
      const run = detail.body.runs.find((r) => r.outcome !== null);
      if (!run || detail.body.issue.state !== "In Review") return null;
      const { run_id, branch, cost_usd } = run;
      return { issue_id: id, identifier, run_id, branch, cost_usd };
    },
    { what: `task "${title}" delivered`, timeoutMs: 60_000, intervalMs: 100 },
  );
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
