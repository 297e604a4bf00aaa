import { describe, expect, it } from "vitest";
import {
  advanceCursor,
  EMPTY_CURSOR,
  liveUrl,
  reconnectDelayMs,
  refetchFor,
} from "../../../web/src/shared/live/cursor.js";
import type { LiveMessage } from "../../../web/src/shared/wire.js";

const msg = (seq: number, type = "issue_changed", epoch = "e1", sub?: number): LiveMessage => ({
  v: 1,
  epoch,
  seq,
  type,
  ts: "2026-01-01T00:00:00Z",
  data: {},
  ...(sub === undefined ? {} : { sub }),
});

describe("live cursor", () => {
  it("follows hello and consecutive durable seqs", () => {
    let d = advanceCursor(EMPTY_CURSOR, msg(10, "hello", "e1", 1));
    expect(d).toEqual({ kind: "apply", cursor: { epoch: "e1", seq: 10 } });
    d = advanceCursor(d.cursor, msg(11));
    expect(d).toEqual({ kind: "apply", cursor: { epoch: "e1", seq: 11 } });
  });

  it("asks for a resync on a seq gap, and not for non-durable messages", () => {
    const at = { epoch: "e1", seq: 11 };
    expect(advanceCursor(at, msg(13))).toMatchObject({ kind: "resync", reason: "gap" });
    expect(advanceCursor(at, msg(11, "run_activity", "e1", 7))).toMatchObject({ kind: "apply" });
    expect(advanceCursor(at, msg(11))).toEqual({ kind: "duplicate", cursor: at });
  });

  it("asks for a resync when the epoch changes, except on the server's own hello/snapshot", () => {
    const at = { epoch: "e1", seq: 11 };
    expect(advanceCursor(at, msg(1, "state", "e2"))).toMatchObject({
      kind: "resync",
      reason: "epoch_changed",
    });
    expect(advanceCursor(at, msg(1, "hello", "e2", 1))).toEqual({
      kind: "apply",
      cursor: { epoch: "e2", seq: 1 },
    });
  });

  it("reconnects with after and epoch once a cursor is known", () => {
    const loc = { protocol: "http:", host: "127.0.0.1:8080" };
    expect(liveUrl(loc, EMPTY_CURSOR)).toBe("ws://127.0.0.1:8080/ws");
    expect(liveUrl({ ...loc, protocol: "https:" }, { epoch: "e 1", seq: 42 })).toBe(
      "wss://127.0.0.1:8080/ws?after=42&epoch=e+1",
    );
    expect(reconnectDelayMs(0)).toBe(500);
    expect(reconnectDelayMs(20)).toBe(15_000);
  });

  it("refetches the board on issue changes and the state on state changes", () => {
    expect(refetchFor("issue_changed")).toEqual({ state: false, board: true });
    expect(refetchFor("state")).toEqual({ state: true, board: true });
    expect(refetchFor("alert")).toEqual({ state: true, board: false });
    expect(refetchFor("pong")).toEqual({ state: false, board: false });
  });
});
