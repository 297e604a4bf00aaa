import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { IssueService } from "../../../src/issues/issue-service.js";
import { createHttpApp } from "../../../src/server/app.js";
import { serveHttp, type HttpListener } from "../../../src/server/node.js";
import { issueRoutes } from "../../../src/server/routes/issues.js";
import { TrackerRegistry } from "../../../src/trackers/registry.js";
import { git, makeRepoWithOrigin, tempDir, waitFor } from "../../helpers/sandbox.js";
import { securityOptions } from "../../unit/server/fake-service.js";

const SEEDED = `---
id: WORK-7
type: bug
status: Open
priority: 1
title: Seeded task
labels: [ui]
created_at: 2025-01-01T00:00:00Z
updated_at: 2025-01-01T00:00:00Z
---
## Summary

Fix the thing.
`;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** Runs the CLI in-process and captures stdout/stderr. */
async function cli(argv: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    output: { out: (s) => out.push(s), err: (s) => err.push(s) },
    env,
    cwd,
  });
  return { code, stdout: out.join(""), stderr: err.join("\n") };
}

/** `base` without any inherited oompah server or token, plus `extra`. */
function cleanEnv(base: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...base };
  delete env.OOMPAH_SERVER_URL;
  delete env.OOMPAH_RUN_TOKEN;
  delete env.OOMPAH_API_TOKEN;
  return { ...env, ...extra };
}

describe("oompah task", () => {
  it("[C193] lists tasks with --json in a repository containing .oompah/tasks without a server", async () => {
    const repo = makeRepoWithOrigin({ ".oompah/tasks/open/WORK-7.md": SEEDED, "src/index.ts": "" });
    const env = cleanEnv(repo.env);
    const res = await cli(["task", "list", "--json"], env, join(repo.work, "src"));
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout) as {
      schema_version: number;
      kind: string;
      issues: Array<{ id: string; state: string; labels: string[] }>;
    };
    expect(doc.schema_version).toBe(1);
    expect(doc.kind).toBe("task-list");
    expect(doc.issues).toEqual([
      expect.objectContaining({ id: "WORK-7", state: "Open", labels: ["ui"] }),
    ]);

    const created = await cli(
      ["task", "create", "--title", "Direct", "--status", "todo"],
      env,
      repo.work,
    );
    expect(created).toMatchObject({ code: 0, stdout: "WORK-8" });
    const text = await cli(["task", "list"], env, repo.work);
    expect(text.stdout).toMatch(/WORK-7\s+Open\s+P1\s+bug\s+Seeded task\s+ui/);
    const view = await cli(["--json", "task", "view", "WORK-7"], env, repo.work);
    expect(JSON.parse(view.stdout)).toMatchObject({
      schema_version: 1,
      kind: "task",
      issue: { id: "WORK-7" },
      comments: [],
    });
    // Git sync stays off in direct mode unless --sync: nothing was committed.
    expect(git(repo.work, repo.env, "log", "--format=%s")).toBe("initial");
  });

  it("[C194] changes the tracker through the server API when OOMPAH_SERVER_URL is set", async () => {
    const repo = makeRepoWithOrigin({ ".oompah/tasks/config.yml": "task_prefix: SRV\n" });
    const registry = new TrackerRegistry({
      projects: () => [
        {
          id: "proj-1",
          name: "demo",
          status: "ready",
          repoPath: repo.work,
          defaultBranch: "main",
          trackerKind: "oompah_md",
          trackerSettings: {},
          identity: { name: "oompah-test", email: "oompah@test.invalid" },
        },
      ],
      settings: () => ({ gitSync: true, commitDebounceMs: 0 }),
      env: repo.env,
      oompahMd: { watch: false, snapshotPath: null },
    });
    const mutated: string[] = [];
    const service = new IssueService({
      trackers: registry,
      onMutated: (_p, id) => mutated.push(id),
    });
    let port = 0;
    const app = createHttpApp({
      routes: issueRoutes(service),
      security: () => securityOptions({ port, maxBodyBytes: 1 << 20 }),
    });
    const listener: HttpListener & { port: number } = await serveHttp(app, {
      host: "127.0.0.1",
      port: 0,
    });
    port = listener.port;
    closers.push(
      () => registry.close(),
      () => listener.close(),
    );

    // The working copy holds .oompah/tasks too: the server URL must still win over direct mode.
    const env = cleanEnv(repo.env, { OOMPAH_SERVER_URL: `http://127.0.0.1:${port}` });
    const cwd = tempDir();
    mkdirSync(join(cwd, "sub"));
    const created = await cli(
      [
        "task",
        "create",
        "--title",
        "From CLI",
        "--type",
        "bug",
        "--priority",
        "high",
        "--label",
        "API",
      ],
      env,
      join(cwd, "sub"),
    );
    expect(created.stderr).toBe("");
    expect(created).toMatchObject({ code: 0, stdout: "SRV-1" });

    expect((await cli(["task", "comment", "SRV-1", "-m", "through the API"], env, cwd)).code).toBe(
      0,
    );
    const status = await cli(
      ["--json", "task", "set-status", "SRV-1", "in review", "--comment", "PR open"],
      env,
      cwd,
    );
    expect(JSON.parse(status.stdout)).toMatchObject({
      schema_version: 1,
      kind: "task",
      issue: { state: "In Review" },
    });
    expect(
      (await cli(["task", "label", "SRV-1", "add", "Needs-QA", "--project", "demo"], env, cwd))
        .code,
    ).toBe(0);
    const removed = await cli(["task", "label", "SRV-1", "remove", "api"], env, cwd);
    expect(removed.stderr).toBe("");

    const unknown = await cli(["task", "set-status", "SRV-1", "sideways"], env, cwd);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(/^error unknown_status: /);

    const { tracker } = await registry.get("proj-1");
    const { issue, comments } = await tracker.getIssueDetail("SRV-1");
    expect(issue).toMatchObject({
      title: "From CLI",
      type: "bug",
      priority: 1,
      state: "In Review",
      labels: ["needs-qa"],
    });
    expect(comments.map((c) => [c.author, c.text])).toEqual([
      ["operator", "through the API"],
      ["operator", "PR open"],
    ]);
    expect(mutated.length).toBeGreaterThanOrEqual(5);

    const listed = await cli(["--json", "task", "list"], env, cwd);
    expect(JSON.parse(listed.stdout)).toMatchObject({
      schema_version: 1,
      kind: "task-list",
      issues: [{ id: "SRV-1" }],
    });
    await tracker.flush();
    await waitFor(
      () =>
        git(repo.origin, repo.env, "ls-tree", "-r", "--name-only", "main").includes(
          ".oompah/tasks/in-review/SRV-1.md",
        ),
      {
        what: "the task change pushed to origin",
      },
    );
  });

  it("[C194] reports an unreachable server with exit 6", async () => {
    const env = cleanEnv(process.env, { OOMPAH_SERVER_URL: "http://127.0.0.1:9" });
    const res = await cli(["task", "list"], env, tempDir());
    expect(res.code).toBe(6);
    expect(res.stderr).toMatch(/^error server_unreachable/);
  });
});
