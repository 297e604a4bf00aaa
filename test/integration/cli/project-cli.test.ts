import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import type { ProjectView } from "../../../src/projects/project-wire.js";
import { makeRepoWithOrigin, tempDir, waitFor } from "../../helpers/sandbox.js";
import { captureOutput, serviceEnv, startTestService } from "../../helpers/service.js";

async function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const cap = captureOutput();
  const code = await main(args, { output: cap.output, env, cwd });
  return { code, stdout: cap.out.join("\n"), stderr: cap.err.join("\n") };
}

describe("oompah project (§18)", () => {
  it("[C195] project add and project list --json register and list projects through the server", async () => {
    const t = await startTestService();
    const env = { ...t.env, OOMPAH_SERVER_URL: t.url };
    const { origin } = makeRepoWithOrigin();

    const add = await cli(["project", "add", origin, "--name", "demo", "--wait"], env, t.dir);
    expect(add.stderr).not.toMatch(/^error/m);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/^registered demo \(proj-[0-9a-f]{8}\): ready$/);

    const list = await cli(["--json", "project", "list"], env, t.dir);
    expect(list.code).toBe(0);
    const doc = JSON.parse(list.stdout) as {
      schema_version: number;
      kind: string;
      projects: ProjectView[];
    };
    expect(doc.schema_version).toBe(1);
    expect(doc.kind).toBe("project-list");
    expect(doc.projects.map((p) => [p.name, p.status, p.scm, p.default_branch])).toEqual([
      ["demo", "ready", "local", "main"],
    ]);

    const text = await cli(["project", "list"], env, t.dir);
    expect(text.stdout).toMatch(/^ID\s+NAME\s+STATUS/);
    expect(text.stdout).toMatch(/demo\s+ready\s+local/);

    const show = await cli(["project", "show", "demo", "--json"], env, t.dir);
    expect(JSON.parse(show.stdout)).toMatchObject({
      schema_version: 1,
      kind: "project",
      project: { name: "demo" },
    });

    const state = (await (await fetch(`${t.url}/api/v1/state`)).json()) as {
      projects: Array<{ name: string; status: string }>;
    };
    expect(state.projects).toEqual([
      expect.objectContaining({ name: "demo", status: "ready", paused: false }),
    ]);

    const openapi = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(openapi.paths["/api/v1/projects"] ?? {})).toEqual(
      expect.arrayContaining(["get", "post"]),
    );
    expect(openapi.paths["/api/v1/projects/{pid}/sync"]).toBeDefined();

    const dup = await cli(["project", "add", origin, "--name", "demo"], env, t.dir);
    expect(dup.code).not.toBe(0);
    expect(dup.stdout).toBe("");
    expect(dup.stderr).toMatch(/^error project_exists: /m);

    const clone = doc.projects[0]?.clone_path ?? "";
    expect(existsSync(join(clone, ".git"))).toBe(true);
    const rm = await cli(["project", "remove", "demo", "--purge"], env, t.dir);
    expect(rm.stderr).toBe("");
    expect(rm.code).toBe(0);
    expect(existsSync(clone)).toBe(false);
    const empty = await cli(["project", "list"], env, t.dir);
    expect(empty.stdout).toMatch(/no projects registered/);
  });

  it("[C195] project add --wait fails with the clone error for an unclonable repository", async () => {
    const t = await startTestService();
    const env = { ...t.env, OOMPAH_SERVER_URL: t.url };
    const r = await cli(["project", "add", join(t.dir, "missing.git"), "--wait"], env, t.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error repo_clone_failed: git clone of .*missing\.git failed/m);
    expect(r.stderr).toMatch(/^hint: /m);
  });

  it("[C195] --offline edits projects.json directly and the clone happens at the next start", async () => {
    const dir = tempDir("oompah-offline-");
    const env = serviceEnv(dir);
    const { origin } = makeRepoWithOrigin();
    const add = await cli(["project", "add", origin, "--name", "later", "--offline"], env, dir);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/registered later .* projects\.json/);
    const gh = await cli(
      ["project", "add", "https://github.com/acme/widget.git", "--offline", "--json"],
      env,
      dir,
    );
    expect(JSON.parse(gh.stdout)).toMatchObject({
      kind: "project",
      project: { name: "widget", scm: "github" },
    });

    const file = join(dir, ".oompah", "projects.json");
    const onDisk = JSON.parse(readFileSync(file, "utf8")) as Array<{ name: string }>;
    expect(onDisk.map((p) => p.name)).toEqual(["later", "widget"]);
    const list = await cli(["project", "list", "--offline", "--json"], env, dir);
    expect(
      (JSON.parse(list.stdout) as { projects: ProjectView[] }).projects.map((p) => p.name),
    ).toEqual(["later", "widget"]);
    const rm = await cli(["project", "remove", "widget", "--offline"], env, dir);
    expect(rm.code).toBe(0);

    const t = await startTestService({ cwd: dir });
    const ready = await waitFor(
      async () => {
        const res = await fetch(`${t.url}/api/v1/projects/later`);
        const p = (await res.json()) as ProjectView;
        return p.status === "ready" ? p : null;
      },
      { what: "offline project cloned at start" },
    );
    expect(existsSync(join(ready.clone_path, "README.md"))).toBe(true);
    expect(ready.default_branch).toBe("main");
  });
});
