/**
 * The client side of the §17.4 cursor rules, as a pure reducer: remember the
 * epoch and the last durable seq, skip duplicates after a reconnect, and ask
 * for a resync when a durable seq skips a number or the epoch changes.
 * Non-durable messages (`sub` set) repeat the latest durable seq, so they
 * move the cursor but never count as a gap.
 */
import type { LiveMessage } from "../wire.js";

/** Where the client is in the server's event log. */
export interface LiveCursor {
  epoch: string | null;
  seq: number | null;
}

/** What to do with one received message. */
export type CursorDecision =
  | { kind: "apply"; cursor: LiveCursor }
  | { kind: "duplicate"; cursor: LiveCursor }
  | { kind: "resync"; cursor: LiveCursor; reason: "gap" | "epoch_changed" };

export const EMPTY_CURSOR: LiveCursor = { epoch: null, seq: null };

export function advanceCursor(cursor: LiveCursor, msg: LiveMessage): CursorDecision {
  const next: LiveCursor = { epoch: msg.epoch, seq: msg.seq };
  if (cursor.epoch !== null && msg.epoch !== cursor.epoch) {
    // hello/resync/snapshot of a new epoch are how the server announces it: apply them.
    if (msg.type === "hello" || msg.type === "resync" || msg.type === "snapshot") {
      return { kind: "apply", cursor: next };
    }
    return { kind: "resync", cursor: next, reason: "epoch_changed" };
  }
  if (msg.sub !== undefined) return { kind: "apply", cursor: next };
  if (cursor.seq !== null && msg.seq <= cursor.seq) return { kind: "duplicate", cursor };
  if (cursor.seq !== null && msg.seq > cursor.seq + 1) {
    return { kind: "resync", cursor: next, reason: "gap" };
  }
  return { kind: "apply", cursor: next };
}

/**
 * The `/ws` URL to (re)connect with: `after` and `epoch` once something was
 * seen, and the topics when there are more than the default board.
 */
export function liveUrl(
  base: { protocol: string; host: string },
  cursor: LiveCursor,
  topics: readonly string[] = ["board"],
): string {
  const scheme = base.protocol === "https:" ? "wss:" : "ws:";
  const q = new URLSearchParams();
  if (cursor.seq !== null && cursor.epoch !== null) {
    q.set("after", String(cursor.seq));
    q.set("epoch", cursor.epoch);
  }
  if (topics.join(",") !== "board") q.set("topics", topics.join(","));
  const query = q.toString();
  return `${scheme}//${base.host}/ws${query === "" ? "" : `?${query}`}`;
}

/** Reconnect delay: doubling from 500 ms, capped at 15 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(15_000, 500 * 2 ** Math.min(attempt, 5));
}

/**
 * What a message means for the data the dashboard shows. A run's phase moves
 * its issue (the claim to In Progress, delivery) and its badge; its turns
 * move the badge (turns, tokens, cost so far); a project change moves the
 * project list and the board's issues.
 */
export function refetchFor(type: string): { state: boolean; board: boolean } {
  switch (type) {
    case "state":
    case "run_started":
    case "run_phase":
    case "run_finished":
    case "project_changed":
      return { state: true, board: true };
    case "alert":
    case "turn_completed":
      return { state: true, board: false };
    case "issue_changed":
      return { state: false, board: true };
    default:
      return { state: false, board: false };
  }
}
