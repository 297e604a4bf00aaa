import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "../../../web/src/shared/markdown/parse.js";

describe("markdown reader", () => {
  it("keeps raw HTML as text", () => {
    expect(parseMarkdown("<img src=x onerror=alert(1)>")).toEqual([
      { kind: "paragraph", children: [{ kind: "text", text: "<img src=x onerror=alert(1)>" }] },
    ]);
  });

  it("reads headings, lists, fenced code and paragraphs", () => {
    const blocks = parseMarkdown(
      "# Title\n\nSome *text*\nmore\n\n- a\n- **b**\n\n1. one\n2. two\n\n```ts\nconst x = 1;\n```",
    );
    expect(blocks.map((b) => b.kind)).toEqual(["heading", "paragraph", "list", "list", "code"]);
    expect(blocks[1]).toEqual({
      kind: "paragraph",
      children: [
        { kind: "text", text: "Some " },
        { kind: "em", children: [{ kind: "text", text: "text" }] },
        { kind: "text", text: "\nmore" },
      ],
    });
    expect(blocks[3]).toMatchObject({ kind: "list", ordered: true });
    expect(blocks[4]).toEqual({ kind: "code", lang: "ts", text: "const x = 1;" });
  });

  it("links only to http(s) targets", () => {
    expect(parseInline("[ok](https://example.com/a)")).toEqual([
      { kind: "link", href: "https://example.com/a", children: [{ kind: "text", text: "ok" }] },
    ]);
    expect(parseInline("[x](javascript:alert(1))")[0]).toMatchObject({ kind: "text" });
    expect(safeHref("data:text/html,hi")).toBeNull();
    expect(safeHref("/relative")).toBeNull();
  });

  it("reads inline code verbatim", () => {
    expect(parseInline("run `a *b* c` now")).toEqual([
      { kind: "text", text: "run " },
      { kind: "code", text: "a *b* c" },
      { kind: "text", text: " now" },
    ]);
  });
});
