import { describe, expect, it } from "vitest";
import {
  DEFAULT_ACCEPTANCE_CRITERIA,
  applyIssuePatch,
  docStatus,
  docUpdatedAt,
  docUpdatedAtMs,
  newTaskDocument,
  parseTaskFile,
  serializeTaskFile,
  taskToIssue,
} from "../../../../src/trackers/oompah-md/format/index.js";
import { loadFixture, loadFixtures, parseDoc } from "./helpers.js";

const NOW = new Date("2030-01-02T03:04:05.006Z");

describe("new task documents", () => {
  it("writes every core key in §5.2 order and the standard body sections", () => {
    const doc = newTaskDocument(
      { id: "N-1", title: "Add login", description: "Users log in." },
      NOW,
    );
    expect(serializeTaskFile(doc)).toBe(
      [
        "---",
        "id: N-1",
        "type: task",
        "status: Backlog",
        "priority: null",
        "title: Add login",
        "parent: null",
        "children: []",
        "blocked_by: []",
        "labels: []",
        "assignee: null",
        "created_at: '2030-01-02T03:04:05.006Z'",
        "updated_at: '2030-01-02T03:04:05.006Z'",
        "work_branch: null",
        "target_branch: null",
        "review_url: null",
        "review_number: null",
        "review_head: null",
        "merged_at: null",
        "---",
        "## Summary",
        "",
        "Users log in.",
        "",
        "## Acceptance Criteria",
        "",
        DEFAULT_ACCEPTANCE_CRITERIA,
        "",
        "## Notes",
        "",
        "",
      ].join("\n"),
    );
  });

  it("keeps given fields, normalised, and reads back as the same issue", () => {
    const doc = newTaskDocument(
      {
        id: "N-2",
        title: "yes",
        type: "bug",
        priority: 1,
        labels: ["UI", "ui", " Backend"],
        parent: "N-1",
        blocked_by: ["N-1", "N-1", "N-0"],
        status: "Open",
        target_branch: "release/1.x",
        acceptance_criteria: "- [ ] works",
      },
      NOW,
    );
    const text = serializeTaskFile(doc);
    expect(text).toContain("title: 'yes'\n");
    expect(text).toContain("## Acceptance Criteria\n\n- [ ] works\n\n## Notes\n");
    expect(text).toContain("oompah.target_branch: release/1.x\n");
    const issue = taskToIssue(parseDoc(text, "N-2"), { projectId: "p", dirStatus: "Open" });
    expect(issue).toMatchObject({
      id: "N-2",
      title: "yes",
      type: "bug",
      priority: 1,
      state: "Open",
      labels: ["ui", "backend"],
      parent: "N-1",
      blocked_by: [
        { id: "N-1", identifier: "N-1", state: null },
        { id: "N-0", identifier: "N-0", state: null },
      ],
      target_branch: "release/1.x",
      created_at: "2030-01-02T03:04:05.006Z",
      description: "",
    });
  });
});

describe("applyIssuePatch", () => {
  it.each(loadFixtures().map((f) => [f.stem, f] as const))(
    "%s: a patch restating current values returns the same document and bytes",
    (_stem, f) => {
      const doc = parseDoc(f.text, f.stem, f.dir);
      const issue = taskToIssue(doc, { projectId: "p", dirStatus: null });
      const same = applyIssuePatch(
        doc,
        {
          status: issue.state,
          title: issue.title,
          description: issue.description,
          priority: issue.priority,
          type: issue.type,
          labels: issue.labels,
          blocked_by: issue.blocked_by.map((b) => b.id),
          parent: issue.parent,
          assignee: issue.assignee,
        },
        NOW,
      );
      expect(same).toBe(doc);
      expect(serializeTaskFile(same)).toBe(f.text);
    },
  );

  it("restating review and target branch of OOMPAH-281 is no change", () => {
    const f = loadFixture("open", "OOMPAH-281");
    const doc = parseDoc(f.text);
    const issue = taskToIssue(doc, { projectId: "p", dirStatus: null });
    const same = applyIssuePatch(doc, { review: issue.review, target_branch: "main" }, NOW);
    expect(serializeTaskFile(same)).toBe(f.text);
  });

  it("clearing an absent optional field is no change", () => {
    const f = loadFixture("archived", "OOMPAH-1");
    const doc = parseDoc(f.text);
    expect(applyIssuePatch(doc, { review: null, target_branch: null, assignee: null }, NOW)).toBe(
      doc,
    );
  });

  it("sets updated_at only with a real change and reports status and timestamps", () => {
    const f = loadFixture("merged", "OOMPAH-271");
    const doc = parseDoc(f.text);
    expect(docUpdatedAt(doc)).toBe("2026-07-20T21:24:19.653340Z");
    expect(docUpdatedAtMs(doc)).toBe(Date.UTC(2026, 6, 20, 21, 24, 19, 653));
    const next = applyIssuePatch(doc, { status: "Archived" }, NOW);
    expect(docStatus(next)).toBe("Archived");
    expect(docUpdatedAt(next)).toBe("2030-01-02T03:04:05.006Z");
    expect(docStatus(doc)).toBe("Merged");
  });

  it("writes priority as a clamped integer, type normalised, and parent/assignee", () => {
    const doc = parseDoc("---\nid: P-1\nstatus: Open\ntitle: t\n---\n## Summary\n\nx\n");
    const out = serializeTaskFile(
      applyIssuePatch(doc, { priority: 9, type: "epic", parent: "P-0", assignee: "ann" }, NOW),
    );
    const reread = parseTaskFile(out, { stem: "P-1", dirSlug: "open" });
    if (reread.kind !== "task") throw new Error(reread.reason);
    expect(taskToIssue(reread.doc, { projectId: "p", dirStatus: "Open" })).toMatchObject({
      priority: 4,
      type: "epic",
      parent: "P-0",
      assignee: "ann",
    });
    expect(out).toContain("priority: 4\n");
    expect(out.indexOf("type: epic")).toBeLessThan(out.indexOf("priority: 4"));
  });
});
