/**
 * Unknown keys are visible but not fatal (SPEC §3.1): each yields a warning
 * `unknown_config_key` with its dotted path and is dropped before any `$VAR`
 * resolution, so a typo never fails on a missing variable.
 */
import { z } from "zod";
import type { Warning } from "../domain/errors.js";
import { formatPath, isPlainObject } from "./key-path.js";

/** Peels defaults, optionals and preprocess pipes down to the structural schema. */
function structural(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.out as z.ZodType;
    else return s;
  }
}

/** Returns a copy of `raw` without keys the schema does not know, plus one warning per dropped key. */
export function stripUnknownKeys(
  raw: unknown,
  schema: z.ZodType,
  path: Array<string | number> = [],
  warnings: Warning[] = [],
): { value: unknown; warnings: Warning[] } {
  const s = structural(schema);
  if (s instanceof z.ZodObject && isPlainObject(raw)) {
    const shape = s.shape as Record<string, z.ZodType>;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(raw)) {
      const child = shape[key];
      const childPath = [...path, key];
      if (child === undefined) {
        const dotted = formatPath(childPath);
        warnings.push({
          code: "unknown_config_key",
          message: `unknown key "${dotted}" is ignored`,
          path: dotted,
        });
        continue;
      }
      out[key] = stripUnknownKeys(v, child, childPath, warnings).value;
    }
    return { value: out, warnings };
  }
  if (s instanceof z.ZodArray && Array.isArray(raw)) {
    const element = s.element as z.ZodType;
    return {
      value: raw.map((v, i) => stripUnknownKeys(v, element, [...path, i], warnings).value),
      warnings,
    };
  }
  return { value: raw, warnings };
}
