import { describe, expect, it } from "vitest";
import { isOompahError } from "../../../src/domain/errors.js";
import {
  assertContained,
  branchFor,
  branchSlug,
  isValidBranchName,
  issueKey,
  projectKey,
  worktreePathFor,
} from "../../../src/workspace/keys.js";

describe("workspace keys", () => {
  it("[C128] maps a/b and a_b to distinct keys with a 16-hex hash suffix", () => {
    expect(issueKey("a_b")).toBe("a_b");
    expect(issueKey("a/b")).toMatch(/^a_b-[0-9a-f]{16}$/);
    expect(issueKey("a/b")).not.toBe(issueKey("a_b"));
    expect(issueKey("a:b")).not.toBe(issueKey("a/b"));
    for (const odd of ["", ".", ".."]) expect(issueKey(odd)).toMatch(/-[0-9a-f]{16}$/);
    expect(projectKey("my-app")).toBe("my-app");
  });

  it("[C127] builds <root>/<project-key>/<issue-key>", () => {
    expect(worktreePathFor("/ws/", "app", "acme/app#3")).toBe(`/ws/app/${issueKey("acme/app#3")}`);
  });

  it("[C127] derives oompah/<slug> branches and honours work_branch", () => {
    expect(branchFor({ identifier: "PROJ-12", branch_name: null })).toBe("oompah/proj-12");
    expect(branchFor({ identifier: "acme/app#12", branch_name: "gh-12" })).toBe("oompah/gh-12");
    expect(branchFor({ identifier: "T-1", branch_name: "feature/x" }, { workBranch: true })).toBe(
      "feature/x",
    );
    // An invalid work_branch falls back to the derived branch.
    expect(branchFor({ identifier: "T-1", branch_name: "bad..name" }, { workBranch: true })).toBe(
      "oompah/t-1",
    );
    expect(branchFor({ identifier: "  Fix: the *thing*!  ", branch_name: null })).toBe(
      "oompah/fix-the-thing",
    );
    expect(branchFor({ identifier: "a..b", branch_name: null })).toMatch(
      /^oompah\/issue-[0-9a-f]{16}$/,
    );
    expect(branchFor({ identifier: "###", branch_name: null })).toBe(`oompah/${issueKey("###")}`);
    expect(branchFor({ identifier: "x".repeat(200), branch_name: null })).toBe(
      `oompah/${"x".repeat(80)}`,
    );
  });

  it("slugs lower-case, collapse runs and trim - and .", () => {
    expect(branchSlug("..Hello  World--")).toBe("hello-world");
    expect(branchSlug("ÄÖ-1")).toBe("1");
    expect(branchSlug(`${"a".repeat(79)}.b`)).toBe("a".repeat(79));
  });

  it("validates branch names like git check-ref-format --branch", () => {
    for (const ok of ["main", "oompah/x-1", "a.b", "feature/deep/name", "x@y"])
      expect(isValidBranchName(ok)).toBe(true);
    for (const bad of [
      "",
      "-x",
      "a..b",
      "a/",
      "a.",
      "a.lock",
      "a/.b",
      "a b",
      "a~1",
      "a^",
      "a:b",
      "a?",
      "a*",
      "a[b",
      "a\\b",
      "a@{1}",
      "@",
      "a//b",
      "a\u0001b",
    ])
      expect(isValidBranchName(bad), bad).toBe(false);
  });

  it("[C135] refuses paths outside the root after normalisation", () => {
    const e = (() => {
      try {
        assertContained("/ws", "/ws/app/../../etc");
        return null;
      } catch (err) {
        return err;
      }
    })();
    expect(isOompahError(e) && e.code).toBe("workspace_path_violation");
    expect(() => assertContained("/ws", "/ws")).toThrow(/not inside/);
    expect(() => assertContained("/ws", "/wsx/a")).toThrow(/not inside/);
    expect(assertContained("/nonexistent-root-xyz", "/nonexistent-root-xyz/a/b")).toBe(
      "/nonexistent-root-xyz/a/b",
    );
  });
});
