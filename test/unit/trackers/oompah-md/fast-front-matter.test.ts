/**
 * Differential tests of the fast front-matter reader against the `yaml`
 * package: whenever the fast reader accepts a text, its entries must equal
 * what the full parser yields (values, raw slices, leading text) and its
 * values must equal `yaml.parse`; otherwise it must decline.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse as yamlParse, stringify as yamlStringify } from "yaml";
import type { DocumentOptions, ToStringOptions as YamlToStringOptions } from "yaml";
import { fastParseEntries } from "../../../../src/trackers/oompah-md/format/fast-front-matter.js";
import {
  parseFrontMatter,
  parseFrontMatterFull,
} from "../../../../src/trackers/oompah-md/format/front-matter.js";
import { parseTaskFile } from "../../../../src/trackers/oompah-md/format/index.js";
import { loadFixtures } from "./helpers.js";
import { randomFrontMatter, rng } from "./random-yaml.js";

/** The front matter between the delimiters of a task file. */
function frontMatterOf(text: string): string {
  const m = /^---\n([\s\S]*?\n)---\n/.exec(text);
  if (!m?.[1]) throw new Error("no front matter");
  return m[1];
}

/** Asserts the fast reader agrees with `yaml` on `text`; returns whether it accepted it. */
function agrees(text: string): boolean {
  const fast = fastParseEntries(text);
  const full = parseFrontMatterFull(text);
  expect(parseFrontMatter(text), text).toEqual(full);
  if (fast === null) return false;
  expect(full.ok, text).toBe(true);
  const values = Object.fromEntries(fast.map((e) => [e.key, e.value]));
  expect(values, text).toEqual(yamlParse(text));
  return true;
}

const ACCEPTED: Record<string, string> = {
  "plain and typed scalars":
    "id: X-1\npriority: 2\nratio: 0.50\nneg: -7\nplus: +3\nhex: 0x1F\noct: 0o17\nexp: 1e3\n" +
    "inf: -.inf\nnan: .NaN\nyes: true\nno: False\nnil: ~\nNull2: NULL\nempty:\nv: 1.2.3\n",
  "dates and times stay text": "created: 2026-01-01\nat: 12:30:00\nstamp: 2026-01-01T00:00:00Z\n",
  "YAML 1.1 booleans are text": "a: yes\nb: no\nc: on\nd: off\ne: y\n",
  "quotes with escapes":
    "a: 'it''s'\nb: \"say \\\"hi\\\"\\n\\ttab \\u00e9 \\x41 \\U0001F600 \\\\ \\/\"\nc: ''\nd: \"\"\n" +
    "e: '#not a comment'\nf: \"a: b\"\n",
  "colons and hashes inside values":
    "url: https://example.com/a?b=c#frag\nratio: a:b\ntag: C#\ntitle: 'fix CI on PR #303 (x)'\n",
  "comments and blank lines":
    "# leading comment\n\nid: X-1 # trailing\n# between\n\ntitle: T\n  # indented\n",
  "folded multi-line scalars":
    "title: '[backend:webhooks] WebhookForwarder: disabling webhook forwarding for project\n" +
    "  trickle: gh: Not Found (HTTP 404)'\nplain: first line\n  second line\n   third\n",
  "flow and block lists":
    "children: []\nlabels: [a, 'b c', \"d\", 3, null]\nblocked_by:\n- X-1\n- 'X-2'\nnested:\n  - one\n" +
    "  - two\nobj: {}\n",
  "nested oompah maps and lists of maps":
    "oompah.task_costs:\n  total: 1\n  by_model:\n    unknown:\n      cost_usd: 0.0\n  runs:\n" +
    "  - profile: standard\n    model: unknown\n  - profile: default\n    recorded_at: '2026-07-20'\n" +
    "oompah.intake:\n  missing_fields: []\n  approved: false\n",
  unicode: "title: Ünïcödé ✓ 日本語 🎉\nname: 'Zoë'\nnbsp: a\u00a0b\n",
};

/** The writer's own options (see `front-matter.ts`), and narrow widths that fold long values. */
type ToStringOptions = DocumentOptions & YamlToStringOptions;
const WRITER_OPTIONS: ToStringOptions[] = [
  { version: "1.1", singleQuote: true, indentSeq: false, lineWidth: 0 },
  { version: "1.1", singleQuote: true, indentSeq: false, lineWidth: 30, minContentWidth: 0 },
  { lineWidth: 24, minContentWidth: 0 },
];

const DECLINED: Record<string, string> = {
  anchors: "base: &b x\nother: *b\n",
  tags: "n: !!str 5\n",
  "block scalars": "text: |\n  line one\n  line two\n",
  "multi-line flow": "labels: [a,\n  b]\n",
  "non-empty flow maps": "m: {a: 1}\n",
  "blank line inside a quoted string": "t: 'a\n\n  b'\n",
  "duplicate keys": "a: 1\na: 2\n",
  "nested duplicate keys": "m:\n  a: 1\n  a: 2\n",
  "tabs and CR": "a: 1\r\nb:\t2\r\n",
  "numeric keys": "1: one\n",
  "indented first key": "  a: 1\n",
  "complex keys": "? a\n: b\n",
};

describe("fast front-matter reader", () => {
  // Odd generated text makes `yaml` print warnings (unresolved tags, ambiguous anchors).
  beforeAll(() => {
    vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it("[C27] reads every original fixture on the fast path with the values yaml gives", () => {
    const fixtures = loadFixtures();
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) expect(agrees(frontMatterOf(f.text)), f.stem).toBe(true);
  });

  it.each(Object.entries(ACCEPTED))("accepts %s with yaml's values", (_name, text) => {
    expect(agrees(text)).toBe(true);
  });

  it.each(Object.entries(DECLINED))("declines %s (the full parser decides)", (_name, text) => {
    expect(agrees(text)).toBe(false);
  });

  it("falls back for a task file outside the subset and still reads it", () => {
    const text = "---\nid: &i X-9\nparent: *i\ndescription: |\n  kept\n---\n## Summary\n\nBody\n";
    const parsed = parseTaskFile(text, { stem: "X-9", dirSlug: "open" });
    expect(parsed.kind).toBe("task");
    if (parsed.kind !== "task") return;
    expect(parsed.doc.frontMatter.entries.map((e) => [e.key, e.value])).toEqual([
      ["id", "X-9"],
      ["parent", "X-9"],
      ["description", "kept\n"],
    ]);
  });

  it("agrees with yaml on 3,000 generated front matters (hand-built edge cases)", () => {
    const next = rng(20260722);
    let accepted = 0;
    for (let n = 0; n < 3_000; n++) if (agrees(randomFrontMatter(next))) accepted++;
    // The generator mixes valid and invalid text; the fast path must still see plenty of it.
    expect(accepted).toBeGreaterThan(600);
  });

  it("agrees with yaml on text the writer emits, wrapped lines included", () => {
    const next = rng(7);
    let accepted = 0;
    for (let n = 0; n < 1_500; n++) {
      const text = randomFrontMatter(next);
      let data: unknown;
      try {
        data = yamlParse(text);
      } catch {
        continue;
      }
      if (data === null || typeof data !== "object" || Array.isArray(data)) continue;
      for (const options of WRITER_OPTIONS) {
        if (agrees(yamlStringify(data, options))) accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(1_000);
  });
});
