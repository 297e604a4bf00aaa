/**
 * Pure helpers of the dashboard's edit forms: list and optional fields typed
 * as text, the bodies made from a form (an edit sends only what changed), and
 * the field-level messages of a 422 `validation_failed` (§17.1), whose
 * `details.issues` name the field either as `path` (request validation) or
 * as `field` (document validation).
 */
import { ApiError, describeError } from "./api-client.js";

/** Items of a list typed one per line (`"lines"`) or comma-separated (`"comma"`), trimmed, blanks dropped. */
export function splitList(text: string, by: "lines" | "comma"): string[] {
  return text
    .split(by === "lines" ? /\r?\n/ : /[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The text a list field shows for `items`. */
export function joinList(items: readonly string[], by: "lines" | "comma"): string {
  return items.join(by === "lines" ? "\n" : ", ");
}

/** Trimmed text, or null for a blank optional field (the server's "not set"). */
export function blankToNull(text: string): string | null {
  const t = text.trim();
  return t === "" ? null : t;
}

/** Field name → message. The key `""` holds issues that name no field. */
export type FieldErrors = Readonly<Record<string, string>>;

/** A request body made from a form, or the field-level problems that keep it from being sent. */
export type BodyResult<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

/** Stable text of a value: records compare equal whatever their key order. */
function canonical(v: unknown): string {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a.localeCompare(b),
    );
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  return JSON.stringify(v);
}

/** Whether two form or body values are the same (records regardless of key order). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** The fields of `after` whose value differs from `before`: the body of an edit (`PATCH`). */
export function changedFields<F extends object>(before: F, after: F): Partial<F> {
  const out: Partial<F> = {};
  for (const key of Object.keys(after) as Array<keyof F>) {
    if (!sameValue(before[key], after[key])) out[key] = after[key];
  }
  return out;
}

/** Whether a body sends nothing (an edit that changed no field). */
export function isEmptyBody(body: object): boolean {
  return Object.keys(body).length === 0;
}

interface DetailIssue {
  path?: unknown;
  field?: unknown;
  message?: unknown;
}

/**
 * The messages of a `validation_failed` error keyed by top-level field
 * (`model_costs.m1.input_per_1m` → `model_costs`, with `m1.input_per_1m` kept
 * in the message). Any other error yields no field messages.
 */
export function fieldErrors(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const issues = err.details?.issues;
  if (!Array.isArray(issues)) return {};
  const out: Record<string, string> = {};
  for (const raw of issues as DetailIssue[]) {
    const where = typeof raw.path === "string" ? raw.path : raw.field;
    const message = typeof raw.message === "string" ? raw.message : "invalid";
    const [field = "", ...rest] = typeof where === "string" ? where.split(".") : [];
    const text = rest.length ? `${rest.join(".")}: ${message}` : message;
    out[field] = out[field] ? `${out[field]}; ${text}` : text;
  }
  return out;
}

/**
 * The line shown under a form after a refused save: the error and every
 * field's problem (a field the form does not show is still named here).
 */
export function errorSummary(err: unknown): string {
  const entries = Object.entries(fieldErrors(err));
  const text = describeError(err);
  if (entries.length === 0) return text;
  return `${text} — ${entries.map(([field, m]) => (field ? `${field}: ${m}` : m)).join("; ")}`;
}
