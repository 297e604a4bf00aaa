/**
 * The crash test: the service runs as a child process with runs in flight,
 * is killed with SIGKILL, and is started again on the same data directory.
 * Every task must end Done exactly once, interrupted runs must be retried
 * with their attempt number, the ledger must hold each run's cost once, and
 * every branch must reach the remote.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ApiClient } from "../../../src/cli/api-client.js";
import { DEMO_TASKS } from "../../../src/demo/index.js";
import { waitForAllDone, type DoneIssue } from "../../helpers/all-done.js";
import { spawnOompah } from "../../helpers/oompah-process.js";
import { tempDir, waitFor } from "../../helpers/sandbox.js";
import { cleanEnv, freePort, launchDemo } from "../demo/demo-process.js";

const slow = { timeoutMs: 120_000, intervalMs: 100 };

interface Run {
  run_id: string;
  issue_id: string;
  attempt: number;
  outcome: string | null;
  started_at: string;
  cost_usd: number;
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()?.();
});

describe("crash safety", () => {
  it("after SIGKILL with runs in flight and a restart, every task ends Done once, with no lost commit and no duplicate cost", async () => {
    const tmp = tempDir("oompah-crash-");
    mkdirSync(join(tmp, "home"));
    // --pace keeps each run in flight long enough for the kill to land mid-run.
    const demo = await launchDemo(tmp, ["--port", String(await freePort()), "--pace", "700"]);
    const demoApi = new ApiClient({ server: demo.url });
    await waitFor(
      async () => (await demoApi.get<{ running: unknown[] }>("/api/v1/state")).running.length > 0,
      { what: "a run in flight", ...slow, intervalMs: 20 },
    );
    demo.child.kill("SIGKILL");
    await demo.exited;

    // Start the service again on the sandbox the killed process left behind.
    const port = await freePort();
    const env = {
      ...cleanEnv(tmp),
      GIT_CONFIG_GLOBAL: join(demo.sandbox, "gitconfig"),
      GIT_CONFIG_NOSYSTEM: "1",
      OOMPAH_ALLOW_MOCK: "1",
    };
    const { child, output, exited } = spawnOompah(["start", "--port", String(port)], {
      cwd: join(demo.sandbox, "service"),
      env,
    });
    stops.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/healthz`)).ok, {
      what: "the restarted service",
      ...slow,
    }).catch((e: Error) => {
      throw new Error(`${e.message}\n--- its output ---\n${output()}`);
    });

    const api = new ApiClient({ server: url });
    const { projects } = await api.get<{ projects: Array<{ id: string }> }>("/api/v1/projects");
    const { issues, runs } = await waitForAllDone<DoneIssue, Run>(
      api,
      projects[0]!.id,
      DEMO_TASKS.length,
      { what: "every task Done and every run finished after the restart", ...slow },
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- its output ---\n${output()}`);
    });

    expect(runs.some((r) => r.outcome === "interrupted")).toBe(true);
    for (const issue of issues) {
      const mine = runs
        .filter((r) => r.issue_id === issue.id)
        .sort((a, b) => a.started_at.localeCompare(b.started_at));
      expect(
        mine.filter((r) => r.outcome === "succeeded"),
        issue.id,
      ).toHaveLength(1);
      // An interrupted run is retried with the same attempt number.
      mine.forEach((r, i) => {
        if (r.outcome === "interrupted") expect(mine[i + 1]?.attempt, issue.id).toBe(r.attempt);
      });
    }
    // Each usage event was recorded once: the ledger total equals the runs' own totals.
    const costs = await api.get<{ total: { cost_usd: number } }>("/api/v1/costs?group_by=issue");
    const runTotal = runs.reduce((s, r) => s + r.cost_usd, 0);
    expect(costs.total.cost_usd).toBeCloseTo(runTotal, 9);
    // No lost commit: every task's branch is on the remote with its change.
    const branches = execFileSync(
      "git",
      ["--git-dir", join(demo.sandbox, "origin.git"), "branch", "--list", "oompah/*"],
      {
        encoding: "utf8",
      },
    );
    expect(branches.trim().split("\n")).toHaveLength(DEMO_TASKS.length);

    child.kill("SIGINT");
    expect(await exited).toBe(0);
  }, 240_000);
});
