import { describe, expect, it } from "vitest";
import {
  applyPending,
  moveIssue,
  reconcile,
  rollbackMessage,
  settle,
  statusOf,
  type PendingMove,
} from "../../../web/src/features/board/model/optimistic.js";
import { board, issue } from "./fixtures.js";

const ref = { project_id: "demo", id: "A-1" };

describe("optimistic moves", () => {
  it("moves a card to the end of the target column and changes its state", () => {
    const b = board({ Backlog: [issue("A-1"), issue("A-2")], Open: [issue("A-3")] });
    const moved = moveIssue(b, ref, "Open");
    expect(statusOf(moved, ref)).toBe("Open");
    expect(
      moved.columns.find((c) => c.status === "Open")?.issues.map((i) => [i.id, i.state]),
    ).toEqual([
      ["A-3", "Open"],
      ["A-1", "Open"],
    ]);
    expect(moved.columns[0]?.issues.map((i) => i.id)).toEqual(["A-2"]);
    // The server board itself is untouched: rollback is simply dropping the pending move.
    expect(statusOf(b, ref)).toBe("Backlog");
  });

  it("creates a missing target column and ignores unknown issues", () => {
    const b = board({ Backlog: [issue("A-1")] });
    expect(statusOf(moveIssue(b, ref, "In Review"), ref)).toBe("In Review");
    expect(moveIssue(b, { project_id: "demo", id: "nope" }, "Open")).toBe(b);
  });

  it("rolls back to the server board when the pending move is settled", () => {
    const b = board({ Backlog: [issue("A-1")] });
    const pending: PendingMove[] = [{ ...ref, to: "Open" }];
    expect(statusOf(applyPending(b, pending), ref)).toBe("Open");
    const rolledBack = settle(pending, "demo\u0000A-1");
    expect(rolledBack).toEqual([]);
    expect(statusOf(applyPending(b, rolledBack), ref)).toBe("Backlog");
    expect(rollbackMessage("A-1", "Open", "refused")).toBe("Could not move A-1 to Open: refused");
  });

  it("keeps unconfirmed moves and drops confirmed ones once a board agrees or is newer", () => {
    const stale = board({ Backlog: [issue("A-1")] }, "2026-01-01T00:00:00.000Z");
    const agrees = board({ Open: [issue("A-1")] }, "2026-01-01T00:00:00.000Z");
    const newer = board({ Backlog: [issue("A-1")] }, "2026-01-01T00:00:10.000Z");
    const unconfirmed: PendingMove[] = [{ ...ref, to: "Open" }];
    const confirmed: PendingMove[] = [
      { ...ref, to: "Open", confirmedAt: Date.parse("2026-01-01T00:00:05Z") },
    ];
    expect(reconcile(unconfirmed, agrees)).toBe(unconfirmed);
    expect(reconcile(confirmed, stale)).toBe(confirmed);
    expect(reconcile(confirmed, agrees)).toEqual([]);
    expect(reconcile(confirmed, newer)).toEqual([]);
  });
});
