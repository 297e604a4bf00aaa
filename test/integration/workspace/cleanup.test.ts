import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/sandbox.js";
import { issue, makeHarness } from "./harness.js";
import { rejectionOf } from "../../helpers/failures.js";

describe("WorktreeManager.remove", () => {
  it("[C134] preserves a dirty worktree's changes under refs/oompah/preserved/… and keeps an unpushed branch", async () => {
    const h = makeHarness();
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-20") });
    const head = h.commitFile(wt.path, "committed.txt", "c\n", "agent commit");
    writeFileSync(join(wt.path, "src/a.txt"), "modified\n");
    writeFileSync(join(wt.path, "untracked.txt"), "new file\n");

    const r = await h.manager.remove({ project: h.project, issue: issue("PROJ-20") });
    expect(r.removed).toBe(true);
    expect(existsSync(wt.path)).toBe(false);
    expect(r.preservedRef).toMatch(/^refs\/oompah\/preserved\/PROJ-20\/\d{8}T\d{6}Z$/);
    const ref = r.preservedRef ?? "";
    const snap = h.git(h.clone, "rev-parse", ref);
    expect(h.git(h.clone, "rev-parse", `${snap}^`)).toBe(head);
    expect(h.git(h.clone, "show", `${snap}:untracked.txt`)).toBe("new file");
    expect(h.git(h.clone, "show", `${snap}:src/a.txt`)).toBe("modified");
    expect(h.git(h.clone, "branch", "--all", "--contains", snap)).toBe(""); // on no branch
    // The branch has a commit origin does not have: kept.
    expect(r.branchDeleted).toBe(false);
    expect(h.git(h.clone, "rev-parse", "refs/heads/oompah/proj-20")).toBe(head);
    expect(r.warnings.map((w) => w.code)).toContain("branch_kept_unpushed");
    expect(h.git(h.clone, "worktree", "list")).not.toContain("PROJ-20");
  });

  it("deletes a clean worktree and its branch once the branch is on origin", async () => {
    const h = makeHarness();
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-21") });
    h.commitFile(wt.path, "f.txt", "f\n", "delivered");
    h.git(wt.path, "push", "-q", "origin", "oompah/proj-21");
    const r = await h.manager.remove({ project: h.project, issue: issue("PROJ-21") });
    expect(r).toMatchObject({
      removed: true,
      preservedRef: null,
      branchDeleted: true,
      branch: "oompah/proj-21",
    });
    expect(h.git(h.clone, "branch", "--list", "oompah/proj-21")).toBe("");
    expect(h.git(h.clone, "for-each-ref", "refs/oompah/")).toBe("");
  });

  it("deletes a branch without new commits (contained in origin/<default>)", async () => {
    const h = makeHarness();
    await h.manager.ensure({ project: h.project, issue: issue("PROJ-22") });
    const r = await h.manager.remove({ project: h.project, issue: issue("PROJ-22") });
    expect(r.branchDeleted).toBe(true);
  });

  it("prunes the registration and drops the branch when the worktree directory is already gone", async () => {
    const h = makeHarness();
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-23") });
    rmSync(wt.path, { recursive: true, force: true });
    const r = await h.manager.remove({ project: h.project, issue: issue("PROJ-23") });
    expect(r).toMatchObject({ removed: false, branchDeleted: true, preservedRef: null });
    expect(h.git(h.clone, "worktree", "list")).not.toContain("PROJ-23");
    expect(h.git(h.clone, "branch", "--list", "oompah/proj-23")).toBe("");
  });

  it("[C135] refuses a worktree path that resolves outside workspace.root and deletes nothing", async () => {
    const h = makeHarness();
    const outside = tempDir();
    mkdirSync(join(outside, "PROJ-30"), { recursive: true });
    writeFileSync(join(outside, "PROJ-30", "precious.txt"), "keep me\n");
    mkdirSync(h.wsRoot, { recursive: true });
    symlinkSync(outside, join(h.wsRoot, "demo-project")); // the project dir points elsewhere
    let ran = false;
    const e = await rejectionOf(
      h.manager.remove({
        project: h.project,
        issue: issue("PROJ-30"),
        beforeRemove: () => {
          ran = true;
          return Promise.resolve(undefined);
        },
      }),
    );
    expect(e.code).toBe("workspace_path_violation");
    expect(ran).toBe(false);
    expect(readFileSync(join(outside, "PROJ-30", "precious.txt"), "utf8")).toBe("keep me\n");
    const e2 = await rejectionOf(h.manager.ensure({ project: h.project, issue: issue("PROJ-30") }));
    expect(e2.code).toBe("workspace_path_violation");
    expect(readFileSync(join(outside, "PROJ-30", "precious.txt"), "utf8")).toBe("keep me\n");
    expect(h.git(h.clone, "branch", "--list", "oompah/proj-30")).toBe("");
  });
});
