import { describe, expect, it } from "vitest";
import {
  addDocComment,
  commentTimestampToIso,
  docComments,
  formatCommentTimestamp,
  serializeTaskFile,
} from "../../../../src/trackers/oompah-md/format/index.js";
import { loadFixture, parseDoc } from "./helpers.js";

const NOW = new Date("2030-05-06T07:08:09Z");
const BASE = "---\nid: T-3\nstatus: Open\ntitle: t\n---\n## Summary\n\nd\n\n## Notes\n\n";

describe("comment blocks", () => {
  it("[C34] text with a --- line and the END marker round-trips without breaking the block", () => {
    const tricky = [
      "First line",
      "---",
      "<!-- COMMENTS:END -->",
      "author: not a header",
      "---",
      "<!-- COMMENTS:BEGIN -->",
      "last",
    ].join("\n");
    let doc = parseDoc(BASE, "T-3");
    doc = addDocComment(doc, { author: "alice", text: tricky }, NOW).doc;
    doc = addDocComment(doc, { author: "oompah", text: "after" }, NOW).doc;
    const text = serializeTaskFile(doc);
    expect(text.match(/^<!-- COMMENTS:END -->$/gm)).toHaveLength(1);
    expect(text).toContain("&lt;!-- COMMENTS:END -->");
    const reread = docComments(parseDoc(text, "T-3"));
    expect(reread.map((c) => [c.id, c.author, c.text])).toEqual([
      ["T-3#1", "alice", tricky],
      ["T-3#2", "oompah", "after"],
    ]);
    expect(reread[1]?.is_oompah).toBe(true);
    expect(serializeTaskFile(parseDoc(text, "T-3"))).toBe(text);
  });

  it("[C34] a --- line at the very end of the text survives", () => {
    const doc = addDocComment(parseDoc(BASE), { author: "bob", text: "a\n---" }, NOW).doc;
    const again = addDocComment(doc, { author: "bob", text: "b" }, NOW).doc;
    expect(docComments(parseDoc(serializeTaskFile(again))).map((c) => c.text)).toEqual([
      "a\n---",
      "b",
    ]);
  });

  it("creates a ## Comments section after Notes when the file has none", () => {
    const { doc, comment } = addDocComment(
      parseDoc(BASE, "T-3"),
      { author: "bob", text: "hi\n" },
      NOW,
    );
    expect(comment.id).toBe("T-3#1");
    expect(comment.text).toBe("hi");
    expect(serializeTaskFile(doc)).toBe(
      BASE.replace("title: t\n", "title: t\nupdated_at: '2030-05-06T07:08:09.000Z'\n") +
        "## Comments\n<!-- COMMENTS:BEGIN -->\nauthor: bob\ncreated: 2030-05-06 07:08\n---\nhi\n---\n<!-- COMMENTS:END -->\n",
    );
  });

  it("adds to a fixture without comments the way the original laid them out", () => {
    const f = loadFixture("archived", "OOMPAH-1");
    const out = serializeTaskFile(
      addDocComment(parseDoc(f.text), { author: "oompah", text: "x" }, NOW).doc,
    );
    expect(
      out.endsWith(
        "## Notes\n\n## Comments\n<!-- COMMENTS:BEGIN -->\nauthor: oompah\ncreated: 2030-05-06 07:08\n---\nx\n---\n<!-- COMMENTS:END -->\n",
      ),
    ).toBe(true);
  });

  it("[C35] parses legacy COMMENT:BEGIN blocks, inside and outside a COMMENTS block", () => {
    const text =
      BASE +
      "## Comments\n<!-- COMMENTS:BEGIN -->\n<!-- COMMENT:BEGIN -->\nindex: 1\nauthor: oompah\ncreated: 2026-06-04 16:20\n\n" +
      "Agent dispatched (profile: default)\n<!-- COMMENT:END -->\n<!-- COMMENT:BEGIN -->\nindex: 019e448b\nauthor: alice\n" +
      "created: 2026-05-20T08:40:34Z\n\n## Understanding\n\nTwo paragraphs.\n<!-- COMMENT:END -->\n<!-- COMMENTS:END -->\n\n" +
      "<!-- COMMENT:BEGIN -->\nauthor: bob\ndate: 2026-05-21 10:00 UTC\n\nStandalone\n<!-- COMMENT:END -->\n";
    const doc = parseDoc(text, "T-3");
    expect(docComments(doc)).toEqual([
      {
        id: "T-3#1",
        author: "oompah",
        created_at: "2026-06-04T16:20:00.000Z",
        text: "Agent dispatched (profile: default)",
        is_oompah: true,
      },
      {
        id: "T-3#2",
        author: "alice",
        created_at: "2026-05-20T08:40:34.000Z",
        text: "## Understanding\n\nTwo paragraphs.",
        is_oompah: false,
      },
      {
        id: "T-3#3",
        author: "bob",
        created_at: "2026-05-21T10:00:00.000Z",
        text: "Standalone",
        is_oompah: false,
      },
    ]);
    expect(serializeTaskFile(doc)).toBe(text);
    const { doc: next, comment } = addDocComment(doc, { author: "carol", text: "new" }, NOW);
    expect(comment.id).toBe("T-3#4");
    const out = serializeTaskFile(next);
    expect(out).toBe(
      `${text}<!-- COMMENTS:BEGIN -->\nauthor: carol\ncreated: 2030-05-06 07:08\n---\nnew\n---\n<!-- COMMENTS:END -->\n`.replace(
        "title: t\n",
        "title: t\nupdated_at: '2030-05-06T07:08:09.000Z'\n",
      ),
    );
    expect(docComments(parseDoc(out)).map((c) => c.text)).toEqual([
      "Agent dispatched (profile: default)",
      "## Understanding\n\nTwo paragraphs.",
      "Standalone",
      "new",
    ]);
  });

  it("accepts a trailing UTC on read and writes timestamps without a suffix", () => {
    const text =
      BASE +
      "## Comments\n<!-- COMMENTS:BEGIN -->\nauthor: alice\ncreated: 2026-07-13 22:35 UTC\n---\nhello\n---\n<!-- COMMENTS:END -->\n";
    expect(docComments(parseDoc(text))[0]?.created_at).toBe("2026-07-13T22:35:00.000Z");
    expect(formatCommentTimestamp(new Date("2026-07-13T22:35:59.999Z"))).toBe("2026-07-13 22:35");
  });

  it.each([
    ["2026-07-13 22:35", "2026-07-13T22:35:00.000Z"],
    ["2026-07-13 22:35 UTC", "2026-07-13T22:35:00.000Z"],
    ["2026-07-13T22:35:10Z", "2026-07-13T22:35:10.000Z"],
    ["2026-07-13T22:35:10.123456+02:00", "2026-07-13T20:35:10.123Z"],
    ["2026-07-13", "2026-07-13T00:00:00.000Z"],
    ["yesterday", "yesterday"],
  ])("reads timestamp %j as %j", (raw, iso) => {
    expect(commentTimestampToIso(raw)).toBe(iso);
  });

  it("rejects a comment without an author", () => {
    expect(() => addDocComment(parseDoc(BASE), { author: "  ", text: "x" }, NOW)).toThrow(/author/);
  });
});
