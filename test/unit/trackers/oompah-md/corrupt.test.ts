import { describe, expect, it } from "vitest";
import {
  corruptStubIssue,
  parseTaskFile,
  taskToIssue,
} from "../../../../src/trackers/oompah-md/format/index.js";

const ctx = { stem: "X-7", dirSlug: "open" };

describe("corrupt task files", () => {
  it.each([
    ["empty file", ""],
    ["whitespace only", "  \n\n"],
    ["no front matter", "# X-7\n\nJust text\n"],
    ["unterminated front matter", "---\nid: X-7\ntitle: t\n"],
    ["invalid YAML", "---\nid: X-7\ntitle: [unclosed\n---\nbody\n"],
    ["duplicate keys", "---\nid: X-7\nid: X-8\n---\n"],
    ["a list instead of a map", "---\n- id: X-7\n---\n"],
    ["no id", "---\ntitle: t\nstatus: Open\n---\n## Summary\n"],
    ["an empty id", "---\nid: ''\ntitle: t\n---\n"],
    ["empty front matter", "---\n---\n## Summary\n"],
  ])("%s → corrupt", (_name, text) => {
    const parsed = parseTaskFile(text, ctx);
    expect(parsed.kind).toBe("corrupt");
    if (parsed.kind === "corrupt") {
      expect(parsed.stem).toBe("X-7");
      expect(parsed.reason).not.toBe("");
    }
  });

  it("[C30] a corrupt stub has the directory's status, the oompah:corrupt label and every field", () => {
    const stub = corruptStubIssue("X-7", "Open", "proj-1");
    expect(stub).toMatchObject({
      id: "X-7",
      identifier: "X-7",
      project_id: "proj-1",
      title: "(unreadable task file)",
      state: "Open",
      labels: ["oompah:corrupt"],
      priority: null,
      blocked_by: [],
      review: null,
    });
    expect(Object.values(stub)).not.toContain(undefined);
  });

  it("warns status_dir_mismatch when the front matter disagrees with the directory; front matter wins", () => {
    const parsed = parseTaskFile("---\nid: X-7\nstatus: In Progress\ntitle: t\n---\n", ctx);
    if (parsed.kind !== "task") throw new Error(parsed.reason);
    expect(parsed.warnings).toEqual([
      expect.objectContaining({ code: "status_dir_mismatch", path: "open/X-7.md" }),
    ]);
    expect(taskToIssue(parsed.doc, { projectId: "p", dirStatus: "Open" }).state).toBe(
      "In Progress",
    );
  });

  it("reads legacy directories through the alias table without a mismatch warning", () => {
    const parsed = parseTaskFile("---\nid: X-7\nstatus: Proposed\ntitle: t\n---\n", {
      stem: "X-7",
      dirSlug: "proposed",
    });
    if (parsed.kind !== "task") throw new Error(parsed.reason);
    expect(parsed.warnings).toEqual([]);
    const issue = taskToIssue(parsed.doc, { projectId: "p", dirStatus: "Backlog" });
    expect(issue.state).toBe("Backlog");
    expect(issue.native_state).toBe("Proposed");
  });

  it("takes the directory's status when the front matter has none", () => {
    const parsed = parseTaskFile("---\nid: X-7\ntitle: t\n---\n", {
      stem: "X-7",
      dirSlug: "needs-human",
    });
    if (parsed.kind !== "task") throw new Error(parsed.reason);
    const issue = taskToIssue(parsed.doc, { projectId: "p", dirStatus: "Needs Human" });
    expect(issue.state).toBe("Needs Human");
    expect(issue.native_state).toBeNull();
    expect(issue.description).toBe("");
  });

  it("accepts CRLF files and a numeric id", () => {
    const text =
      "---\r\nid: 12\r\nstatus: open\r\ntitle: t\r\n---\r\n## Summary\r\n\r\nHello\r\n\r\n## Notes\r\n";
    const parsed = parseTaskFile(text, { stem: "12", dirSlug: "open" });
    if (parsed.kind !== "task") throw new Error(parsed.reason);
    const issue = taskToIssue(parsed.doc, { projectId: "p", dirStatus: "Open" });
    expect(issue.id).toBe("12");
    expect(issue.state).toBe("Open");
    expect(issue.description).toBe("Hello");
  });
});
