/**
 * The description lives under `## Summary`. Reading stops at the first line
 * that is exactly one of {@link SUMMARY_BOUNDARIES}; real files contain other
 * `##` headings inside the summary, so nothing else ends it. On write, `#`/`##`
 * headings are demoted to `###` so a description can never end its section.
 */
import { bare, splitLines } from "./lines.js";

export const SUMMARY_HEADING = "## Summary";

/** Lines that end the summary when read (SPEC §5.2 "Reading real files"). */
export const SUMMARY_BOUNDARIES: readonly string[] = [
  "## Acceptance Criteria",
  "## Notes",
  "## Comments",
  "## External GitHub Issue",
];

export function isSummaryBoundary(line: string | undefined): boolean {
  return SUMMARY_BOUNDARIES.includes(bare(line));
}

/** Normalises description text: LF line endings, no leading blank lines, no trailing whitespace. */
export function normaliseDescription(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/^(?:[ \t]*\n)+/, "")
    .trimEnd();
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TOP_HEADING = /^( {0,3})#{1,2}(?=[ \t]|$)/;

/**
 * Rewrites `#`/`##` headings as `###`. Lines inside fenced code are code, not
 * headings, and are left alone unless they would end the summary on read.
 */
export function demoteHeadings(text: string): string {
  let fence: string | null = null;
  return splitLines(text)
    .map((line) => {
      const f = FENCE.exec(line)?.[1];
      if (f !== undefined) {
        if (fence === null) fence = f;
        else if (f[0] === fence[0] && f.length >= fence.length) fence = null;
        return line;
      }
      if (fence === null) return line.replace(TOP_HEADING, "$1###");
      return isSummaryBoundary(line) ? `#${line}` : line;
    })
    .join("");
}

/**
 * The text written between the `## Summary` heading and the next section:
 * a blank line, the description, and a blank line before what follows.
 */
export function renderSummaryContent(description: string, atEnd: boolean): string {
  const text = demoteHeadings(normaliseDescription(description));
  if (text === "") return "\n";
  return `\n${text}\n${atEnd ? "" : "\n"}`;
}
