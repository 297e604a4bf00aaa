/**
 * The comments block of a task body (SPEC §5.2). Entries are
 * `author:` / `created:` / `---` / text / `---`; a text ends only at a `---`
 * line followed by an `author:` line or the END marker, so `---` lines inside
 * text survive, and `<!--` is escaped on write so text can never close the
 * block. Older `<!-- COMMENT:BEGIN -->` entries (header lines, blank line,
 * text) are read too. Parsed blocks keep their exact text; new entries are
 * inserted before the END marker, so existing bytes never change.
 */
import { bare, joinLines } from "./lines.js";

export const COMMENTS_BEGIN = "<!-- COMMENTS:BEGIN -->";
export const COMMENTS_END = "<!-- COMMENTS:END -->";
export const COMMENT_BEGIN = "<!-- COMMENT:BEGIN -->";
export const COMMENT_END = "<!-- COMMENT:END -->";

/** One comment as stored: `created` is the raw timestamp text. */
export interface CommentEntry {
  author: string;
  created: string;
  text: string;
}

/** A `COMMENTS:BEGIN … END` block; `head` is everything before the END line, `tail` that line. */
export interface CommentsPart {
  kind: "comments";
  head: string;
  tail: string;
  entries: CommentEntry[];
  /** How many trailing `entries` were added since parsing (rendered before the END line). */
  added: number;
}

/** A standalone legacy `COMMENT:BEGIN … COMMENT:END` block, kept verbatim. */
export interface LegacyCommentPart {
  kind: "legacy";
  raw: string;
  entry: CommentEntry;
}

const HEADER = /^([A-Za-z_]+):[ \t]?(.*)$/;

/** Parses the block whose BEGIN marker is `lines[start]`; returns the index after it. */
export function parseCommentsBlock(
  lines: readonly string[],
  start: number,
): { part: CommentsPart; next: number } {
  const entries: CommentEntry[] = [];
  let k = start + 1;
  while (k < lines.length) {
    const b = bare(lines[k]).trim();
    if (b === COMMENTS_END) {
      const head = joinLines(lines, start, k);
      const part: CommentsPart = {
        kind: "comments",
        head,
        tail: lines[k] ?? "",
        entries,
        added: 0,
      };
      return { part, next: k + 1 };
    }
    if (b === COMMENT_BEGIN) {
      const legacy = parseLegacyBlock(lines, k);
      if (legacy) {
        entries.push(legacy.entry);
        k = legacy.next;
        continue;
      }
    } else if (b.startsWith("author:") || b.startsWith("created:")) {
      const entry = parseEntry(lines, k);
      if (entry) {
        entries.push(entry.entry);
        k = entry.next;
        continue;
      }
    }
    k++; // blank or stray line: kept verbatim in `head`
  }
  const head = joinLines(lines, start, lines.length);
  return { part: { kind: "comments", head, tail: "", entries, added: 0 }, next: lines.length };
}

function parseEntry(
  lines: readonly string[],
  start: number,
): { entry: CommentEntry; next: number } | null {
  const headers = new Map<string, string>();
  let k = start;
  for (; k < lines.length && bare(lines[k]).trim() !== "---"; k++) {
    const m = HEADER.exec(bare(lines[k]).trim());
    if (!m?.[1]) return null;
    headers.set(m[1].toLowerCase(), (m[2] ?? "").trim());
  }
  if (k >= lines.length) return null;
  const textStart = k + 1;
  let end = -1;
  for (let m = textStart; m < lines.length; m++) {
    if (bare(lines[m]).trim() !== "---") continue;
    const after = m + 1 < lines.length ? bare(lines[m + 1]).trim() : null;
    if (after === null || after.startsWith("author:") || after === COMMENTS_END) {
      end = m;
      break;
    }
  }
  let next: number;
  let textEnd: number;
  if (end >= 0) {
    textEnd = end;
    next = end + 1;
  } else {
    // Unterminated entry (hand edit): it runs to the END marker, minus a closing `---`.
    const close = lines.findIndex((l, i) => i >= textStart && bare(l).trim() === COMMENTS_END);
    next = close >= 0 ? close : lines.length;
    textEnd = next > textStart && bare(lines[next - 1]).trim() === "---" ? next - 1 : next;
  }
  const text = unescapeCommentText(stripFinalNewline(joinLines(lines, textStart, textEnd)));
  return { entry: makeEntry(headers, text), next };
}

/** Parses a legacy entry starting at `lines[start]`; null when it has no COMMENT:END. */
export function parseLegacyBlock(
  lines: readonly string[],
  start: number,
): { entry: CommentEntry; raw: string; next: number } | null {
  let end = start + 1;
  while (end < lines.length && bare(lines[end]).trim() !== COMMENT_END) end++;
  if (end >= lines.length) return null;
  const headers = new Map<string, string>();
  let k = start + 1;
  for (; k < end; k++) {
    const m = HEADER.exec(bare(lines[k]).trim());
    if (!m?.[1]) break;
    headers.set(m[1].toLowerCase(), (m[2] ?? "").trim());
  }
  if (k < end && bare(lines[k]).trim() === "") k++;
  const text = unescapeCommentText(stripFinalNewline(joinLines(lines, k, end)));
  return { entry: makeEntry(headers, text), raw: joinLines(lines, start, end + 1), next: end + 1 };
}

function makeEntry(headers: ReadonlyMap<string, string>, text: string): CommentEntry {
  return {
    author: headers.get("author") ?? "unknown",
    created: headers.get("created") ?? headers.get("date") ?? "",
    text,
  };
}

/** Serialises a comments block, rendering added entries before its END line. */
export function serializeCommentsPart(part: CommentsPart): string {
  if (part.added === 0) return part.head + part.tail;
  const head = part.head.endsWith("\n") ? part.head : `${part.head}\n`;
  const added = part.entries.slice(part.entries.length - part.added).map(renderCommentEntry);
  return head + added.join("") + (part.tail === "" ? `${COMMENTS_END}\n` : part.tail);
}

/** One entry in the current format, ending with a newline. */
export function renderCommentEntry(e: CommentEntry): string {
  return `author: ${e.author}\ncreated: ${e.created}\n---\n${escapeCommentText(e.text)}\n---\n`;
}

export function escapeCommentText(text: string): string {
  return text.replaceAll("<!--", "&lt;!--");
}

export function unescapeCommentText(text: string): string {
  return text.replaceAll("&lt;!--", "<!--");
}

function stripFinalNewline(s: string): string {
  return s.replace(/\r?\n$/, "").replace(/\r\n/g, "\n");
}
