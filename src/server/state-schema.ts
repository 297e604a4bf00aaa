/**
 * The `GET /api/v1/state` snapshot (§17.2) as a zod schema: the wire contract
 * for the dashboard and the CLI. Run and retry entries list the §4.5 and §6
 * fields; those the orchestrator may not know yet are optional and nullable.
 */
import { z } from "zod";
import { RUN_FACTS, RUN_IDENTITY, iso, nullish } from "./run-fields.js";

const opt = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const ErrorInfoSchema = z.object({ code: z.string(), message: z.string() });

/** An active run (§4.5). */
export const RunningEntrySchema = z.object({
  ...RUN_IDENTITY,
  title: opt(z.string()),
  ...nullish(RUN_FACTS),
  pid: opt(z.number().int()),
});

/** A queued retry (§6 `retries`). */
export const RetryEntrySchema = z.object({
  project_id: z.string(),
  issue_id: z.string(),
  identifier: z.string(),
  attempt: z.number().int(),
  due_at: iso("When the retry fires"),
  reason: opt(z.string()),
  error: opt(ErrorInfoSchema),
  next_profile: opt(z.string()),
  dispatch_state: opt(z.string()),
});

/** Budget window status (§13.4). */
export const BudgetSchema = z.object({
  limit: z.number().describe("budget_limit in USD; 0 = none"),
  window: z.enum(["hour", "day", "week", "total"]),
  window_start: iso("Start of the current window"),
  spent: z.number(),
  remaining: z.number().nullable(),
  exceeded: z.boolean(),
  timezone: z.string(),
  per_issue_cap: z.number(),
});

export const AlertSchema = z.object({
  code: z.string(),
  severity: z.enum(["info", "warning", "error"]),
  message: z.string(),
  project_id: z.string().optional(),
  since: iso("When the condition started"),
});

export const ProjectSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["cloning", "ready", "error"]),
  error_message: opt(z.string()),
  paused: z.boolean(),
  webhooks: z.object({
    forwarding: z.boolean(),
    forwarder_state: opt(z.string()),
    last_webhook_at: opt(iso("Last delivery")),
    degraded: z.boolean(),
  }),
});

export const StateSnapshotSchema = z.object({
  version: z.string(),
  epoch: z.string(),
  started_at: iso("Service start"),
  paused: z.object({ manual: z.boolean(), reason: z.string().nullable(), budget: z.boolean() }),
  config: z.object({
    path: z.string().nullable(),
    hash: z.string().nullable(),
    loaded_at: z.string().nullable(),
    last_error: ErrorInfoSchema.nullable(),
  }),
  counts: z.object({
    running: z.number().int(),
    retrying: z.number().int(),
    candidates: z.number().int(),
  }),
  running: z.array(RunningEntrySchema),
  retrying: z.array(RetryEntrySchema),
  budget: BudgetSchema,
  totals: z.object({
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    cost_usd: z.number(),
    seconds_running: z.number(),
  }),
  alerts: z.array(AlertSchema),
  projects: z.array(ProjectSummarySchema),
  cooldowns: z.array(
    z.object({ provider_id: z.string(), until: iso("Cooldown end"), reason: opt(z.string()) }),
  ),
  orphaned_in_progress: z.array(
    z.object({
      project_id: z.string(),
      issue_id: z.string(),
      identifier: z.string(),
      since: opt(iso("First seen")),
    }),
  ),
});

export type StateSnapshot = z.infer<typeof StateSnapshotSchema>;
export type RunningEntry = z.infer<typeof RunningEntrySchema>;
export type RetryEntry = z.infer<typeof RetryEntrySchema>;
