/**
 * YAML front matter of a task file, kept as an ordered list of top-level
 * entries that each remember the exact text they were read from. An unchanged
 * front matter is re-emitted verbatim; after a change, untouched entries keep
 * their original text and only changed ones are re-emitted (YAML 1.1 quoting,
 * the dialect the original PyYAML writer and readers use), so a one-field
 * change shows up as a one-entry diff.
 */
import { isDeepStrictEqual } from "node:util";
import { isMap, isScalar, parseDocument, stringify, visit } from "yaml";
import type { Node } from "yaml";
import { fastParseEntries } from "./fast-front-matter.js";

/** One top-level key. `raw` is its original text, or null once the value changed. */
export interface FrontMatterEntry {
  key: string;
  value: unknown;
  raw: string | null;
}

/** The front matter between the `---` delimiters. */
export interface FrontMatter {
  /** The text as read; emitted verbatim while `dirty` is false. */
  original: string;
  /** Comment or blank lines before the first key. */
  leading: string;
  entries: FrontMatterEntry[];
  dirty: boolean;
}

/** Writers emit these keys first, in this order (SPEC §5.2), then all others as read. */
export const CORE_KEY_ORDER: readonly string[] = [
  "id",
  "type",
  "status",
  "priority",
  "title",
  "parent",
  "children",
  "blocked_by",
  "labels",
  "assignee",
  "created_at",
  "updated_at",
  "work_branch",
  "target_branch",
  "review_url",
  "review_number",
  "review_head",
  "merged_at",
];

const EMIT_OPTIONS = { version: "1.1", singleQuote: true, indentSeq: false, lineWidth: 0 } as const;

type ParseResult = { ok: true; fm: FrontMatter } | { ok: false; reason: string };

/**
 * Parses front-matter text; invalid YAML or a non-map document is an error.
 * The common subset is read by the fast reader; anything else by `yaml`.
 */
export function parseFrontMatter(text: string): ParseResult {
  const fast = fastParseEntries(text);
  if (fast === null) return parseFrontMatterFull(text);
  const entries = fast.map((e, i): FrontMatterEntry => {
    const end = fast[i + 1]?.start ?? text.length;
    return { key: e.key, value: e.value, raw: text.slice(e.start, end) };
  });
  const leading = text.slice(0, fast[0]?.start ?? 0);
  return { ok: true, fm: { original: text, leading, entries, dirty: false } };
}

/** {@link parseFrontMatter} through the full `yaml` parser only (the reference for the fast reader). */
export function parseFrontMatterFull(text: string): ParseResult {
  const doc = parseDocument(text, { uniqueKeys: true });
  const err = doc.errors[0];
  if (err) return { ok: false, reason: `invalid YAML front matter: ${err.message}` };
  const contents = doc.contents;
  if (contents === null)
    return { ok: true, fm: { original: text, leading: "", entries: [], dirty: false } };
  if (!isMap(contents)) return { ok: false, reason: "front matter is not a YAML map" };
  const entries: FrontMatterEntry[] = [];
  const starts: number[] = [];
  try {
    for (const pair of contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const node = pair.value as Node | null;
      entries.push({ key, value: node === null ? null : (node.toJS(doc) as unknown), raw: null });
      starts.push(isScalar(pair.key) && pair.key.range ? pair.key.range[0] : -1);
    }
  } catch (e) {
    // toJS throws for an alias without an anchor; parsing must not throw.
    return { ok: false, reason: `invalid YAML front matter: ${(e as Error).message}` };
  }
  // Each key's text runs from its line to the next key's line. That is only
  // self-contained when every key starts a line and no alias points elsewhere.
  let hasAlias = false;
  visit(doc, {
    Alias: () => {
      hasAlias = true;
      return visit.BREAK;
    },
  });
  const splittable =
    !hasAlias && starts.every((at) => at >= 0 && (at === 0 || text[at - 1] === "\n"));
  if (!splittable) return { ok: true, fm: { original: text, leading: "", entries, dirty: false } };
  entries.forEach((e, i) => (e.raw = text.slice(starts[i], starts[i + 1] ?? text.length)));
  return {
    ok: true,
    fm: { original: text, leading: text.slice(0, starts[0] ?? 0), entries, dirty: false },
  };
}

/** Re-emits the front matter text (without delimiters). */
export function serializeFrontMatter(fm: FrontMatter): string {
  if (!fm.dirty) return fm.original;
  const core = fm.entries
    .filter((e) => CORE_KEY_ORDER.includes(e.key))
    .sort((a, b) => CORE_KEY_ORDER.indexOf(a.key) - CORE_KEY_ORDER.indexOf(b.key));
  const others = fm.entries.filter((e) => !CORE_KEY_ORDER.includes(e.key));
  return fm.leading + [...core, ...others].map((e) => e.raw ?? emitEntry(e.key, e.value)).join("");
}

/** YAML text for one `key: value` entry, ending in a newline. */
export function emitEntry(key: string, value: unknown): string {
  return stringify({ [key]: value }, EMIT_OPTIONS);
}

export function fmHas(fm: FrontMatter, key: string): boolean {
  return fm.entries.some((e) => e.key === key);
}

/** The value of `key`, or undefined when the key is absent. */
export function fmGet(fm: FrontMatter, key: string): unknown {
  return fm.entries.find((e) => e.key === key)?.value;
}

/** Sets `key` (appending it when absent); returns false when the value was already equal. */
export function fmSet(fm: FrontMatter, key: string, value: unknown): boolean {
  const entry = fm.entries.find((e) => e.key === key);
  if (entry) {
    if (isDeepStrictEqual(entry.value, value)) return false;
    entry.value = value;
    entry.raw = null;
  } else {
    fm.entries.push({ key, value, raw: null });
  }
  fm.dirty = true;
  return true;
}

/** Removes `key`; returns false when it was absent. */
export function fmDelete(fm: FrontMatter, key: string): boolean {
  const i = fm.entries.findIndex((e) => e.key === key);
  if (i < 0) return false;
  fm.entries.splice(i, 1);
  fm.dirty = true;
  return true;
}
