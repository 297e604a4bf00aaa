import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ApiClient } from "../../../src/cli/api-client.js";
import { DEMO_TASKS } from "../../../src/demo/index.js";
import { waitForAllDone } from "../../helpers/all-done.js";
import { tempDir, waitFor } from "../../helpers/sandbox.js";
import { freePort, launchDemo } from "./demo-process.js";

interface Issue {
  id: string;
  identifier: string;
  title: string;
  state: string;
}
interface Run {
  issue_id: string;
  outcome: string | null;
  branch?: string | null;
  cost_usd: number;
  input_tokens: number;
  output_tokens: number;
  provider_id?: string | null;
  focus?: string | null;
  profile?: string | null;
}

const slow = { timeoutMs: 120_000, intervalMs: 250 };

describe("oompah demo", () => {
  it("[C196] oompah demo brings seeded tasks from Open to Done with comments and a recorded cost, with no network and no API key", async () => {
    const tmp = tempDir("oompah-demo-test-");
    mkdirSync(join(tmp, "home"));
    const demo = await launchDemo(tmp, ["--port", String(await freePort()), "--no-open"]);
    expect(demo.sandbox.startsWith(tmp)).toBe(true);

    const api = new ApiClient({ server: demo.url });
    const { projects } = await api.get<{ projects: Array<{ id: string; scm: string }> }>(
      "/api/v1/projects",
    );
    expect(projects).toHaveLength(1);
    const project = projects[0]!;
    expect(project.scm).toBe("local");

    const { issues, runs } = await waitForAllDone<Issue, Run>(api, project.id, DEMO_TASKS.length, {
      what: "every demo task to reach Done and every run to finish",
      ...slow,
    });
    expect(issues.map((i) => i.title).sort()).toEqual(DEMO_TASKS.map((t) => t.title).sort());

    // Ledger: one succeeded run per task, on the mock provider, with its cost recorded.
    for (const issue of issues) {
      const mine = runs.filter((r) => r.issue_id === issue.id);
      expect(mine.length, issue.identifier).toBeGreaterThanOrEqual(1);
      const run = mine.find((r) => r.outcome === "succeeded");
      expect(run, `${issue.identifier} succeeded`).toBeDefined();
      expect(run!.provider_id).toBe("demo-mock");
      expect(run!.input_tokens).toBe(1000);
      expect(run!.output_tokens).toBe(200);
      // 1,000 input tokens at $1/1M + 200 output tokens at $2/1M.
      expect(run!.cost_usd).toBeCloseTo(0.0014, 6);
    }
    // Different tasks exercise different foci and profiles.
    expect(new Set(runs.map((r) => r.focus)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(runs.map((r) => r.profile)).size).toBeGreaterThanOrEqual(2);

    // The service commented on every task.
    for (const issue of issues) {
      const { comments } = await api.get<{ comments: Array<{ is_oompah: boolean; text: string }> }>(
        `/api/v1/projects/${project.id}/issues/${issue.id}/comments`,
      );
      expect(
        comments.some((c) => c.is_oompah),
        `${issue.identifier} has an oompah comment`,
      ).toBe(true);
    }

    // The bare origin holds one branch per task, each with the demo agent's change.
    const origin = join(demo.sandbox, "origin.git");
    const gitOut = (...args: string[]) =>
      execFileSync("git", ["--git-dir", origin, ...args], { encoding: "utf8" }).trim();
    const branches = gitOut("for-each-ref", "--format=%(refname:short)", "refs/heads/oompah/");
    expect(branches.split("\n").sort()).toEqual(
      issues.map((i) => `oompah/${i.identifier.toLowerCase()}`).sort(),
    );
    for (const issue of issues) {
      const file = gitOut(
        "show",
        `oompah/${issue.identifier.toLowerCase()}:OOMPAH_DEMO/${issue.identifier}.md`,
      );
      expect(file).toContain(`# ${issue.title}`);
    }
    // The tracker's task files are moved to done/ and pushed to main (commits are debounced).
    await waitFor(
      () =>
        gitOut("ls-tree", "-r", "--name-only", "main", ".oompah/tasks/done/").split("\n").length ===
        DEMO_TASKS.length,
      { what: "every task file in done/ on origin main", ...slow },
    );

    await waitFor(() => demo.output().includes("Press Ctrl-C to stop the demo."), {
      what: "the summary line",
      ...slow,
    });
    demo.child.kill("SIGINT");
    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain(`Removed the sandbox ${demo.sandbox}`);
    expect(existsSync(demo.sandbox)).toBe(false);
  }, 180_000);

  it("[C196] oompah demo --keep leaves the sandbox in place on Ctrl-C", async () => {
    const tmp = tempDir("oompah-demo-test-");
    mkdirSync(join(tmp, "home"));
    const demo = await launchDemo(tmp, ["--port", String(await freePort()), "--keep"]);
    demo.child.kill("SIGINT");
    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain(`The sandbox is kept in ${demo.sandbox}`);
    expect(existsSync(join(demo.sandbox, "origin.git"))).toBe(true);
    expect(existsSync(join(demo.sandbox, "service", "WORKFLOW.md"))).toBe(true);
  }, 120_000);
});
