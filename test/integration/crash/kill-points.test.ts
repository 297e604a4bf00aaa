/**
 * Crash safety at two kill points: the service (a child process) is killed
 * with SIGKILL while a worktree is being created (a slow `after_create` hook)
 * and while a branch is being pushed (a slow `pre-receive` hook on the bare
 * origin), then started again on the same data directory. Every task must end
 * Done exactly once — one succeeded run and one completion comment — and its
 * branch on origin must hold the agent's commit. The hooks are slow only the
 * first time, so the restarted service runs at normal speed.
 */
import type { ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoFileContent, demoFilePath } from "../../../src/agents/mock/index.js";
import { ApiClient } from "../../../src/cli/api-client.js";
import { socketPathFor } from "../../../src/store/lock.js";
import { waitForAllDone } from "../../helpers/all-done.js";
import { spawnOompah } from "../../helpers/oompah-process.js";
import { git, tempDir, waitFor } from "../../helpers/sandbox.js";
import { serviceEnv } from "../../helpers/service.js";
import { MOCK_PROVIDER, localProject, seedTasks, serviceDir } from "../../helpers/service-dir.js";

const slow = { timeoutMs: 120_000, intervalMs: 50 };
const TASKS = ["Write the changelog", "Document the API"];

interface Run {
  run_id: string;
  issue_id: string;
  attempt: number;
  outcome: string | null;
  branch: string | null;
  worktree_path: string | null;
}
interface IssueRow {
  id: string;
  identifier: string;
  title: string;
  state: string;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/**
 * Shell that sleeps the first time any of its copies runs, and does nothing
 * after that (`mkdir` is the atomic test-and-set). The sleeper writes its pid
 * to `pid-<name>`, so the test knows which hook it caught and can end the
 * orphan after the kill.
 */
function slowOnce(markers: string, name: string): string {
  const m = `'${markers}'`;
  return `if mkdir ${m}/taken 2>/dev/null; then echo $$ > ${m}/pid.tmp && mv ${m}/pid.tmp ${m}/pid-${name} && exec sleep 30; fi`;
}

async function sandbox(kill: "after_create" | "push") {
  const { repo } = await seedTasks(
    "proj-kill",
    TASKS.map((title) => ({ title, description: `${title}.`, type: "task" })),
  );

  const dir = tempDir("oompah-kill-");
  const markers = join(dir, "markers");
  mkdirSync(markers);
  if (kill === "push") {
    // Slow only for the agents' branches: the tracker's own pushes to main stay fast.
    const hook = join(repo.origin, "hooks", "pre-receive");
    writeFileSync(
      hook,
      [
        "#!/bin/bash",
        "while read -r old new ref; do",
        '  case "$ref" in refs/heads/oompah/*)',
        `    ${slowOnce(markers, '"${ref##*/}"')} ;;`,
        "  esac",
        "done",
        "",
      ].join("\n"),
    );
    chmodSync(hook, 0o755);
  }
  serviceDir(
    {
      workflow: [
        "---",
        "server:",
        "  port: null",
        "agent:",
        "  stall_timeout_ms: 0",
        "  shutdown_grace_ms: 1000",
        ...(kill === "after_create"
          ? [
              "hooks:",
              "  after_create: |",
              `    ${slowOnce(markers, '"$OOMPAH_ISSUE_IDENTIFIER"')}`,
            ]
          : []),
        "---",
        "Work on {{ issue.title }}.",
        "",
      ].join("\n"),
      projects: [localProject("proj-kill", "kill", repo.origin, { local_success_status: "Done" })],
      providers: [MOCK_PROVIDER],
    },
    dir,
  );
  const env: NodeJS.ProcessEnv = { ...serviceEnv(dir), OOMPAH_ALLOW_MOCK: "1" };
  // The service's data dir is OOMPAH_HOME; its API is on the Unix socket only.
  const api = new ApiClient({ server: `unix:${socketPathFor(env.OOMPAH_HOME!)}` });
  return { repo, dir, markers, env, api };
}

type Sandbox = Awaited<ReturnType<typeof sandbox>>;

/** `oompah start` from the sources as a child process; resolves once it answers `/healthz`. */
async function start(s: Sandbox): Promise<{ child: ChildProcess; exited: Promise<unknown> }> {
  const { child, output, exited } = spawnOompah(["start"], { cwd: s.dir, env: s.env });
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT");
    const stuck = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(stuck);
  });
  await waitFor(async () => (await s.api.get<{ status: string }>("/healthz")).status === "ok", {
    what: "the service to answer",
    ...slow,
  }).catch((e: Error) => {
    throw new Error(`${e.message}\n--- its output ---\n${output()}`);
  });
  return { child, exited };
}

/** SIGKILLs the service while the slow hook sleeps and ends the hook it left behind; returns its name. */
async function killAtMarker(
  s: Sandbox,
  service: { child: ChildProcess; exited: Promise<unknown> },
) {
  const marker = await waitFor(() => readdirSync(s.markers).find((n) => n.startsWith("pid-")), {
    what: "the slow hook to start",
    ...slow,
    intervalMs: 10,
  });
  service.child.kill("SIGKILL");
  await service.exited;
  const pid = Number(readFileSync(join(s.markers, marker), "utf8").trim());
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
  return marker.slice("pid-".length);
}

/** After the restart: every task Done and every run with its final row. */
function settle(s: Sandbox) {
  return waitForAllDone<IssueRow, Run>(s.api, "proj-kill", TASKS.length, {
    what: "every task Done and every run finished after the restart",
    ...slow,
  });
}

async function expectDoneOnce(s: Sandbox, issues: IssueRow[], runs: Run[]) {
  expect(runs.filter((r) => r.outcome === "interrupted").length).toBeGreaterThan(0);
  for (const issue of issues) {
    const mine = runs.filter((r) => r.issue_id === issue.id);
    const succeeded = mine.filter((r) => r.outcome === "succeeded");
    expect(succeeded, issue.identifier).toHaveLength(1);
    const done = succeeded[0]!;
    // An interrupted run is retried with its attempt number, in the same worktree.
    for (const r of mine.filter((x) => x.outcome === "interrupted")) {
      expect(done.attempt).toBe(r.attempt);
      if (r.worktree_path !== null) expect(done.worktree_path).toBe(r.worktree_path);
    }
    const detail = await s.api.get<{ comments: Array<{ text: string }> }>(
      `/api/v1/projects/proj-kill/issues/${encodeURIComponent(issue.id)}`,
    );
    expect(detail.comments.filter((c) => c.text.startsWith("Agent completed"))).toHaveLength(1);
    // No lost commit: the agent's file is on the task's branch at origin.
    const branch = done.branch!;
    const file = git(
      s.repo.root,
      s.repo.env,
      "--git-dir",
      s.repo.origin,
      "show",
      `${branch}:${demoFilePath(issue.identifier)}`,
    );
    expect(file).toBe(demoFileContent(issue).trim());
  }
}

describe("crash safety at kill points", () => {
  it("[C79] SIGKILL during worktree creation (after_create running): after a restart every task is Done once with its commit on origin", async () => {
    const s = await sandbox("after_create");
    const marker = await killAtMarker(s, await start(s));
    await start(s);
    const { issues, runs } = await settle(s);
    expect(issues.map((i) => i.identifier)).toContain(marker);
    await expectDoneOnce(s, issues, runs);
  }, 240_000);

  it("[C79] SIGKILL during the push of a branch (pre-receive running on origin): after a restart every task is Done once with its commit on origin", async () => {
    const s = await sandbox("push");
    const marker = await killAtMarker(s, await start(s));
    await start(s);
    const { issues, runs } = await settle(s);
    expect(runs.some((r) => r.branch === `oompah/${marker}`)).toBe(true);
    await expectDoneOnce(s, issues, runs);
  }, 240_000);
});
