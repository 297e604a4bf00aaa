/**
 * Wire schemas of runs (SPEC §4.5, §17.2): a run as the run history and
 * detail endpoints return it, one entry of its activity stream, and the
 * agent signals `finish` / `question` with their answer.
 */
import { z } from "zod";

const opt = <T extends z.ZodType>(s: T) => s.nullable();

export const RunSchema = z
  .object({
    run_id: z.string(),
    project_id: z.string(),
    issue_id: z.string(),
    identifier: z.string(),
    attempt: z.number().int(),
    phase: z.enum(["preparing", "launching", "running", "delivering", "finished"]),
    outcome: opt(z.string()),
    dispatch_state: opt(z.string()),
    backend: opt(z.string()),
    provider_id: opt(z.string()),
    model: opt(z.string()),
    profile: opt(z.string()),
    focus: opt(z.string()),
    worktree_path: opt(z.string()),
    branch: opt(z.string()),
    base_sha: opt(z.string()),
    started_at: z.string().describe("ISO 8601"),
    ended_at: opt(z.string()),
    last_event_at: opt(z.string()),
    turns: z.number().int(),
    continuations: z.number().int(),
    input_tokens: z.number().int(),
    cached_input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    cost_usd: z.number(),
    summary: opt(z.string()),
    error: opt(z.object({ code: z.string(), message: z.string() })),
  })
  .describe("Run (§4.5)");

export const ActivityEntrySchema = z.object({
  n: z.number().int().describe("Position in the run's activity stream"),
  ts: z.string(),
  type: z.string(),
  data: z.unknown(),
});

export const FinishBodySchema = z
  .object({
    summary: z
      .string()
      .trim()
      .min(1)
      .describe("What was done: the completion comment and the commit body"),
    no_changes_needed: z
      .boolean()
      .optional()
      .describe("True when the task needs no change (outcome no_changes)"),
  })
  .describe("The agent's finish (§10.2 `finish`)");

export const QuestionBodySchema = z
  .object({
    question: z.string().trim().min(1).describe("A question only a human can answer"),
  })
  .describe("The agent's question (§10.2 `ask_question`)");

export const SignalAcceptedSchema = z
  .object({
    run_id: z.string(),
    signal: z.enum(["finish", "question"]),
  })
  .describe("The signal was recorded; the run's session stops and ends as signalled");

export type RunWire = z.input<typeof RunSchema>;
export type ActivityEntry = z.infer<typeof ActivityEntrySchema>;
