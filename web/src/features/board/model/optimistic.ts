/**
 * Optimistic status moves: the board shows a dragged card in its new column
 * at once, and the move is either confirmed (the next fetched board wins) or
 * rolled back to the exact previous board with a message. Moves are kept as
 * a list of pending overrides applied over the last server board, so a board
 * refetched while a PATCH is in flight does not lose the card's new place.
 */
import type { Board, CanonicalStatus } from "../../../shared/wire.js";
import { issueKey } from "./columns.js";

/** A move the server has not answered yet. */
export interface PendingMove {
  project_id: string;
  id: string;
  to: CanonicalStatus;
  /** When the server accepted the move (ms); the move stays until a board shows it. */
  confirmedAt?: number;
}

/** The board with `issue` moved to the end of column `to` (a no-op when absent). */
export function moveIssue(
  board: Board,
  ref: { project_id: string; id: string },
  to: CanonicalStatus,
): Board {
  const key = issueKey(ref);
  let moved: Board["columns"][number]["issues"][number] | undefined;
  const columns = board.columns.map((col) => {
    const kept = col.issues.filter((i) => {
      if (issueKey(i) !== key) return true;
      moved = i;
      return false;
    });
    return kept.length === col.issues.length ? col : { ...col, issues: kept };
  });
  if (moved === undefined) return board;
  const card = { ...moved, state: to };
  const target = columns.findIndex((c) => c.status === to);
  if (target === -1) columns.push({ status: to, issues: [card] });
  else {
    const col = columns[target];
    if (col) columns[target] = { ...col, issues: [...col.issues, card] };
  }
  return { ...board, columns };
}

/** The board as shown: the server's board with every pending move applied. */
export function applyPending(board: Board | null, pending: readonly PendingMove[]): Board | null {
  if (board === null) return null;
  let out = board;
  for (const p of pending) out = moveIssue(out, p, p.to);
  return out;
}

/** The current status of an issue on a board, or null when it is not there. */
export function statusOf(
  board: Board | null,
  ref: { project_id: string; id: string },
): CanonicalStatus | null {
  const key = issueKey(ref);
  for (const col of board?.columns ?? []) {
    if (col.issues.some((i) => issueKey(i) === key)) return col.status;
  }
  return null;
}

/** Pending moves without the one for `key` (on confirmation or rollback). */
export function settle(pending: readonly PendingMove[], key: string): PendingMove[] {
  return pending.filter((p) => issueKey(p) !== key);
}

/** The message shown when the server refused a move. */
export function rollbackMessage(identifier: string, to: CanonicalStatus, error: string): string {
  return `Could not move ${identifier} to ${to}: ${error}`;
}

/**
 * Drops confirmed moves once a fetched board agrees with them, or once a
 * board generated after the confirmation disagrees (someone moved it since).
 */
export function reconcile(pending: PendingMove[], board: Board | null): PendingMove[] {
  if (board === null) return pending;
  const generated = Date.parse(board.generated_at);
  const out = pending.filter(
    (m) =>
      m.confirmedAt === undefined || (statusOf(board, m) !== m.to && !(generated > m.confirmedAt)),
  );
  return out.length === pending.length ? pending : out;
}
