/**
 * Scalar and one-line flow values for the fast front-matter reader
 * (`fast-front-matter.ts`). Each function mirrors what the `yaml` package
 * (YAML 1.2 core schema, its default) yields for the same text, and returns
 * {@link DECLINE} for anything it does not fully understand, so the caller
 * falls back to the full parser instead of guessing.
 */

/** Returned when the text is outside the supported subset. */
export const DECLINE: unique symbol = Symbol("decline");
export type Declined = typeof DECLINE;

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Characters that may start a core-schema value other than a string. */
const MAYBE_TYPED = /^[-+.~0-9nNtTfF]/;

/** The value of a plain scalar under the core schema (tags tried in the library's order). */
export function resolvePlain(s: string): unknown {
  if (s === "" || !MAYBE_TYPED.test(s)) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === "t" || s[0] === "T";
  if (INT_OCT.test(s)) return parseInt(s.slice(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.slice(2), 16);
  if (FLOAT_NAN.test(s)) {
    if (s.slice(-3).toLowerCase() === "nan") return NaN;
    return s.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** Characters a plain scalar may not start with (the rest need a following space to matter). */
const BAD_PLAIN_START = new Set([..."#&*!|>'\"%@`,[]{}?:"]);

/**
 * A one-line plain scalar in block context, or DECLINE when it could be
 * anything else (indicator start, `: `, ` #` comment) — those go to the full parser.
 */
export function plainText(s: string): string | Declined {
  const c = s[0];
  if (c === undefined || BAD_PLAIN_START.has(c)) return DECLINE;
  if (c === "-" && (s.length === 1 || s[1] === " ")) return DECLINE;
  if (s.includes(": ") || s.endsWith(":") || s.includes(" #")) return DECLINE;
  return s;
}

/** Where the single-quoted scalar starting at `s[from]` (after the quote) closes on this line, or -1. */
export function singleQuoteEnd(s: string, from: number): number {
  let i = s.indexOf("'", from);
  while (i >= 0 && s[i + 1] === "'") i = s.indexOf("'", i + 2);
  return i;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
};
const HEX = /^[0-9a-fA-F]+$/;

/**
 * A double-quoted scalar that opens at `s[start]` and closes on the same line:
 * its value and the index after the closing quote, or DECLINE.
 */
export function doubleQuoted(s: string, start: number): { value: string; end: number } | Declined {
  let out = "";
  for (let i = start + 1; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '"') return { value: out, end: i + 1 };
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = s[++i];
    if (next === undefined) return DECLINE;
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const len = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    const code = s.substr(i + 1, len);
    if (len === 0 || code.length !== len || !HEX.test(code)) return DECLINE;
    const cp = parseInt(code, 16);
    if (cp > 0x10ffff) return DECLINE;
    out += String.fromCodePoint(cp);
    i += len;
  }
  return DECLINE;
}

/** True when only spaces or a ` #` comment follow position `at`. */
export function onlyCommentAfter(s: string, at: number): boolean {
  let i = at;
  while (s[i] === " ") i++;
  return i === s.length || (s[i] === "#" && i > at);
}

/** A one-line flow value: `{}`, `[]` or `[a, 'b', "c"]` of scalars; DECLINE otherwise. */
export function flowValue(s: string): unknown {
  if (s[0] === "{") return /^\{ *\}$/.test(s) || /^\{ *\} +#/.test(s) ? {} : DECLINE;
  const items: unknown[] = [];
  let i = 1;
  for (;;) {
    while (s[i] === " ") i++;
    if (s[i] === "]" && items.length === 0) return onlyCommentAfter(s, i + 1) ? items : DECLINE;
    const item = flowItem(s, i);
    if (item === DECLINE) return DECLINE;
    items.push(item.value);
    i = item.end;
    while (s[i] === " ") i++;
    if (s[i] === "]") return onlyCommentAfter(s, i + 1) ? items : DECLINE;
    if (s[i] !== ",") return DECLINE;
    i++;
  }
}

const FLOW_PLAIN_END = /[,\]]/g;

function flowItem(s: string, i: number): { value: unknown; end: number } | Declined {
  const c = s[i];
  if (c === "'") {
    const close = singleQuoteEnd(s, i + 1);
    if (close < 0) return DECLINE;
    return { value: s.slice(i + 1, close).replaceAll("''", "'"), end: close + 1 };
  }
  if (c === '"') return doubleQuoted(s, i);
  FLOW_PLAIN_END.lastIndex = i;
  const m = FLOW_PLAIN_END.exec(s);
  if (!m) return DECLINE;
  const raw = s.slice(i, m.index).replace(/ +$/, "");
  if (raw === "" || /[[\]{}:#'"]/.test(raw)) return DECLINE;
  const text = plainText(raw);
  if (text === DECLINE) return DECLINE;
  return { value: resolvePlain(text), end: m.index };
}
