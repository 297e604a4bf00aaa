/**
 * How a connection starts (§17.4): replay the retained events after the
 * client's cursor, or — when the cursor is absent, from another store epoch,
 * ahead of the log, or older than what retention kept — tell it to resync and
 * send a full snapshot. Pure, so every case is unit-tested.
 */

/** The client's position as given on connect. */
export interface LiveCursor {
  after: number | null;
  epoch: string | null;
}

/** What the log holds right now. */
export interface LogExtent {
  epoch: string;
  lastSeq: number;
  /** Lowest retained seq; null for an empty log. */
  oldestSeq: number | null;
}

export type ResyncReason = "no_cursor" | "epoch_mismatch" | "cursor_ahead" | "cursor_expired";

export type StartPlan =
  { kind: "replay"; after: number } | { kind: "resync"; reason: ResyncReason };

export function planStart(cursor: LiveCursor, log: LogExtent): StartPlan {
  const { after, epoch } = cursor;
  if (after === null) return { kind: "resync", reason: "no_cursor" };
  // Without an epoch the cursor is taken on trust; a recreated store is still
  // caught when the cursor is ahead of its log.
  if (epoch !== null && epoch !== log.epoch) return { kind: "resync", reason: "epoch_mismatch" };
  if (after > log.lastSeq) return { kind: "resync", reason: "cursor_ahead" };
  // Everything after `after` is retained when the oldest kept row is at most after + 1.
  if (log.oldestSeq !== null && after < log.oldestSeq - 1 && after < log.lastSeq) {
    return { kind: "resync", reason: "cursor_expired" };
  }
  return { kind: "replay", after };
}
