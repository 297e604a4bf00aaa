/**
 * Fast reader for the YAML subset task files actually use: block maps and
 * block lists (`- item`, `- key: value`) nested by indentation, plain and
 * single-quoted scalars (also folded over several lines), one-line
 * double-quoted scalars, one-line `[a, b]` / `[]` / `{}`, full-line comments
 * and blank lines between entries. Listing thousands of files spends most of
 * its time in the full `yaml` parser; this reader is ~20× faster.
 *
 * It never guesses: anything else (anchors, aliases, tags, block scalars,
 * multi-line flow collections, tabs, CR, duplicate keys, unusual keys, …)
 * makes it decline (return null) and the caller uses the full parser. Values
 * equal what `yaml` (1.2 core schema) yields; a differential test holds it to that.
 */
import {
  DECLINE,
  doubleQuoted,
  flowValue,
  onlyCommentAfter,
  plainText,
  resolvePlain,
  singleQuoteEnd,
} from "./fast-scalars.js";
import type { Declined } from "./fast-scalars.js";

/** One top-level key: its value and the offset of its line in the text. */
export interface FastEntry {
  key: string;
  value: unknown;
  start: number;
}

interface Line {
  indent: number;
  /** The line without indentation and trailing spaces. */
  text: string;
  start: number;
}

/** Characters whose presence anywhere sends the text to the full parser (tabs, CR, controls, …). */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSUPPORTED_CHARS =
  /[\t\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
/* eslint-enable no-control-regex */
/** `key:` then a space or the end; the key a conservative plain scalar. */
const KEY = /^([A-Za-z0-9_][\w.\-/@+]*):(?: +|$)/;

class Declines extends Error {}
const decline = (): never => {
  throw new Declines();
};

/** Top-level entries of `text`, or null when it is outside the subset (or not a non-empty map). */
export function fastParseEntries(text: string): FastEntry[] | null {
  if (UNSUPPORTED_CHARS.test(text)) return null;
  const lines = splitLines(text);
  try {
    const entries: FastEntry[] = [];
    const seen = new Set<string>();
    let i = skip(lines, 0);
    while (i < lines.length) {
      const line = lines[i] as Line;
      if (line.indent !== 0) return null;
      const { key, rest } = keyOf(line.text);
      if (seen.has(key)) return null;
      seen.add(key);
      const [value, next] = mapValue(lines, i, 0, rest);
      entries.push({ key, value, start: line.start });
      i = skip(lines, next);
    }
    return entries.length > 0 ? entries : null;
  } catch {
    // Declined, or anything unexpected (e.g. nesting too deep for the stack): the full parser decides.
    return null;
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    const end = nl < 0 ? text.length : nl;
    let indent = pos;
    while (text.charCodeAt(indent) === 32) indent++;
    let stop = end;
    while (stop > indent && text.charCodeAt(stop - 1) === 32) stop--;
    lines.push({ indent: indent - pos, text: text.slice(indent, stop), start: pos });
    pos = end + 1;
  }
  return lines;
}

/** The first line at or after `i` that is neither blank nor a comment. */
function skip(lines: readonly Line[], i: number): number {
  let k = i;
  while (k < lines.length) {
    const t = (lines[k] as Line).text;
    if (t !== "" && t[0] !== "#") break;
    k++;
  }
  return k;
}

function keyOf(text: string): { key: string; rest: string } {
  const m = KEY.exec(text);
  const raw = m?.[1];
  if (m === null || raw === undefined || raw.length > 1000 || raw === "__proto__") return decline();
  if (typeof resolvePlain(raw) !== "string") return decline();
  return { key: raw, rest: text.slice(m[0].length) };
}

/** The value after `key:` on line `i` of a map at `indent`; returns it and the next line. */
function mapValue(lines: Line[], i: number, indent: number, rest: string): [unknown, number] {
  if (rest !== "" && rest[0] !== "#") return inlineValue(lines, i, indent, rest);
  const k = skip(lines, i + 1);
  const next = lines[k];
  if (next === undefined || next.indent < indent) return [null, i + 1];
  if (next.indent === indent) return isItem(next.text) ? seq(lines, k, indent) : [null, i + 1];
  return block(lines, k, next.indent);
}

function isItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** A nested block node starting on line `i` at `indent`. */
function block(lines: Line[], i: number, indent: number): [unknown, number] {
  const text = (lines[i] as Line).text;
  if (isItem(text)) return seq(lines, i, indent);
  if (KEY.test(text)) return map(lines, i, indent);
  return decline();
}

function map(lines: Line[], i: number, indent: number): [Record<string, unknown>, number] {
  const out: Record<string, unknown> = {};
  let k = i;
  for (;;) {
    const line = lines[k];
    if (line === undefined || line.indent < indent) return [out, k];
    if (line.indent > indent) return decline();
    const { key, rest } = keyOf(line.text);
    if (Object.hasOwn(out, key)) return decline();
    const [value, next] = mapValue(lines, k, indent, rest);
    out[key] = value;
    k = skip(lines, next);
  }
}

function seq(lines: Line[], i: number, indent: number): [unknown[], number] {
  const out: unknown[] = [];
  let k = i;
  for (;;) {
    const line = lines[k];
    if (line === undefined || line.indent < indent || !isItem(line.text)) return [out, k];
    if (line.indent > indent) return decline();
    if (line.text === "-") return decline();
    let pad = 2;
    while (line.text[pad] === " ") pad++;
    const rest = line.text.slice(pad);
    if (rest === "" || rest[0] === "#" || isItem(rest)) return decline();
    let value: unknown;
    let next: number;
    if (KEY.test(rest)) {
      // `- key: value`: a map whose keys sit at the column of `key`.
      lines[k] = { indent: indent + pad, text: rest, start: line.start };
      [value, next] = map(lines, k, indent + pad);
    } else {
      [value, next] = inlineValue(lines, k, indent, rest);
    }
    out.push(value);
    k = skip(lines, next);
  }
}

/** A scalar or flow value that starts on line `i`; continuation lines must be indented past `indent`. */
function inlineValue(lines: Line[], i: number, indent: number, rest: string): [unknown, number] {
  const c = rest[0];
  if (c === "[" || c === "{") return [orDecline(flowValue(rest)), i + 1];
  if (c === '"') {
    const dq = doubleQuoted(rest, 0);
    if (dq === DECLINE || !onlyCommentAfter(rest, dq.end)) return decline();
    return [dq.value, i + 1];
  }
  if (c === "'") return singleQuoted(lines, i, indent, rest);
  const hash = rest.indexOf(" #");
  if (hash >= 0) {
    // `value # comment`: the comment ends the scalar, so nothing may continue it.
    const text = orDecline(plainText(rest.slice(0, hash).replace(/ +$/, "")));
    const after = skip(lines, i + 1);
    if (after < lines.length && (lines[after] as Line).indent > indent) return decline();
    return [resolvePlain(text), i + 1];
  }
  const parts = [orDecline(plainText(rest))];
  let k = i + 1;
  for (; k < lines.length; k++) {
    const line = lines[k] as Line;
    // A blank or comment line ends the scalar; a deeper line after it is then refused below.
    if (line.text === "" || line.text[0] === "#" || line.indent <= indent) break;
    parts.push(orDecline(plainText(line.text)));
  }
  const after = skip(lines, k);
  if (after < lines.length && (lines[after] as Line).indent > indent) return decline();
  return [parts.length === 1 ? resolvePlain(rest) : parts.join(" "), k];
}

function singleQuoted(lines: Line[], i: number, indent: number, rest: string): [string, number] {
  let close = singleQuoteEnd(rest, 1);
  if (close >= 0) {
    if (!onlyCommentAfter(rest, close + 1)) return decline();
    return [rest.slice(1, close).replaceAll("''", "'"), i + 1];
  }
  // Folded over several lines: each break becomes one space (no blank lines allowed here).
  const parts = [rest.slice(1).replace(/ +$/, "")];
  for (let k = i + 1; k < lines.length; k++) {
    const line = lines[k] as Line;
    if (line.text === "" || line.indent <= indent) return decline();
    close = singleQuoteEnd(line.text, 0);
    if (close < 0) {
      parts.push(line.text);
      continue;
    }
    if (!onlyCommentAfter(line.text, close + 1)) return decline();
    parts.push(line.text.slice(0, close));
    return [parts.join(" ").replaceAll("''", "'"), k + 1];
  }
  return decline();
}

function orDecline<T>(v: T | Declined): T {
  return v === DECLINE ? decline() : v;
}
