import { describe, expect, it } from "vitest";
import { ISSUE_FIELDS as CONTRACT_ISSUE_FIELDS } from "../../contract/tracker-contract.js";
import { isOompahAuthor, makeIssue, normaliseIssueType } from "../../../src/domain/issue.js";

const ISSUE_FIELDS = [...CONTRACT_ISSUE_FIELDS].sort();

describe("Issue model", () => {
  it("[C24] makeIssue fills every field with null or []", () => {
    const issue = makeIssue({ id: "X-1", project_id: "p", state: "Open" });
    expect(Object.keys(issue).sort()).toEqual(ISSUE_FIELDS);
    expect(Object.values(issue)).not.toContain(undefined);
    expect(issue).toMatchObject({
      identifier: "X-1",
      type: "task",
      priority: null,
      labels: [],
      blocked_by: [],
      children: [],
      review: null,
      attachments: [],
      metadata: {},
    });
  });

  it("makeIssue keeps given fields and ignores undefined ones", () => {
    const issue = makeIssue({
      id: "12",
      identifier: "o/r#12",
      project_id: "p",
      state: "Done",
      title: "t",
      parent: undefined,
    });
    expect(issue.identifier).toBe("o/r#12");
    expect(issue.title).toBe("t");
    expect(issue.parent).toBeNull();
  });

  it.each([
    ["bug", "bug"],
    ["Feature", "feature"],
    [" EPIC ", "epic"],
    ["chore", "chore"],
    ["task", "task"],
    ["story", "task"],
    [null, "task"],
    [3, "task"],
  ] as const)("normalises type %j to %s", (raw, expected) => {
    expect(normaliseIssueType(raw)).toBe(expected);
  });

  it("reserves authors starting with oompah", () => {
    expect(isOompahAuthor("oompah")).toBe(true);
    expect(isOompahAuthor("oompah-bot")).toBe(true);
    expect(isOompahAuthor("Oompah")).toBe(true);
    expect(isOompahAuthor("alice")).toBe(false);
    expect(isOompahAuthor("not-oompah")).toBe(false);
  });
});
