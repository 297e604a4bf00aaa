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
import { bare, splitLines } from "./lines.js";

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

/** Cheap pre-check for {@link FENCE}: a backtick or tilde within the first four characters. */
function mayBeFence(line: string | undefined): boolean {
  if (line === undefined) return false;
  for (let i = 0; i < 4 && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 96 || c === 126) return true;
    if (c !== 32) return false;
  }
  return false;
}

/**
 * Parses a body. The parts after the summary (comments included) are parsed on
 * first access of `rest`: listing thousands of tasks only needs the summary.
 */
export function parseBody(text: string): TaskBody {
  const heading = findLine(text, 0, (line) => line.trimEnd() === SUMMARY_HEADING);
  const start = heading < 0 ? 0 : lineEnd(text, heading);
  let end = findLine(text, start, isSummaryBoundary);
  if (end < 0) end = text.length;
  const raw = text.slice(start, end);
  const restText = text.slice(end);
  let rest: BodyPart[] | null = null;
  return {
    preamble: heading < 0 ? "" : text.slice(0, heading),
    summary: {
      heading: heading < 0 ? "" : text.slice(heading, start),
      raw,
      description: normaliseDescription(raw),
    },
    get rest(): BodyPart[] {
      rest ??= parseRest(splitLines(restText), 0);
      return rest;
    },
    set rest(parts: BodyPart[]) {
      rest = parts;
    },
  };
}

/** Offset just past the line that starts at `pos` (its newline included). */
function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf("\n", pos);
  return nl < 0 ? text.length : nl + 1;
}

/** Start offset of the first line at or after `from` that starts with `#` and matches, or -1. */
function findLine(text: string, from: number, match: (line: string) => boolean): number {
  for (let pos = from; pos < text.length; pos = lineEnd(text, pos)) {
    if (text.charCodeAt(pos) === 35 && match(text.slice(pos, lineEnd(text, pos)))) return pos;
  }
  return -1;
}

/** The parts of `lines[from…]`: verbatim text, comments blocks and legacy comments. */
function parseRest(lines: readonly string[], from: number): BodyPart[] {
  const parts: BodyPart[] = [];
  let text = "";
  let fence: string | null = null;
  const flush = (): void => {
    if (text !== "") parts.push({ kind: "text", text });
    text = "";
  };
  let k = from;
  while (k < lines.length) {
    const b = fence === null ? (lines[k] ?? "").trim() : "";
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
    const f = mayBeFence(lines[k]) ? FENCE.exec(lines[k] ?? "")?.[1] : undefined;
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
