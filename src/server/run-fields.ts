/**
 * The §4.5 fields of a run as one set of zod schemas, shared by the two wire
 * views of a run: a row of the run endpoints (`RunSchema`) and an active run
 * of the state snapshot (`RunningEntrySchema`). Each view decides which fields
 * may be null or missing; the field types and descriptions live only here.
 */
import { z } from "zod";

/** An ISO 8601 timestamp, described. */
export const iso = (what: string): z.ZodString => z.string().describe(`${what} (ISO 8601)`);

type Shape = Record<string, z.ZodType>;

/** Every field of `shape` may be null. */
export function nullable<S extends Shape>(shape: S): { [K in keyof S]: z.ZodNullable<S[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.nullable()])) as {
    [K in keyof S]: z.ZodNullable<S[K]>;
  };
}

/** Every field of `shape` may be null or missing. */
export function nullish<S extends Shape>(
  shape: S,
): { [K in keyof S]: z.ZodOptional<z.ZodNullable<S[K]>> } {
  return Object.fromEntries(
    Object.entries(shape).map(([k, s]) => [k, s.nullable().optional()]),
  ) as { [K in keyof S]: z.ZodOptional<z.ZodNullable<S[K]>> };
}

/** Which run and issue: present in every view. */
export const RUN_IDENTITY = {
  run_id: z.string(),
  project_id: z.string(),
  issue_id: z.string(),
  identifier: z.string(),
};

/** Where the run stands, its routing and its usage so far. */
export const RUN_FACTS = {
  attempt: z.number().int(),
  phase: z.enum(["preparing", "launching", "running", "delivering", "finished"]),
  dispatch_state: z.string(),
  backend: z.string(),
  provider_id: z.string(),
  model: z.string(),
  profile: z.string(),
  focus: z.string(),
  worktree_path: z.string(),
  branch: z.string(),
  started_at: iso("Run start"),
  last_event_at: iso("Last agent event"),
  turns: z.number().int(),
  continuations: z.number().int(),
  input_tokens: z.number().int(),
  cached_input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cost_usd: z.number(),
};
