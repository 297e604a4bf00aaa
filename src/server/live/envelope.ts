/**
 * Wire shapes of the live channel (§17.4). Every server message is one
 * envelope `{v, epoch, seq, type, ts, data}`; durable messages carry their
 * own `events.seq`, every other message repeats the connection's latest
 * durable seq and adds the per-connection counter `sub`, so a client can tell
 * them apart and detect gaps from `seq` alone.
 */
import { z } from "zod";
import type { StoredEvent } from "../../store/events.js";

export const LIVE_PROTOCOL_VERSION = 1;

/** One server message. */
export const LiveEnvelopeSchema = z
  .object({
    v: z.literal(LIVE_PROTOCOL_VERSION),
    epoch: z.string().describe("Store epoch; a change means every seq cursor is void"),
    seq: z.number().int().describe("events.seq, or the latest durable seq for other messages"),
    type: z
      .string()
      .describe("hello, snapshot, state, issue_changed, run_started, … , pong, error"),
    ts: z.string().describe("ISO-8601 time"),
    data: z.unknown(),
    sub: z.number().int().optional().describe("Per-connection counter of non-durable messages"),
  })
  .describe("Live-channel envelope");

export type LiveEnvelope = z.infer<typeof LiveEnvelopeSchema>;

/** A serialised message ready to send: SSE needs its seq for the `id:` line. */
export interface LiveFrame {
  seq: number;
  text: string;
}

/** The `data` of a durable event: its payload, with the row's ids when not already there. */
export function eventData(e: StoredEvent): Record<string, unknown> {
  const ids: Record<string, string> = {};
  if (e.project_id !== null) ids.project_id = e.project_id;
  if (e.issue_key !== null) ids.issue_key = e.issue_key;
  if (e.run_id !== null) ids.run_id = e.run_id;
  const p = e.payload;
  if (p !== null && typeof p === "object" && !Array.isArray(p)) return { ...ids, ...p };
  return p === null || p === undefined ? ids : { ...ids, payload: p };
}

/** The frame of a durable event (identical for every connection, so built once). */
export function durableFrame(epoch: string, e: StoredEvent): LiveFrame {
  const env: LiveEnvelope = {
    v: LIVE_PROTOCOL_VERSION,
    epoch,
    seq: e.seq,
    type: e.type,
    ts: e.ts,
    data: eventData(e),
  };
  return { seq: e.seq, text: JSON.stringify(env) };
}

/** The frame of a non-durable message positioned at `seq`. */
export function controlFrame(
  epoch: string,
  seq: number,
  sub: number,
  type: string,
  data: unknown,
  ts: Date,
): LiveFrame {
  const env: LiveEnvelope = {
    v: LIVE_PROTOCOL_VERSION,
    epoch,
    seq,
    type,
    ts: ts.toISOString(),
    data,
    sub,
  };
  return { seq, text: JSON.stringify(env) };
}

const TopicSchema = z
  .string()
  .regex(
    /^(board|runs:[^\s:]+|console:[^\s:]+)$/,
    "topic must be board, runs:<run_id> or console:<pid>",
  );

/** Messages a client may send. */
export const ClientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ping"), data: z.unknown().optional() }),
  z.object({ type: z.literal("pong"), data: z.unknown().optional() }),
  z.object({ type: z.literal("resync") }),
  z.object({ type: z.literal("refresh") }),
  z.object({ type: z.literal("subscribe"), topics: z.array(TopicSchema).max(100) }),
  z.object({
    type: z.literal("console_input"),
    project_id: z.string().min(1),
    text: z.string(),
  }),
]);

export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** Topics as given in a query string (`board,runs:r-1`); undefined when absent. */
export const TopicsQuerySchema = z
  .string()
  .transform((s) => s.split(",").filter((t) => t !== ""))
  .pipe(z.array(TopicSchema));

/** Topics a connection starts with: the board only. */
export const DEFAULT_TOPICS: readonly string[] = ["board"];
