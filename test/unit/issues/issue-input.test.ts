import { describe, expect, it } from "vitest";
import { OompahError } from "../../../src/domain/errors.js";
import { commentAuthor, OPERATOR } from "../../../src/issues/actor.js";
import {
  parseLabel,
  parseStatus,
  toIssuePatch,
  toNewIssue,
} from "../../../src/issues/issue-input.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof OompahError ? e.code : "not-an-oompah-error";
  }
  return undefined;
}

describe("issue input", () => {
  it("canonicalises status spellings and refuses unknown ones with unknown_status", () => {
    expect(parseStatus("todo")).toBe("Open");
    expect(parseStatus("needs_ci-fix")).toBe("Needs CI Fix");
    expect(parseStatus("WONTFIX")).toBe("Archived");
    expect(codeOf(() => parseStatus("sideways"))).toBe("unknown_status");
    expect(codeOf(() => toIssuePatch({ status: "" }))).toBe("unknown_status");
  });

  it("normalises create input and refuses empty titles, unknown types and bad priorities", () => {
    expect(
      toNewIssue({
        title: " T ",
        priority: "p2",
        type: "Bug",
        labels: ["A", "a"],
        blocked_by: [" X-1", "X-1"],
        parent: "",
      }),
    ).toEqual({
      title: "T",
      priority: 2,
      type: "bug",
      labels: ["a"],
      blocked_by: ["X-1"],
      parent: null,
    });
    expect(codeOf(() => toNewIssue({ title: "  " }))).toBe("validation_failed");
    expect(codeOf(() => toNewIssue({ title: "T", type: "story" }))).toBe("validation_failed");
    expect(codeOf(() => toNewIssue({ title: "T", priority: "soon" }))).toBe("validation_failed");
    expect(toIssuePatch({ priority: null, target_branch: "" })).toEqual({
      priority: null,
      target_branch: null,
    });
    expect(codeOf(() => parseLabel("   "))).toBe("validation_failed");
  });

  it("[C183] derives operator comment authors and reserves names beginning with oompah", () => {
    expect(commentAuthor(OPERATOR)).toBe("operator");
    expect(commentAuthor(OPERATOR, "  alice ")).toBe("alice");
    expect(codeOf(() => commentAuthor(OPERATOR, "oompah"))).toBe("reserved_author");
    expect(codeOf(() => commentAuthor(OPERATOR, " OOMPAH-agent"))).toBe("reserved_author");
    expect(codeOf(() => commentAuthor(OPERATOR, "two\nlines"))).toBe("validation_failed");
  });
});
