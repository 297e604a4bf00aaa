import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { setupPendingPath } from "../../../src/workspace/create.js";
import { issueKey, projectKey } from "../../../src/workspace/keys.js";
import { WorktreeManager } from "../../../src/workspace/worktrees.js";
import { issue, makeHarness } from "./harness.js";

describe("WorktreeManager.ensure", () => {
  it("[C127] creates the worktree at <root>/<project-key>/<issue-key> on branch oompah/<slug>", async () => {
    const h = makeHarness();
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-12") });
    expect(wt.path).toBe(join(h.wsRoot, projectKey("demo-project"), "PROJ-12"));
    expect(wt.branch).toBe("oompah/proj-12");
    expect(wt.created).toBe(true);
    expect(h.git(wt.path, "symbolic-ref", "--short", "HEAD")).toBe("oompah/proj-12");
    expect(wt.baseSha).toBe(h.git(h.clone, "rev-parse", "origin/main"));
    expect(wt.remoteHeadAtStart).toBeNull();
    expect(readFileSync(join(wt.path, "src/a.txt"), "utf8")).toBe("a\n");
    // The branch lives in the managed clone.
    expect(h.git(h.clone, "rev-parse", "--verify", "refs/heads/oompah/proj-12")).toBe(wt.baseSha);
  });

  it("[C127] honours a native task's work_branch and an adapter's branch_name slug", async () => {
    const h = makeHarness();
    const native = await h.manager.ensure({
      project: h.project,
      issue: issue("T-1", { branch_name: "feature/T-1-login" }),
      workBranch: true,
    });
    expect(native.branch).toBe("feature/T-1-login");
    expect(h.git(native.path, "symbolic-ref", "--short", "HEAD")).toBe("feature/T-1-login");
    const gh = await h.manager.ensure({
      project: h.project,
      issue: issue("acme/app#12", { branch_name: "gh-12" }),
    });
    expect(gh.branch).toBe("oompah/gh-12");
    expect(gh.path).toBe(join(h.wsRoot, "demo-project", issueKey("acme/app#12")));
  });

  it("[C128] gives identifiers a/b and a_b distinct directories", async () => {
    const h = makeHarness();
    const one = await h.manager.ensure({ project: h.project, issue: issue("a/b") });
    const two = await h.manager.ensure({ project: h.project, issue: issue("a_b") });
    expect(one.path).not.toBe(two.path);
    expect(two.path).toBe(join(h.wsRoot, "demo-project", "a_b"));
    expect(one.path).toMatch(/\/a_b-[0-9a-f]{16}$/);
    expect(existsSync(join(one.path, ".git")) && existsSync(join(two.path, ".git"))).toBe(true);
    expect(one.branch).not.toBe(two.branch);
  });

  it("[C129] reuses the worktree on a second run without reset; uncommitted files survive", async () => {
    const h = makeHarness();
    const first = await h.manager.ensure({ project: h.project, issue: issue("PROJ-1") });
    writeFileSync(join(first.path, "notes.txt"), "work in progress\n");
    writeFileSync(join(first.path, "src/a.txt"), "edited\n");
    const second = await h.manager.ensure({ project: h.project, issue: issue("PROJ-1") });
    expect(second.created).toBe(false);
    expect(second.path).toBe(first.path);
    expect(readFileSync(join(second.path, "notes.txt"), "utf8")).toBe("work in progress\n");
    expect(readFileSync(join(second.path, "src/a.txt"), "utf8")).toBe("edited\n");
    expect(second.baseSha).toBe(first.baseSha);
  });

  it("runs after_create again on a reused worktree whose setup never completed (a crash mid-hook)", async () => {
    const h = makeHarness();
    const pendingDuringHook: boolean[] = [];
    const setup = (wt: { path: string }) => {
      pendingDuringHook.push(existsSync(setupPendingPath(wt.path)));
      return Promise.resolve();
    };
    const first = await h.manager.ensure({
      project: h.project,
      issue: issue("PROJ-8"),
      afterCreate: setup,
    });
    // The marker is on disk while the hook runs, so a crash there leaves it behind…
    expect(pendingDuringHook).toEqual([true]);
    expect(existsSync(setupPendingPath(first.path))).toBe(false);
    // … and an ordinary reuse does not run the hook again.
    await h.manager.ensure({ project: h.project, issue: issue("PROJ-8"), afterCreate: setup });
    expect(pendingDuringHook).toHaveLength(1);

    writeFileSync(join(first.path, "agent.txt"), "kept\n");
    writeFileSync(setupPendingPath(first.path), ""); // what a kill -9 during the hook leaves
    const again = await h.manager.ensure({
      project: h.project,
      issue: issue("PROJ-8"),
      afterCreate: setup,
    });
    expect(again.created).toBe(false);
    expect(pendingDuringHook).toEqual([true, true]);
    expect(existsSync(setupPendingPath(first.path))).toBe(false);
    expect(readFileSync(join(again.path, "agent.txt"), "utf8")).toBe("kept\n");
  });

  it("[C130] renames a stray non-worktree directory to *.stale-* and creates a fresh worktree", async () => {
    const h = makeHarness();
    const target = join(h.wsRoot, "demo-project", "PROJ-2");
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, "junk.txt"), "left behind\n");
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-2") });
    expect(wt.created).toBe(true);
    expect(existsSync(join(wt.path, ".git"))).toBe(true);
    expect(existsSync(join(wt.path, "junk.txt"))).toBe(false);
    const stale = readdirSync(join(h.wsRoot, "demo-project")).filter((n) =>
      n.startsWith("PROJ-2.stale-"),
    );
    expect(stale).toHaveLength(1);
    expect(readFileSync(join(h.wsRoot, "demo-project", stale[0] ?? "", "junk.txt"), "utf8")).toBe(
      "left behind\n",
    );
    expect(wt.warnings.map((w) => w.code)).toContain("stale_worktree_renamed");
  });

  it("moves aside a worktree that is on another branch", async () => {
    const h = makeHarness();
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-3") });
    h.git(wt.path, "checkout", "-q", "-b", "elsewhere");
    const again = await h.manager.ensure({ project: h.project, issue: issue("PROJ-3") });
    expect(again.created).toBe(true);
    expect(h.git(again.path, "symbolic-ref", "--short", "HEAD")).toBe("oompah/proj-3");
    expect(
      readdirSync(join(h.wsRoot, "demo-project")).some((n) => n.startsWith("PROJ-3.stale-")),
    ).toBe(true);
  });

  it("checks out an existing local branch and recreates a deleted worktree from it", async () => {
    const h = makeHarness();
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-4") });
    const head = h.commitFile(wt.path, "feature.txt", "x\n", "agent work");
    rmSync(wt.path, { recursive: true, force: true }); // e.g. /tmp was wiped; git still lists it
    const again = await h.manager.ensure({ project: h.project, issue: issue("PROJ-4") });
    expect(again.created).toBe(true);
    expect(h.git(again.path, "rev-parse", "HEAD")).toBe(head);
    expect(readFileSync(join(again.path, "feature.txt"), "utf8")).toBe("x\n");
    expect(again.baseSha).toBe(wt.baseSha);
  });

  it("starts from origin/<branch> when only the remote has the branch", async () => {
    const h = makeHarness();
    h.git(h.work, "checkout", "-q", "-b", "oompah/proj-5");
    h.commitFile(h.work, "remote.txt", "from origin\n", "pushed earlier");
    h.git(h.work, "push", "-q", "origin", "oompah/proj-5");
    const remoteHead = h.git(h.work, "rev-parse", "HEAD");
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-5") });
    expect(h.git(wt.path, "rev-parse", "HEAD")).toBe(remoteHead);
    expect(wt.remoteHeadAtStart).toBe(remoteHead);
  });

  it("uses the issue's target branch as the base of a new branch", async () => {
    const h = makeHarness();
    h.git(h.work, "checkout", "-q", "-b", "release");
    h.commitFile(h.work, "rel.txt", "r\n", "release work");
    h.git(h.work, "push", "-q", "origin", "release");
    const wt = await h.manager.ensure({
      project: h.project,
      issue: issue("PROJ-6", { target_branch: "release" }),
    });
    expect(wt.baseBranch).toBe("release");
    expect(wt.baseSha).toBe(h.git(h.work, "rev-parse", "HEAD"));
    expect(existsSync(join(wt.path, "rel.txt"))).toBe(true);
  });

  it("continues with local refs when the fetch fails, with a warning", async () => {
    const h = makeHarness();
    h.git(h.clone, "remote", "set-url", "origin", join(h.root, "gone.git"));
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-7") });
    expect(wt.created).toBe(true);
    expect(wt.warnings.map((w) => w.code)).toContain("fetch_failed");
  });

  it("serialises concurrent ensures of one issue: one creates, the other reuses", async () => {
    const h = makeHarness();
    const [a, b] = await Promise.all([
      h.manager.ensure({ project: h.project, issue: issue("PROJ-8") }),
      h.manager.ensure({ project: h.project, issue: issue("PROJ-8") }),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.path).toBe(b.path);
  });

  it("lists the project's worktrees and reports changes against the base", async () => {
    const h = makeHarness();
    const one = await h.manager.ensure({ project: h.project, issue: issue("L-1") });
    await h.manager.ensure({ project: h.project, issue: issue("L-2") });
    const listed = await h.manager.list(h.project);
    expect(listed.map((w) => [w.issueKey, w.branch]).sort()).toEqual([
      ["L-1", "oompah/l-1"],
      ["L-2", "oompah/l-2"],
    ]);
    expect(await h.manager.hasChanges(one.path, one.baseSha)).toBe(false);
    writeFileSync(join(one.path, "new.txt"), "n\n");
    expect(await h.manager.hasChanges(one.path, one.baseSha)).toBe(true);
    h.git(one.path, "add", "-A");
    h.git(one.path, "commit", "-q", "-m", "c");
    expect(await h.manager.hasChanges(one.path, one.baseSha)).toBe(true);
    expect(
      await new WorktreeManager({ workspaceRoot: h.wsRoot, gitEnv: h.env }).list(h.project),
    ).toHaveLength(2);
  });
});
