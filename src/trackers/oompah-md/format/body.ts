/**
 * The Markdown body of a task file: the summary (description) and everything
 * after it as verbatim text interleaved with parsed comment blocks. Only the
 * summary and comment blocks are modelled; every other section (Acceptance
 * Criteria, Notes, External GitHub Issue, hand-written ones) stays byte-exact
 * and in place.
 */
import {
  COMMENT_BEGIN,
  COMMENTS_BEGIN,
  COMMENTS_END,
  parseCommentsBlock,
  parseLegacyBlock,
  serializeCommentsPart,
} from "./comments.js";
import type { CommentEntry, CommentsPart, LegacyCommentPart } from "./comments.js";
import {
  SUMMARY_HEADING,
  isSummaryBoundary,
  normaliseDescription,
  renderSummaryContent,
} from "./description.js";
import { bare, joinLines, splitLines } from "./lines.js";

/** The `## Summary` section; `raw` is its content as read, null once the description changed. */
export interface SummarySection {
  /** The heading line as read (with newline), or "" when the file had none. */
  heading: string;
  raw: string | null;
  description: string;
}

/** Verbatim text between modelled parts. */
export interface TextPart {
  kind: "text";
  text: string;
}

export type BodyPart = TextPart | CommentsPart | LegacyCommentPart;

export interface TaskBody {
  /** Text before the `## Summary` heading. */
  preamble: string;
  summary: SummarySection;
  /** Everything after the summary. */
  rest: BodyPart[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function parseBody(text: string): TaskBody {
  const lines = splitLines(text);
  const s = lines.findIndex((l) => bare(l) === SUMMARY_HEADING);
  const start = s >= 0 ? s + 1 : 0;
  let end = start;
  while (end < lines.length && !isSummaryBoundary(lines[end])) end++;
  const raw = joinLines(lines, start, end);
  return {
    preamble: s >= 0 ? joinLines(lines, 0, s) : "",
    summary: {
      heading: s >= 0 ? (lines[s] ?? "") : "",
      raw,
      description: normaliseDescription(raw),
    },
    rest: parseRest(lines.slice(end)),
  };
}

function parseRest(lines: readonly string[]): BodyPart[] {
  const parts: BodyPart[] = [];
  let text = "";
  let fence: string | null = null;
  const flush = (): void => {
    if (text !== "") parts.push({ kind: "text", text });
    text = "";
  };
  let k = 0;
  while (k < lines.length) {
    const b = bare(lines[k]).trim();
    if (fence === null && b === COMMENTS_BEGIN) {
      flush();
      const { part, next } = parseCommentsBlock(lines, k);
      parts.push(part);
      k = next;
      continue;
    }
    if (fence === null && b === COMMENT_BEGIN) {
      const legacy = parseLegacyBlock(lines, k);
      if (legacy) {
        flush();
        parts.push({ kind: "legacy", raw: legacy.raw, entry: legacy.entry });
        k = legacy.next;
        continue;
      }
    }
    const f = FENCE.exec(lines[k] ?? "")?.[1];
    if (f !== undefined) {
      if (fence === null) fence = f;
      else if (f[0] === fence[0] && f.length >= fence.length) fence = null;
    }
    text += lines[k] ?? "";
    k++;
  }
  flush();
  return parts;
}

export function serializeBody(body: TaskBody): string {
  const { summary } = body;
  let out = body.preamble;
  if (summary.raw !== null) {
    out += summary.heading + summary.raw;
  } else {
    const heading = summary.heading === "" ? `${SUMMARY_HEADING}\n` : summary.heading;
    const atEnd = body.rest.every((p) => p.kind === "text" && p.text.trim() === "");
    out +=
      (heading.endsWith("\n") ? heading : `${heading}\n`) +
      renderSummaryContent(summary.description, atEnd);
  }
  for (const part of body.rest) {
    if (part.kind === "text") out += part.text;
    else if (part.kind === "legacy") out += part.raw;
    else out += serializeCommentsPart(part);
  }
  return out;
}

/** All comment entries in document order. */
export function bodyComments(body: TaskBody): CommentEntry[] {
  return body.rest.flatMap((p) =>
    p.kind === "comments" ? p.entries : p.kind === "legacy" ? [p.entry] : [],
  );
}

/**
 * Appends an entry after the last comment in the document, so existing comment
 * ids (document order) never shift: into the last block when that holds the
 * last comment, else in a new block right after it; a file without comments
 * gets a block under a trailing `## Comments` heading (created when missing).
 * Mutates `body`.
 */
export function appendCommentEntry(body: TaskBody, entry: CommentEntry): void {
  const block = (): CommentsPart => ({
    kind: "comments",
    head: `${COMMENTS_BEGIN}\n`,
    tail: `${COMMENTS_END}\n`,
    entries: [entry],
    added: 1,
  });
  const lastIndex = body.rest.findLastIndex((p) => p.kind !== "text");
  const last = body.rest[lastIndex];
  if (last?.kind === "comments") {
    last.entries.push(entry);
    last.added++;
    return;
  }
  if (last?.kind === "legacy") {
    body.rest.splice(lastIndex + 1, 0, block());
    return;
  }
  const tail = body.rest.at(-1);
  if (tail?.kind === "text") {
    const trimmed = tail.text.replace(/\s+$/, "");
    tail.text = endsInCommentsHeading(trimmed)
      ? `${trimmed}\n`
      : `${trimmed}${trimmed === "" ? "" : "\n\n"}## Comments\n`;
  } else {
    const summaryEnd = body.summary.raw ?? "";
    const sep = /(^|\n\n)$/.test(summaryEnd) ? "" : summaryEnd.endsWith("\n") ? "\n" : "\n\n";
    body.rest.push({ kind: "text", text: `${sep}## Comments\n` });
  }
  body.rest.push(block());
}

/** True when the last `## ` heading of `text` is `## Comments` (so a block belongs after it). */
function endsInCommentsHeading(text: string): boolean {
  const headings = splitLines(text).filter((l) => /^## /.test(l));
  return headings.length > 0 && bare(headings.at(-1)) === "## Comments";
}
