/**
 * Wire schemas of runs (SPEC §4.5, §17.2): a run as the run history and
 * detail endpoints return it, one entry of its activity stream, and the
 * agent signals `finish` / `question` with their answer.
 */
import { z } from "zod";
import { RUN_FACTS, RUN_IDENTITY, iso, nullable } from "../run-fields.js";

/** The facts a run row holds only once they are known (null before). */
const knownLater = z.object(RUN_FACTS).pick({
  dispatch_state: true,
  backend: true,
  provider_id: true,
  model: true,
  profile: true,
  focus: true,
  worktree_path: true,
  branch: true,
  last_event_at: true,
}).shape;

export const RunSchema = z
  .object({
    ...RUN_IDENTITY,
    ...RUN_FACTS,
    ...nullable(knownLater),
    ...nullable({
      outcome: z.string(),
      base_sha: z.string(),
      ended_at: iso("Run end"),
      summary: z.string(),
      error: z.object({ code: z.string(), message: z.string() }),
    }),
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
