import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git, makeRepoWithOrigin } from "../../helpers/sandbox.js";
import { makeHarness } from "./harness.js";

describe("project registry API (§17.2)", () => {
  it("[C187] POST /api/v1/projects {repo_url, name} returns 201 cloning, later ready", async () => {
    const h = await makeHarness();
    const { origin } = makeRepoWithOrigin({ "README.md": "# hello\n" });
    const res = await h.json("POST", "/api/v1/projects", { repo_url: origin, name: "demo" });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("cloning");
    expect(res.body.id).toMatch(/^proj-[0-9a-f]{8}$/);
    expect(res.body.name).toBe("demo");

    const ready = await h.waitStatus(res.body.id ?? "", "ready");
    expect(ready.error_message).toBeNull();
    expect(ready.clone_path).toBe(join(h.dataDir, "repos", "demo"));
    expect(readFileSync(join(ready.clone_path, "README.md"), "utf8")).toBe("# hello\n");
    expect(ready.default_branch).toBe("main");
    expect(statSync(h.projectsFile).mode & 0o777).toBe(0o600);

    const list = await h.json("GET", "/api/v1/projects");
    expect(list.body.projects?.map((p) => [p.name, p.status])).toEqual([["demo", "ready"]]);
    expect(h.events.map((e) => e.reason)).toContain("added");
  });

  it("[C187] refuses a local-path repo_url on a non-loopback bind unless allowed", async () => {
    const { origin } = makeRepoWithOrigin();
    const strict = await makeHarness({ host: "0.0.0.0" });
    for (const repo_url of [origin, `file://${origin}`]) {
      const res = await strict.json("POST", "/api/v1/projects", { repo_url });
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe("local_repo_path_forbidden");
      expect(res.body.error?.hint).toMatch(/allow_local_repo_paths/);
    }
    expect(strict.projects.list()).toEqual([]);
    expect(existsSync(strict.projectsFile)).toBe(false);

    const allowed = await makeHarness({ host: "0.0.0.0", allowLocalRepoPaths: true });
    const ok = await allowed.json("POST", "/api/v1/projects", { repo_url: origin, name: "ok" });
    expect(ok.status).toBe(201);
    await allowed.waitStatus(ok.body.id ?? "", "ready");
  });

  it("reports an unclonable URL as status error with a message and hint, leaving nothing behind", async () => {
    const h = await makeHarness();
    const missing = join(h.dir, "does-not-exist.git");
    const res = await h.json("POST", "/api/v1/projects", { repo_url: missing, name: "broken" });
    expect(res.status).toBe(201);
    const failed = await h.waitStatus(res.body.id ?? "", "error");
    expect(failed.error?.code).toBe("repo_clone_failed");
    expect(failed.error_message).toMatch(/git clone of .*does-not-exist\.git failed/);
    expect(failed.error?.hint).toMatch(/sync/);
    const repos = join(h.dataDir, "repos");
    expect(existsSync(join(repos, "broken"))).toBe(false);
    expect(existsSync(repos) ? (await import("node:fs")).readdirSync(repos) : []).toEqual([]);

    const sync = await h.json("POST", `/api/v1/projects/${res.body.id}/sync`, {});
    expect(sync.status).toBe(502);
    expect(sync.body.error?.code).toBe("repo_clone_failed");
  });

  it("detects the default branch from origin/HEAD when none is given", async () => {
    const h = await makeHarness();
    const { origin, work, env } = makeRepoWithOrigin();
    git(work, env, "push", "-q", "origin", "HEAD:trunk");
    git(origin, env, "symbolic-ref", "HEAD", "refs/heads/trunk");
    const res = await h.json("POST", "/api/v1/projects", { repo_url: origin });
    expect(res.body.name).toBe("origin");
    const ready = await h.waitStatus(res.body.id ?? "", "ready");
    expect(ready.default_branch).toBe("trunk");
    expect(h.projects.get("origin")?.default_branch).toBe("trunk");

    const pinned = await h.json("POST", "/api/v1/projects", {
      repo_url: origin,
      name: "pinned",
      default_branch: "main",
    });
    const pinnedReady = await h.waitStatus(pinned.body.id ?? "", "ready");
    expect(pinnedReady.default_branch).toBe("main");
    expect(git(pinnedReady.clone_path, env, "branch", "--show-current")).toBe("main");
  });

  it("falls back to main, checked out, when the remote's HEAD names a branch that does not exist", async () => {
    const h = await makeHarness();
    const { origin, work, env } = makeRepoWithOrigin();
    git(work, env, "push", "-q", "origin", "HEAD:feature");
    git(origin, env, "symbolic-ref", "HEAD", "refs/heads/nothing-here");
    const res = await h.json("POST", "/api/v1/projects", { repo_url: origin });
    const ready = await h.waitStatus(res.body.id ?? "", "ready");
    expect(ready.default_branch).toBe("main");
    expect(git(ready.clone_path, env, "branch", "--show-current")).toBe("main");
    expect(git(ready.clone_path, env, "rev-parse", "HEAD")).toBe(
      git(work, env, "rev-parse", "HEAD"),
    );
  });

  it("validates names (422 with field details) and refuses duplicates with 409 project_exists", async () => {
    const h = await makeHarness();
    const { origin } = makeRepoWithOrigin();
    const bad = await h.json("POST", "/api/v1/projects", { repo_url: origin, name: "Bad Name" });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.code).toBe("validation_failed");
    expect(bad.body.error?.details?.issues).toEqual([
      expect.objectContaining({ path: "name", message: expect.stringContaining("[a-z0-9]") }),
    ]);
    const noUrl = await h.json("POST", "/api/v1/projects", { name: "x" });
    expect(noUrl.status).toBe(422);
    expect(noUrl.body.error?.details?.issues?.[0]?.path).toBe("repo_url");
    const weird = await h.json("POST", "/api/v1/projects", { repo_url: "ftp://example.com/x" });
    expect(weird.status).toBe(422);
    expect(weird.body.error?.details?.issues?.[0]?.path).toBe("repo_url");

    const first = await h.json("POST", "/api/v1/projects", { repo_url: origin, name: "same" });
    expect(first.status).toBe(201);
    const dup = await h.json("POST", "/api/v1/projects", { repo_url: origin, name: "same" });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.code).toBe("project_exists");
    const patchId = await h.json("PATCH", `/api/v1/projects/${first.body.id}`, {
      id: "proj-00000000",
    });
    expect(patchId.status).toBe(422);
    await h.waitStatus(first.body.id ?? "", "ready");
  });

  it("persists pause/resume and PATCH changes in projects.json", async () => {
    const h = await makeHarness();
    const { origin } = makeRepoWithOrigin();
    const { body } = await h.json("POST", "/api/v1/projects", { repo_url: origin, name: "p" });
    const id = body.id ?? "";
    await h.waitStatus(id, "ready");
    const paused = await h.json("POST", `/api/v1/projects/p/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body.paused).toBe(true);
    const onDisk = () =>
      JSON.parse(readFileSync(h.projectsFile, "utf8")) as Array<Record<string, unknown>>;
    expect(onDisk()[0]?.paused).toBe(true);
    expect(h.events.map((e) => e.reason)).toContain("paused");

    const patched = await h.json("PATCH", `/api/v1/projects/${id}`, {
      tracker_kind: "github-issues",
      max_concurrent_agents: 2,
      local_success_status: "Done",
      access_token_env: "MY_TOKEN",
      git_author_name: "Bot",
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      tracker_kind: "github_issues",
      max_concurrent_agents: 2,
      paused: true,
      id,
    });
    const resumed = await h.json("POST", `/api/v1/projects/${id}/resume`);
    expect(resumed.body.paused).toBe(false);
    expect(onDisk()[0]).toMatchObject({
      paused: false,
      access_token_env: "MY_TOKEN",
      git_author_name: "Bot",
      id,
    });

    const leaked = await h.json("PATCH", `/api/v1/projects/${id}`, {
      tracker_settings: { api_key: "sk-live" },
    });
    expect(leaked.status).toBe(422);
    expect(readFileSync(h.projectsFile, "utf8")).not.toContain("sk-live");
  });

  it("lists worktrees, syncs, and removes with purge deleting the clone and worktrees", async () => {
    const h = await makeHarness();
    const { origin, work, env } = makeRepoWithOrigin();
    const { body } = await h.json("POST", "/api/v1/projects", { repo_url: origin, name: "gone" });
    const ready = await h.waitStatus(body.id ?? "", "ready");
    git(
      ready.clone_path,
      env,
      "worktree",
      "add",
      "-q",
      "-b",
      "oompah/x-1",
      join(h.workspaceRoot, "gone", "X-1"),
    );
    mkdirSync(join(h.workspaceRoot, "gone", "_console"));
    const wt = await h.json("GET", `/api/v1/projects/gone/worktrees`);
    expect(wt.body.worktrees?.map((w) => [w.name, w.branch])).toEqual([
      ["X-1", "oompah/x-1"],
      ["_console", null],
    ]);

    git(work, env, "commit", "-q", "--allow-empty", "-m", "more");
    git(work, env, "push", "-q", "origin", "HEAD:main");
    const synced = await h.json("POST", `/api/v1/projects/gone/sync`);
    expect(synced.status).toBe(200);
    expect(synced.body.last_sync_at).toEqual(expect.any(String));
    expect(git(ready.clone_path, env, "rev-parse", "origin/main")).toBe(
      git(work, env, "rev-parse", "HEAD"),
    );

    const rename = await h.json("PATCH", `/api/v1/projects/gone`, { name: "other" });
    expect(rename.status).toBe(409);
    expect(rename.body.error?.code).toBe("project_busy");

    const removed = await h.json("DELETE", `/api/v1/projects/gone?purge=true`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ removed: true, purged: true, name: "gone" });
    expect(existsSync(ready.clone_path)).toBe(false);
    expect(existsSync(join(h.workspaceRoot, "gone"))).toBe(false);
    expect((await h.json("GET", `/api/v1/projects/gone`)).status).toBe(404);
    expect(await h.store.projectRuntime.get(body.id ?? "")).toBeUndefined();
  });

  it("removes without purge keeping the clone, and renames move the clone", async () => {
    const h = await makeHarness();
    const { origin } = makeRepoWithOrigin();
    const { body } = await h.json("POST", "/api/v1/projects", { repo_url: origin, name: "keep" });
    const ready = await h.waitStatus(body.id ?? "", "ready");
    const renamed = await h.json("PATCH", `/api/v1/projects/keep`, { name: "kept" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.clone_path).toBe(join(h.dataDir, "repos", "kept"));
    expect(existsSync(join(h.dataDir, "repos", "kept", ".git"))).toBe(true);
    expect(existsSync(ready.clone_path)).toBe(false);
    const removed = await h.json("DELETE", `/api/v1/projects/kept`);
    expect(removed.body.purged).toBe(false);
    expect(existsSync(join(h.dataDir, "repos", "kept", ".git"))).toBe(true);
  });
});
