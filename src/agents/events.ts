/**
 * Backend events (SPEC §10.1): the tagged union every agent backend emits and
 * the orchestrator consumes. Defined as zod schemas because the same shapes
 * are parsed at the edges (command backend JSON output, run logs read back)
 * and written to the JSONL run log; the TypeScript types are inferred.
 */
import { z } from "zod";
import type { JudgeEvent } from "../domain/stall.js";
import { TOOL_KINDS } from "../domain/tool-kind.js";

export type { ToolKind } from "../domain/tool-kind.js";

/** An `OompahError` as plain JSON (`OompahError.toJSON()`). */
export const oompahErrorJsonSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type OompahErrorJson = z.infer<typeof oompahErrorJsonSchema>;

/** Why a prompt ended. */
export const TURN_END_REASONS = [
  "end_turn",
  "finish",
  "question",
  "max_turns",
  "refusal",
  "cancelled",
  "error",
] as const;
export type TurnEndReason = (typeof TURN_END_REASONS)[number];

const textEvent = z.object({ type: z.enum(["text", "thinking"]), text: z.string() });
const toolCall = z.object({
  type: z.literal("tool_call"),
  id: z.string(),
  name: z.string(),
  kind: z.enum(TOOL_KINDS),
  args: z.unknown(),
});
const toolResult = z.object({
  type: z.literal("tool_result"),
  id: z.string(),
  ok: z.boolean(),
  output: z.string(),
  exit_code: z.number().int().optional(),
});
const turnCompleted = z.object({ type: z.literal("turn_completed"), n: z.number().int().min(1) });
const usage = z.object({
  type: z.literal("usage"),
  input_tokens: z.number().int().min(0),
  cached_input_tokens: z.number().int().min(0),
  output_tokens: z.number().int().min(0),
  cost_usd: z.number().min(0).optional(),
  /** True when the numbers are session totals (record only the delta). */
  cumulative: z.boolean(),
});
const permission = z.object({
  type: z.literal("permission"),
  request: z.string(),
  decision: z.enum(["allow", "reject"]),
});
const turnEnd = z.object({
  type: z.literal("turn_end"),
  reason: z.enum(TURN_END_REASONS),
  summary: z.string().optional(),
  question: z.string().optional(),
  no_changes_needed: z.boolean().optional(),
  error: oompahErrorJsonSchema.optional(),
});

export const agentEventSchema = z.discriminatedUnion("type", [
  textEvent,
  toolCall,
  toolResult,
  turnCompleted,
  usage,
  permission,
  turnEnd,
]);

/** One event of a backend session (§10.1). */
export type AgentEvent = z.infer<typeof agentEventSchema>;
export type AgentEventType = AgentEvent["type"];
export type ToolCallEvent = z.infer<typeof toolCall>;
export type ToolResultEvent = z.infer<typeof toolResult>;
export type UsageEvent = z.infer<typeof usage>;
export type TurnEndEvent = z.infer<typeof turnEnd>;

/** Every backend event can be fed to the productivity judge unchanged. */
export function asJudgeEvent(e: AgentEvent): JudgeEvent {
  return e;
}

/** True for the event after which the session emits nothing until `continue()` (or ever). */
export function isTurnEnd(e: AgentEvent): e is TurnEndEvent {
  return e.type === "turn_end";
}
