import { describe, expect, it } from "vitest";
import {
  addDocComment,
  applyIssuePatch,
  docComments,
  parseTaskFile,
  serializeTaskFile,
  setDocMetadata,
  taskToIssue,
} from "../../../../src/trackers/oompah-md/format/index.js";
import { lineDiff, loadFixture, loadFixtures, parseDoc } from "./helpers.js";

const NOW = new Date("2031-02-03T04:05:06.789Z");
const STAMP = "updated_at: '2031-02-03T04:05:06.789Z'";
const fixtures = loadFixtures();

function updatedLine(text: string): string {
  const line = text.split("\n").find((l) => l.startsWith("updated_at:"));
  if (!line) throw new Error("no updated_at");
  return line;
}

describe("[C27] changing one field preserves everything else in place", () => {
  it.each(fixtures.map((f) => [f.stem, f] as const))(
    "%s: a priority change touches only the priority and updated_at lines",
    (_stem, f) => {
      const doc = parseDoc(f.text, f.stem, f.dir);
      const before = taskToIssue(doc, { projectId: "p", dirStatus: null });
      const next = before.priority === 3 ? 4 : 3;
      const out = serializeTaskFile(applyIssuePatch(doc, { priority: next }, NOW));
      const diff = lineDiff(f.text, out);
      expect(diff.removed.sort()).toEqual(
        [`priority: ${before.priority ?? "null"}`, updatedLine(f.text)].sort(),
      );
      expect(diff.added.sort()).toEqual([`priority: ${next}`, STAMP].sort());
      const after = taskToIssue(parseDoc(out, f.stem, f.dir), { projectId: "p", dirStatus: null });
      expect(after.metadata).toEqual(before.metadata);
      expect(after.priority).toBe(next);
      expect(docComments(parseDoc(out))).toEqual(docComments(doc));
    },
  );

  it.each(fixtures.map((f) => [f.stem, f] as const))(
    "%s: a status change touches only the status and updated_at lines",
    (_stem, f) => {
      const doc = parseDoc(f.text, f.stem, f.dir);
      const out = serializeTaskFile(applyIssuePatch(doc, { status: "In Progress" }, NOW));
      const diff = lineDiff(f.text, out);
      expect(diff.added.sort()).toEqual([STAMP, "status: In Progress"].sort());
      expect(diff.removed).toHaveLength(2);
    },
  );

  it("a multi-line (folded) title is replaced as one entry", () => {
    const f = loadFixture("archived", "OOMPAH-150");
    const out = serializeTaskFile(
      applyIssuePatch(parseDoc(f.text), { title: "Webhook forwarding 404" }, NOW),
    );
    const diff = lineDiff(f.text, out);
    expect(diff.removed).toEqual([
      "title: '[backend:webhooks] WebhookForwarder: disabling webhook forwarding for project",
      "  trickle: gh: Not Found (HTTP 404)'",
      updatedLine(f.text),
    ]);
    expect(diff.added).toEqual(["title: Webhook forwarding 404", STAMP]);
  });

  it("a label change rewrites only the labels entry", () => {
    const f = loadFixture("archived", "OOMPAH-1");
    const out = serializeTaskFile(
      applyIssuePatch(parseDoc(f.text), { labels: ["CI-Fix", " needs-review ", "ci-fix"] }, NOW),
    );
    const diff = lineDiff(f.text, out);
    expect(diff.removed).toEqual(["- external:github", updatedLine(f.text)]);
    expect(diff.added).toEqual(["- needs-review", STAMP]);
  });

  it("a description change keeps every unmodelled body section verbatim and in place", () => {
    const f = loadFixture("archived", "OOMPAH-150");
    const out = serializeTaskFile(
      applyIssuePatch(parseDoc(f.text), { description: "Short.\n\n## Cause\nUnknown." }, NOW),
    );
    const cut = (t: string) => t.slice(t.indexOf("\n## Acceptance Criteria\n"));
    expect(cut(out)).toBe(cut(f.text));
    expect(out).toContain(
      "## Summary\n\nShort.\n\n### Cause\nUnknown.\n\n## Acceptance Criteria\n",
    );
    const fm = (t: string) => t.slice(0, t.indexOf("\n---\n"));
    const diff = lineDiff(fm(f.text), fm(out));
    expect(diff).toEqual({ removed: [updatedLine(f.text)], added: [STAMP] });
  });

  it("review fields are written with their oompah.* mirrors, other keys untouched", () => {
    const f = loadFixture("archived", "OOMPAH-1");
    const review = { url: "https://example.test/pr/9", number: 9, head_sha: "abc123" };
    const out = serializeTaskFile(applyIssuePatch(parseDoc(f.text), { review }, NOW));
    const diff = lineDiff(f.text, out);
    expect(diff.removed.sort()).toEqual(
      ["review_url: null", "review_number: null", updatedLine(f.text)].sort(),
    );
    expect(diff.added.sort()).toEqual(
      [
        "review_url: https://example.test/pr/9",
        "review_number: '9'",
        "review_head: abc123",
        "oompah.review_url: https://example.test/pr/9",
        "oompah.review_number: '9'",
        "oompah.review_head: abc123",
        STAMP,
      ].sort(),
    );
    expect(out.indexOf("review_head: abc123")).toBeLessThan(out.indexOf("merged_at: null"));
    expect(out.indexOf("oompah.external.github:")).toBeLessThan(out.indexOf("oompah.review_url"));
    expect(taskToIssue(parseDoc(out), { projectId: "p", dirStatus: null }).review).toEqual(review);
  });

  it("unknown top-level keys and comments in the front matter survive a change", () => {
    const text =
      "---\n# written by hand\nid: X-1\nstatus: Open\ncustom_field:   {a: 1}   # keep me\ntitle: T\n" +
      "updated_at: '2020-01-01T00:00:00Z'\noompah.integration:\n  queue: [1, 2]\n---\n## Summary\n\nd\n";
    const out = serializeTaskFile(applyIssuePatch(parseDoc(text), { title: "U" }, NOW));
    expect(out).toBe(
      "---\n# written by hand\nid: X-1\nstatus: Open\ntitle: U\n" +
        `${STAMP}\ncustom_field:   {a: 1}   # keep me\noompah.integration:\n  queue: [1, 2]\n---\n## Summary\n\nd\n`,
    );
  });

  it("front matter with cross-key aliases is re-emitted whole on change, values intact", () => {
    const text =
      "---\nid: X-2\nstatus: Open\nbase: &b {x: 1}\ncopy: *b\ntitle: T\n---\n## Summary\n\nd\n";
    const doc = parseDoc(text, "X-2");
    expect(serializeTaskFile(doc)).toBe(text);
    const out = serializeTaskFile(applyIssuePatch(doc, { title: "U" }, NOW));
    expect(out).toBe(
      `---\nid: X-2\nstatus: Open\ntitle: U\n${STAMP}\nbase:\n  x: 1\ncopy:\n  x: 1\n---\n## Summary\n\nd\n`,
    );
  });

  it("setDocMetadata adds, replaces and deletes oompah.* keys without touching others", () => {
    const f = loadFixture("open", "OOMPAH-281");
    const doc = parseDoc(f.text);
    const added = serializeTaskFile(setDocMetadata(doc, "oompah.intake", { scope: "small" }, NOW));
    expect(lineDiff(f.text, added)).toEqual({
      removed: [updatedLine(f.text)],
      added: [STAMP, "oompah.intake:", "  scope: small"],
    });
    const removed = serializeTaskFile(setDocMetadata(doc, "oompah.agent_run_id", null, NOW));
    expect(lineDiff(f.text, removed)).toEqual({
      removed: [updatedLine(f.text), "oompah.agent_run_id: 9521cfc3-e824-4a7e-b2ae-eda83a9936d8"],
      added: [STAMP],
    });
    const same = setDocMetadata(doc, "oompah.work_branch", "OOMPAH-281", NOW);
    expect(serializeTaskFile(same)).toBe(f.text);
    expect(() => setDocMetadata(doc, "work_branch", "x", NOW)).toThrow(/oompah\./);
  });

  it("adding a comment appends one entry before the END marker and changes nothing else", () => {
    const f = loadFixture("archived", "OOMPAH-150");
    const { doc, comment } = addDocComment(
      parseDoc(f.text),
      { author: "alice", text: "Looks good" },
      NOW,
    );
    expect(comment).toEqual({
      id: "OOMPAH-150#2",
      author: "alice",
      created_at: "2031-02-03T04:05:00.000Z",
      text: "Looks good",
      is_oompah: false,
    });
    const out = serializeTaskFile(doc);
    expect(lineDiff(f.text, out)).toEqual({
      removed: [updatedLine(f.text)],
      added: [STAMP, "author: alice", "created: 2031-02-03 04:05", "---", "Looks good", "---"],
    });
    expect(out.endsWith("---\nLooks good\n---\n<!-- COMMENTS:END -->\n")).toBe(true);
  });

  it("parse is not affected by edits made to a derived document", () => {
    const f = loadFixture("merged", "OOMPAH-271");
    const parsed = parseTaskFile(f.text, { stem: f.stem, dirSlug: f.dir });
    if (parsed.kind !== "task") throw new Error(parsed.reason);
    applyIssuePatch(parsed.doc, { title: "x", description: "y" }, NOW);
    addDocComment(parsed.doc, { author: "oompah", text: "z" }, NOW);
    expect(serializeTaskFile(parsed.doc)).toBe(f.text);
  });
});
