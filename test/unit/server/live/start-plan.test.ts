import { describe, expect, it } from "vitest";
import { planStart } from "../../../../src/server/live/start-plan.js";

const log = { epoch: "e1", lastSeq: 100, oldestSeq: 40 };

describe("planStart (§17.4 connect)", () => {
  it("replays when the cursor is in the retained range of the same epoch", () => {
    expect(planStart({ after: 39, epoch: "e1" }, log)).toEqual({ kind: "replay", after: 39 });
    expect(planStart({ after: 100, epoch: "e1" }, log)).toEqual({ kind: "replay", after: 100 });
    expect(planStart({ after: 70, epoch: null }, log)).toEqual({ kind: "replay", after: 70 });
    expect(planStart({ after: 0, epoch: "e1" }, { ...log, lastSeq: 0, oldestSeq: null })).toEqual({
      kind: "replay",
      after: 0,
    });
  });

  it("resyncs without a cursor, on another epoch, ahead of the log or past retention", () => {
    expect(planStart({ after: null, epoch: "e1" }, log)).toEqual({
      kind: "resync",
      reason: "no_cursor",
    });
    expect(planStart({ after: 50, epoch: "e0" }, log)).toEqual({
      kind: "resync",
      reason: "epoch_mismatch",
    });
    expect(planStart({ after: 101, epoch: null }, log)).toEqual({
      kind: "resync",
      reason: "cursor_ahead",
    });
    expect(planStart({ after: 38, epoch: "e1" }, log)).toEqual({
      kind: "resync",
      reason: "cursor_expired",
    });
  });
});
