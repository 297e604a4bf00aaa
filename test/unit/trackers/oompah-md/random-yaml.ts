/**
 * A seeded generator of front-matter-like YAML for the differential tests:
 * keys, scalars in every quoting style (escapes, colons, hashes, indicators,
 * unicode, typed-looking text), folded lines, flow and block lists, nested
 * maps, lists of maps, comments, blank lines, anchors and aliases. Much of
 * it is deliberately invalid or unusual; the tests only require the fast
 * reader to agree with `yaml` or to decline.
 */

/** mulberry32: a small deterministic PRNG returning [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

const TOKENS = [
  "abc",
  "Hello world",
  "x",
  "a:b",
  "a: b",
  "x #y",
  "#z",
  "'",
  "''",
  '"',
  "\\",
  "-",
  "- ",
  "?",
  "[",
  "]",
  "{",
  "}",
  ",",
  "&a",
  "*a",
  "!!str ",
  "|",
  ">",
  "%",
  "@",
  "`",
  "é",
  "日本",
  "🎉",
  "\u00a0",
  " ",
  "  ",
  "true",
  "False",
  "null",
  "~",
  "0x1F",
  "0o17",
  "1e3",
  ".5",
  "-7",
  "+3",
  "1.0",
  "007",
  ".inf",
  ".NaN",
  "2026-01-01",
  "12:30:00",
  "yes",
  "https://x.y/z?q=1#frag",
  "\\n",
  "\\u00e9",
  "\\x41",
  "\\U0001F600",
  "\\q",
  '\\"',
  "C#",
  "<<",
];

const KEYS = ["id", "title", "status", "labels", "oompah.x", "oompah.a.b", "k-1", "snake_case"];
/** Keys the fast reader declines or that resolve to non-strings; rarer, so most texts stay readable. */
const ODD_KEYS = [
  "1",
  "1.5",
  "true",
  "null",
  "a b",
  "a:b",
  "__proto__",
  "é",
  "<<",
  "'q'",
  "-k",
  "a/b",
];

function key(r: Rand): string {
  return r() < 0.93 ? pick(r, KEYS) : pick(r, ODD_KEYS);
}

function scalarText(r: Rand): string {
  let s = "";
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) s += pick(r, TOKENS);
  return s;
}

/** One scalar written in a random style; `indent` is where continuation lines go. */
function scalar(r: Rand, indent: string): string {
  const s = scalarText(r);
  const style = r();
  if (style < 0.35) return s;
  if (style < 0.6) return `'${s.replaceAll("'", "''")}'`;
  if (style < 0.7) return `'${s}'`;
  if (style < 0.82) return `"${s}"`;
  // Folded over lines, plain or single-quoted.
  const words = `${s} ${scalarText(r)} ${scalarText(r)}`.split(" ");
  const text = words.join(`\n${indent}${pick(r, ["", " ", "  "])}`);
  return r() < 0.5 ? text : `'${text.replaceAll("'", "''")}'`;
}

function flowList(r: Rand): string {
  const n = Math.floor(r() * 4);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(r() < 0.7 ? scalarText(r).trim() : `'${scalarText(r)}'`);
  return `[${items.join(pick(r, [", ", ",", " , "]))}]`;
}

function value(r: Rand, indent: number, depth: number): string {
  const pad = " ".repeat(indent);
  const inner = " ".repeat(indent + pick(r, [1, 2, 2, 4]));
  const roll = r();
  if (roll < 0.45 || depth > 2) return ` ${scalar(r, inner)}\n`;
  if (roll < 0.52) return pick(r, [" []\n", " {}\n", "\n", " ~\n", " # c\n"]);
  if (roll < 0.6) return ` ${flowList(r)}${r() < 0.2 ? " # c" : ""}\n`;
  if (roll < 0.62) return ` &a ${scalar(r, inner)}\n`;
  if (roll < 0.63) return " *a\n";
  if (roll < 0.8) {
    const seqPad = r() < 0.5 ? pad : inner;
    let out = "\n";
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) {
      if (r() < 0.3) {
        out += `${seqPad}- ${map(r, seqPad.length + 2, depth + 1).slice(seqPad.length + 2)}`;
      } else {
        out += `${seqPad}- ${scalar(r, `${seqPad}  `)}\n`;
      }
    }
    return out;
  }
  return `\n${map(r, inner.length, depth + 1)}`;
}

function map(r: Rand, indent: number, depth: number): string {
  const pad = " ".repeat(indent);
  let out = "";
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.08) out += pick(r, ["\n", `${pad}# comment\n`, "# col0\n", `${pad}  # deeper\n`]);
    out += `${pad}${key(r)}:${value(r, indent, depth)}`;
  }
  return out;
}

/** A random top-level map, sometimes with a leading comment. */
export function randomFrontMatter(r: Rand): string {
  const lead = r() < 0.1 ? "# leading\n\n" : "";
  return lead + map(r, 0, 0);
}
