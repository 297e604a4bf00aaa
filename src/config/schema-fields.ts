/**
 * Field builders shared by the WORKFLOW.md schema. Values can arrive as
 * strings (a `$VAR` reference or an env override always yields a string), so
 * numeric and boolean fields accept their canonical string spellings too; the
 * YAML 1.1 words `yes`/`no`/`on`/`off` are accepted because files written for
 * the original (PyYAML) oompah may use them.
 */
import { z } from "zod";

const NUMERIC = /^[-+]?\d+(\.\d+)?$/;
const TRUE_WORDS = new Set(["true", "yes", "on", "1"]);
const FALSE_WORDS = new Set(["false", "no", "off", "0"]);

function coerceNumber(v: unknown): unknown {
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v.trim());
  return v;
}

/** Parses a boolean spelling, or returns undefined when `raw` is none. */
export function parseBoolWord(raw: string): boolean | undefined {
  const s = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return undefined;
}

function coerceBool(v: unknown): unknown {
  if (typeof v === "string") return parseBoolWord(v) ?? v;
  return v;
}

/** `"a, b"` → `["a", "b"]`; lists pass through. */
export function splitCommaList(v: unknown): unknown {
  if (typeof v !== "string") return v;
  return v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Integer ≥ `min` (and ≤ `max` when given). */
export function intField(min: number, max?: number) {
  let n = z.number().int().min(min);
  if (max !== undefined) n = n.max(max);
  return z.preprocess(coerceNumber, n);
}

/** Finite number ≥ `min`. */
export function numberField(min: number) {
  return z.preprocess(coerceNumber, z.number().min(min));
}

export const boolField = z.preprocess(coerceBool, z.boolean());

/** A list of trimmed non-empty strings; a comma-separated string is accepted. */
export const stringList = z.preprocess(splitCommaList, z.array(z.string().trim().min(1)));

/** An optional string where blank means "not set". */
export const optionalString = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z.string().nullable(),
);

/** An IANA zone name the runtime knows (checked with Intl). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The host's zone, else UTC (SPEC §3.3 `agent.budget_timezone`). */
export function hostTimeZone(): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return tz && isTimeZone(tz) ? tz : "UTC";
}
