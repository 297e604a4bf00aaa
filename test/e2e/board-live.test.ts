/**
 * The live board in Chromium (SPEC §17.4, §17.5): cards with focus and skip
 * reason, a mock-agent run with its running badge and its activity
 * streaming into the drawer, the Needs Answer dropdown, and a page that
 * follows the service through a SIGKILL and a restart on the same data
 * directory and port without a reload, a missed or a duplicated event.
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page, WebSocket as PageSocket } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createOompahMdTracker } from "../../src/trackers/oompah-md/index.js";
import { freePort, spawnOompah } from "../helpers/oompah-process.js";
import { makeRepoWithOrigin, tempDir, waitFor } from "../helpers/sandbox.js";
import { serviceEnv } from "../helpers/service.js";
import { card, launchChromium, SCREENSHOTS, serviceWithProject } from "./browser.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Frame {
  seq: number;
  type: string;
  sub?: number;
  data: Record<string, unknown>;
}

/** Opens the board and records every live-channel frame the page receives, per socket. */
async function openBoard(url: string): Promise<{ page: Page; sockets: Frame[][] }> {
  const ctx = await browser.newContext({ viewport: { width: 2200, height: 1200 } });
  const page = await ctx.newPage();
  const sockets: Frame[][] = [];
  page.on("websocket", (ws: PageSocket) => {
    const frames: Frame[] = [];
    sockets.push(frames);
    ws.on("framereceived", (f) => {
      if (typeof f.payload === "string") frames.push(JSON.parse(f.payload) as Frame);
    });
  });
  await page.goto(url);
  await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();
  await page.evaluate(() => {
    (globalThis as unknown as { e2eMarker: number }).e2eMarker = 1;
  });
  return { page, sockets };
}

/** The part of the page's DOM the tests read (the test code has no DOM types). */
interface Doc {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
}

const notReloaded = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { e2eMarker?: number }).e2eMarker);

describe("live board in Chromium", () => {
  it("shows focus and skip reason on cards, and a mock run's badge and activity streaming into the drawer", async () => {
    const svc = await serviceWithProject({ mockAgent: true, paceMs: 1200 });
    const blocker = await svc.api<{ id: string }>("POST", "/api/v1/issues", {
      project_id: svc.projectId,
      title: "Write the style guide",
      status: "Backlog",
    });
    await svc.api("POST", "/api/v1/issues", {
      project_id: svc.projectId,
      title: "Document the CLI flags",
      description: "In docs/cli.md.",
      labels: ["docs"],
      status: "Open",
      blocked_by: [blocker.body.id],
    });
    const { page, sockets } = await openBoard(svc.url);

    const waiting = card(page, "Document the CLI flags", "Open");
    await waiting.getByTestId("card-skip").filter({ hasText: "blocked" }).waitFor();
    expect(await waiting.getByTestId("card-skip").getAttribute("data-reason")).toBe("blocked");
    expect(await waiting.getByTestId("card-focus").textContent()).toBe("docs");

    await svc.api("POST", "/api/v1/issues", {
      project_id: svc.projectId,
      title: "Run me with the mock agent",
      description: "Record the task.",
      status: "Open",
    });
    const running = card(page, "Run me with the mock agent");
    await running.getByTestId("running-badge").waitFor();
    expect(await running.getByTestId("card-skip").count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, "board-running-badge.png") });

    await running.click();
    const drawer = page.getByTestId("drawer");
    const activeRun = drawer.locator('[data-testid="run"].active');
    await activeRun.waitFor();
    const items = activeRun.getByTestId("activity-item");
    await items.filter({ hasText: "[demo agent]" }).first().waitFor();
    // Still in flight when the first words arrived: they were streamed, not loaded afterwards.
    expect(await activeRun.count()).toBe(1);
    await items.filter({ hasText: "write_file" }).waitFor();
    await activeRun.getByTestId("activity-turn").filter({ hasText: "Turn 1" }).waitFor();
    expect(await activeRun.getByTestId("activity-turn").first().textContent()).toMatch(
      /Turn 1 · 460 tok \(400 in \/ 60 out\)/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, "drawer-activity-streaming.png") });
    // The card's badge and the drawer's line for the run show the same live cost (read in one
    // go in the page), and the card shows no separate, older spend figure while it runs.
    const shown = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: Doc }).document;
      const text = (sel: string) => doc.querySelector(sel)?.textContent ?? "";
      return {
        badge: text('[data-testid="running-badge"]'),
        line: text('[data-testid="run"].active .run-line'),
        chips: doc.querySelectorAll('.is-running [data-testid="card-cost"]').length,
      };
    });
    const cost = (s: string) => /\$\d+\.\d+/.exec(s)?.[0];
    expect(cost(shown.badge)).toBeDefined();
    expect(cost(shown.line)).toBe(cost(shown.badge));
    expect(shown.chips).toBe(0);
    const streamed = sockets.flat().filter((f) => f.type === "run_activity");
    expect(streamed.length).toBeGreaterThan(0);

    const finished = drawer.locator('[data-testid="run"]:not(.active)');
    await finished.waitFor({ timeout: 30_000 });
    await finished.locator(".outcome-succeeded").waitFor();
    await card(page, "Run me with the mock agent", "In Review").waitFor();
    const ns = streamed.map((f) => Number(f.data.n));
    expect(new Set(ns).size).toBe(ns.length);
    // Every entry of the stored stream is shown exactly once.
    await finished.getByTestId("activity-item").filter({ hasText: "Prompt ended" }).waitFor();
    const kinds = await finished
      .getByTestId("activity-item")
      .evaluateAll((els: Array<{ getAttribute(name: string): string | null }>) =>
        els.map((e) => e.getAttribute("data-kind")),
      );
    expect(kinds.filter((k) => k === "tool")).toHaveLength(2); // write_file and finish
    expect(await notReloaded(page)).toBe(1);
    await page.context().close();
  });

  it("groups rows by project, and lists an issue moved to Needs Answer with the agent's question in the dropdown", async () => {
    const svc = await serviceWithProject();
    const created = await svc.api<{ id: string }>("POST", "/api/v1/issues", {
      project_id: svc.projectId,
      title: "Which database?",
      status: "Open",
    });
    const { page } = await openBoard(svc.url);
    // Swimlanes: one row of columns per project.
    await page.getByTestId("swimlanes-toggle").check();
    const lane = page.locator(`[data-testid="lane"][data-project="${svc.projectId}"]`);
    await lane
      .locator('[data-testid="column"][data-status="Open"]', { hasText: "Which database?" })
      .waitFor();
    expect(await lane.locator(".lane-title").textContent()).toBe("demo 1");
    await page.getByTestId("swimlanes-toggle").uncheck();
    await lane.waitFor({ state: "detached" });

    await page.getByTestId("needs-answer-toggle").click();
    await page
      .getByTestId("needs-answer-menu")
      .filter({ hasText: "No issue is waiting for an answer." })
      .waitFor();

    await svc.api("PATCH", `/api/v1/projects/${svc.projectId}/issues/${created.body.id}`, {
      status: "Needs Answer",
    });
    // The agent's question, as the orchestrator writes it into the task file.
    const tracker = createOompahMdTracker({
      projectId: svc.projectId,
      repoPath: svc.clonePath,
      defaultBranch: "main",
      gitSync: false,
      commitDebounceMs: 0,
      identity: { name: "oompah", email: "oompah@localhost" },
      env: svc.env,
      watch: false,
      snapshotPath: null,
    });
    await tracker.addComment(created.body.id, {
      author: "oompah",
      text: "Question from agent: Should the cache use SQLite or Redis?",
    });
    await tracker.close();

    const item = page.getByTestId("needs-answer-item").filter({ hasText: "Which database?" });
    await item.waitFor();
    await expect.poll(() => page.getByTestId("needs-answer-toggle").textContent()).toContain("1");
    await item.filter({ hasText: "Should the cache use SQLite or Redis?" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "needs-answer-dropdown.png") });
    await item.click();
    await expect.poll(() => page.getByTestId("drawer-title").textContent()).toBe("Which database?");
    expect(await page.getByTestId("drawer-state").textContent()).toBe("Needs Answer");
    await page.context().close();
  });
});

const children: ChildProcess[] = [];
afterEach(() => {
  while (children.length) {
    const c = children.pop();
    if (c && c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  }
});

/** `oompah start` as a child process on `port`, from the sources, in `dir`. */
async function startChild(
  dir: string,
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<{ child: ChildProcess; exited: Promise<unknown>; log: () => string }> {
  const { child, output, exited } = spawnOompah(["start", "--port", String(port)], {
    cwd: dir,
    env,
  });
  children.push(child);
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the service exited:\n${output()}`);
      return (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true;
    },
    { what: "the service to answer /healthz", timeoutMs: 60_000, intervalMs: 100 },
  );
  return { child, exited, log: output };
}

/** The service's last durable seq, from the `hello` of a fresh connection. */
function lastSeq(url: string): Promise<number> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/ws`);
    ws.once("message", (raw: Buffer) => {
      const hello = JSON.parse(raw.toString()) as { data: { last_seq: number } };
      ws.close();
      ok(hello.data.last_seq);
    });
    ws.once("error", fail);
  });
}

describe("live board across a service crash", () => {
  it("[C185] [C186] catches up after SIGKILL and a restart on the same data dir and port, without a reload, a gap or a duplicate", async () => {
    const dir = tempDir("oompah-e2e-crash-");
    writeFileSync(
      join(dir, "WORKFLOW.md"),
      "---\ntracker:\n  commit_debounce_ms: 0\n---\nWork on {{ issue.title }}\n",
    );
    mkdirSync(join(dir, "home"));
    const env = serviceEnv(dir);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${url}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
      return (await res.json()) as T;
    };

    let svc = await startChild(dir, env, port);
    const { origin } = makeRepoWithOrigin({ ".oompah/tasks/config.yml": "task_prefix: KR\n" });
    const project = await call<{ id: string }>("POST", "/api/v1/projects", {
      repo_url: origin,
      name: "crashy",
    });
    await waitFor(
      async () =>
        (await call<{ status: string }>("GET", `/api/v1/projects/${project.id}`)).status ===
        "ready",
      { what: "the project clone" },
    );
    const { page, sockets } = await openBoard(url);
    await call("POST", "/api/v1/issues", { project_id: project.id, title: "Before the crash" });
    await card(page, "Before the crash", "Backlog").waitFor();

    svc.child.kill("SIGKILL");
    await svc.exited;
    await page.getByTestId("live-status").filter({ hasText: "offline" }).waitFor();

    svc = await startChild(dir, env, port);
    // Made while the page is still reconnecting: it must arrive by replay.
    await call("POST", "/api/v1/issues", { project_id: project.id, title: "After the restart" });
    await call("POST", "/api/v1/issues", { project_id: project.id, title: "And one more" });
    await card(page, "After the restart", "Backlog").waitFor({ timeout: 30_000 });
    await card(page, "And one more", "Backlog").waitFor();
    await card(page, "Before the crash", "Backlog").waitFor();
    await page.getByTestId("live-status").filter({ hasText: "live" }).waitFor();
    expect(await notReloaded(page)).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, "board-after-restart.png") });

    const target = await lastSeq(url);
    const durable = () => sockets.flat().filter((f) => f.sub === undefined && f.type !== "hello");
    await waitFor(() => (durable().at(-1)?.seq ?? 0) >= target, {
      what: `the page to reach seq ${target}`,
      timeoutMs: 15_000,
    });
    const seqs = durable().map((f) => f.seq);
    // Strictly increasing (nothing twice) and without a hole (nothing missed), across both sockets.
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe((seqs[i - 1] ?? 0) + 1);
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    const after = sockets.at(-1) ?? [];
    expect(after.some((f) => f.type === "resync")).toBe(false);
    const created = durable().filter((f) => f.type === "issue_changed").length;
    expect(created).toBeGreaterThanOrEqual(3);

    svc.child.kill("SIGINT");
    await svc.exited;
    await page.context().close();
  }, 180_000);
});
