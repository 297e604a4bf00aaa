import { describe, expect, it } from "vitest";
import { ApiClient } from "../../../src/cli/api-client.js";
import { main } from "../../../src/cli/main.js";
import { git, makeRepoWithOrigin, waitFor } from "../../helpers/sandbox.js";
import { captureOutput, startTestService } from "../../helpers/service.js";

async function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const cap = captureOutput();
  const code = await main(args, { output: cap.output, env, cwd });
  return { code, stdout: cap.out.join("\n"), stderr: cap.err.join("\n") };
}

type Detail = {
  issue: { id: string; state: string; labels: string[]; title: string };
  comments: Array<{ author: string; text: string }>;
  runs: unknown[];
};

describe("oompah task against the running service", () => {
  it("[C194] create/comment/set-status/label change a registered project's tracker through the API", async () => {
    const t = await startTestService({
      workflow: "---\ntracker:\n  commit_debounce_ms: 0\n---\nWork on {{ issue.title }}\n",
    });
    const api = new ApiClient({ server: t.url });
    const { origin, env: repoEnv } = makeRepoWithOrigin({
      ".oompah/tasks/config.yml": "task_prefix: SVC\n",
    });
    await api.post("/api/v1/projects", { repo_url: origin, name: "demo" });
    await waitFor(
      async () => (await api.get<{ status: string }>("/api/v1/projects/demo")).status === "ready",
      {
        what: "the project clone",
      },
    );

    const env: NodeJS.ProcessEnv = { ...t.env, OOMPAH_SERVER_URL: t.url };
    delete env.OOMPAH_RUN_TOKEN;
    const created = await cli(
      ["task", "create", "--title", "Via service", "--status", "Open", "--label", "cli"],
      env,
      t.dir,
    );
    expect(created.stderr).toBe("");
    expect(created).toMatchObject({ code: 0, stdout: "SVC-1" });
    expect((await cli(["task", "comment", "SVC-1", "-m", "hello"], env, t.dir)).code).toBe(0);
    expect((await cli(["task", "set-status", "SVC-1", "needs info"], env, t.dir)).code).toBe(0);
    expect((await cli(["task", "label", "SVC-1", "add", "Backend"], env, t.dir)).code).toBe(0);

    const bad = await cli(
      ["task", "set-status", "SVC-1", "teleported", "--project", "demo"],
      env,
      t.dir,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error unknown_status: /);

    const detail = await api.get<Detail>("/api/v1/projects/demo/issues/SVC-1");
    expect(detail.issue).toMatchObject({
      title: "Via service",
      state: "Needs Answer",
      labels: ["cli", "backend"],
    });
    expect(detail.comments).toEqual([
      expect.objectContaining({ author: "operator", text: "hello" }),
    ]);
    expect(detail.runs).toEqual([]);

    const board = await api.get<{
      columns: Array<{ status: string; issues: Array<{ id: string }> }>;
    }>("/api/v1/issues");
    expect(board.columns.find((c) => c.status === "Needs Answer")?.issues.map((i) => i.id)).toEqual(
      ["SVC-1"],
    );

    // The managed clone commits and pushes task changes to origin.
    await waitFor(
      () =>
        git(origin, repoEnv, "ls-tree", "-r", "--name-only", "main").includes(
          ".oompah/tasks/needs-answer/SVC-1.md",
        ),
      { what: "the task change on origin" },
    );
  });
});
