import { describe, expect, it } from "vitest";
import {
  applyIssuePatch,
  docDescription,
  newTaskDocument,
  serializeTaskFile,
} from "../../../../src/trackers/oompah-md/format/index.js";
import { parseDoc } from "./helpers.js";

const NOW = new Date("2030-01-02T03:04:05Z");
const FM = "---\nid: D-1\nstatus: Open\ntitle: t\n---\n";

describe("description (## Summary)", () => {
  it("[C36] writes # and ## headings inside a description as ###", () => {
    const description =
      "# Goal\nShip it.\n\n## Problem\nBroken.\n\n### Detail\nx\n#hashtag stays\n";
    const doc = newTaskDocument({ id: "D-1", title: "t", description }, NOW);
    const text = serializeTaskFile(doc);
    expect(text).toContain(
      "## Summary\n\n### Goal\nShip it.\n\n### Problem\nBroken.\n\n### Detail\nx\n#hashtag stays\n\n## Acceptance Criteria\n",
    );
    expect(text.match(/^## /gm)).toEqual(["## ", "## ", "## "]);
    expect(docDescription(parseDoc(text))).toBe(
      "### Goal\nShip it.\n\n### Problem\nBroken.\n\n### Detail\nx\n#hashtag stays",
    );
  });

  it("[C36] demotes headings on update, so a section name in the text cannot end the summary", () => {
    const text = `${FM}## Summary\n\nold\n\n## Notes\n\nkeep\n`;
    const out = serializeTaskFile(
      applyIssuePatch(
        parseDoc(text),
        { description: "## Notes\nnot a section\n## Comments\nnor this" },
        NOW,
      ),
    );
    expect(out).toContain(
      "## Summary\n\n### Notes\nnot a section\n### Comments\nnor this\n\n## Notes\n\nkeep\n",
    );
    expect(docDescription(parseDoc(out))).toBe("### Notes\nnot a section\n### Comments\nnor this");
  });

  it("[C36] leaves fenced code alone except lines that would end the summary", () => {
    const description = "Run:\n```sh\n# install\n## Notes\n```\n# After";
    const out = serializeTaskFile(
      applyIssuePatch(parseDoc(`${FM}## Summary\n\nx\n`), { description }, NOW),
    );
    expect(out).toContain("```sh\n# install\n### Notes\n```\n### After\n");
  });

  it("reads up to the first exact section line, keeping un-demoted ## headings of older files", () => {
    const text =
      `${FM}## Summary\n\n## Problem\nP\n\n## Acceptance Criteria\n- a\n\n## External GitHub Issue\n- URL\n\n` +
      "## Acceptance Criteria\n\n- [ ] Define acceptance criteria.\n";
    expect(docDescription(parseDoc(text))).toBe("## Problem\nP");
    expect(docDescription(parseDoc(`${FM}## Summary\n\nA\n## External GitHub Issue\nB\n`))).toBe(
      "A",
    );
    expect(docDescription(parseDoc(`${FM}## Summary\n\nA\n## Comments\n`))).toBe("A");
    expect(
      docDescription(parseDoc(`${FM}## Summary\n\nA\n## Acceptance Criteria (draft)\nB\n`)),
    ).toBe("A\n## Acceptance Criteria (draft)\nB");
  });

  it("reads a body without a ## Summary heading up to the first section", () => {
    const text = `${FM}Free text.\n\n## Notes\n\nn\n`;
    const doc = parseDoc(text);
    expect(docDescription(doc)).toBe("Free text.");
    const out = serializeTaskFile(applyIssuePatch(doc, { description: "New" }, NOW));
    expect(out.endsWith("---\n## Summary\n\nNew\n\n## Notes\n\nn\n")).toBe(true);
  });

  it("an equal description (also in its demoted form) is no change", () => {
    const text = `${FM}## Summary\n\n### Problem\nP\n\n## Notes\n`;
    const doc = parseDoc(text);
    expect(applyIssuePatch(doc, { description: "### Problem\nP" }, NOW)).toBe(doc);
    expect(applyIssuePatch(doc, { description: "## Problem\nP\n\n" }, NOW)).toBe(doc);
    expect(serializeTaskFile(applyIssuePatch(doc, { description: "\n### Problem\nP" }, NOW))).toBe(
      text,
    );
  });
});
