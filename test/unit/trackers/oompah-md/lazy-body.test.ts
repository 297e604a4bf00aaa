/**
 * The body after the summary is parsed on first access of `rest`. These tests
 * hold the lazy body to the behaviour of an eagerly parsed one: byte-identical
 * round trips, independent copies for edits, and plain data when cloned.
 */
import { describe, expect, it } from "vitest";
import { parseBody, serializeBody } from "../../../../src/trackers/oompah-md/format/body.js";
import {
  addDocComment,
  docComments,
  serializeTaskFile,
} from "../../../../src/trackers/oompah-md/format/index.js";
import { loadFixtures, parseDoc } from "./helpers.js";

const NOW = new Date("2031-02-03T04:05:06.789Z");
const fixtures = loadFixtures();

/** The body of a task file (everything after the closing `---` line). */
function bodyOf(text: string): string {
  const at = text.indexOf("\n---\n", 4);
  return text.slice(at + 5);
}

describe("lazily parsed task body", () => {
  it.each(fixtures.map((f) => [f.stem, f] as const))(
    "[C27] %s: round-trips byte-identically whether or not the rest was read",
    (_stem, f) => {
      const body = bodyOf(f.text);
      expect(serializeBody(parseBody(body))).toBe(body);
      const read = parseBody(body);
      expect(read.rest.length).toBeGreaterThan(0);
      expect(serializeBody(read)).toBe(body);
    },
  );

  it.each(fixtures.map((f) => [f.stem, f] as const))(
    "%s: a structured clone is plain data equal to the original",
    (_stem, f) => {
      const doc = parseDoc(f.text, f.stem, f.dir);
      const copy = structuredClone(doc);
      expect(Object.getOwnPropertyDescriptor(copy.body, "rest")).toHaveProperty("value");
      expect(copy).toEqual(doc);
      expect(serializeTaskFile(copy)).toBe(f.text);
      expect(docComments(copy)).toEqual(docComments(doc));
    },
  );

  it.each(fixtures.map((f) => [f.stem, f] as const))(
    "%s: adding a comment leaves the unread original untouched",
    (_stem, f) => {
      const doc = parseDoc(f.text, f.stem, f.dir);
      const before = docComments(parseDoc(f.text, f.stem, f.dir));
      const next = addDocComment(doc, { author: "oompah", text: "noted" }, NOW).doc;
      expect(docComments(next)).toHaveLength(before.length + 1);
      expect(docComments(doc)).toEqual(before);
      expect(serializeTaskFile(doc)).toBe(f.text);
    },
  );

  it("keeps a replaced rest", () => {
    const body = parseBody("## Summary\n\nText\n\n## Notes\n\nn\n");
    body.rest = [{ kind: "text", text: "## Notes\n" }];
    expect(serializeBody(body)).toBe("## Summary\n\nText\n\n## Notes\n");
  });

  it("reads a body without a summary heading as all summary", () => {
    const body = parseBody("Just text\n## Notes\nx\n");
    expect(body.summary).toEqual({ heading: "", raw: "Just text\n", description: "Just text" });
    expect(body.preamble).toBe("");
    expect(body.rest).toEqual([{ kind: "text", text: "## Notes\nx\n" }]);
  });
});
