import { describe, expect, it } from "vitest";
import { liveUrl, refetchFor } from "../../../web/src/shared/live/cursor.js";
import { LiveTopics, topicOf } from "../../../web/src/shared/live/topics.js";
import type { LiveMessage } from "../../../web/src/shared/wire.js";

const activity = (runId: string, n: number): LiveMessage => ({
  v: 1,
  epoch: "e1",
  seq: 9,
  sub: n,
  type: "run_activity",
  ts: "2026-01-01T00:00:00Z",
  data: { run_id: runId, n, ts: "2026-01-01T00:00:00Z", type: "text", data: { text: "hi" } },
});

describe("live topics of the drawer", () => {
  it("subscribes the board plus every watched run, and hands each run its own messages", () => {
    const topics = new LiveTopics();
    let changes = 0;
    topics.onChange(() => changes++);
    const got: string[] = [];
    const subscribed: string[] = [];
    const stopA = topics.watch("runs:a", {
      onMessage: (m) => got.push(`A${(m.data as { n: number }).n}`),
      onSubscribed: () => subscribed.push("A"),
    });
    const stopA2 = topics.watch("runs:a", {
      onMessage: () => got.push("A2"),
      onSubscribed: () => {},
    });
    topics.watch("runs:b", { onMessage: () => got.push("B"), onSubscribed: () => {} });
    expect(topics.topics()).toEqual(["board", "runs:a", "runs:b"]);
    expect(changes).toBe(2);

    topics.deliver(activity("a", 1));
    topics.deliver(activity("c", 1));
    expect(got).toEqual(["A1", "A2"]);
    topics.subscribed();
    expect(subscribed).toEqual(["A"]);

    stopA();
    expect(topics.topics()).toEqual(["board", "runs:a", "runs:b"]);
    stopA2();
    expect(topics.topics()).toEqual(["board", "runs:b"]);
    expect(changes).toBe(3);
  });

  it("knows the topic of run activity and console chunks only", () => {
    expect(topicOf(activity("r-1", 1))).toBe("runs:r-1");
    expect(
      topicOf({ ...activity("r", 1), type: "console_event", data: { project_id: "p1" } }),
    ).toBe("console:p1");
    expect(topicOf({ ...activity("r", 1), type: "issue_changed" })).toBeNull();
  });

  it("reconnects with the watched topics in the URL", () => {
    const base = { protocol: "http:", host: "127.0.0.1:8080" };
    const cursor = { epoch: "e1", seq: 7 };
    expect(liveUrl(base, cursor, ["board"])).toBe("ws://127.0.0.1:8080/ws?after=7&epoch=e1");
    expect(liveUrl(base, cursor, ["board", "runs:r-1"])).toBe(
      "ws://127.0.0.1:8080/ws?after=7&epoch=e1&topics=board%2Cruns%3Ar-1",
    );
  });

  it("refreshes the board and the badges on run phases and turns, and on project changes", () => {
    expect(refetchFor("run_phase")).toEqual({ state: true, board: true });
    expect(refetchFor("turn_completed")).toEqual({ state: true, board: false });
    expect(refetchFor("project_changed")).toEqual({ state: true, board: true });
    expect(refetchFor("run_activity")).toEqual({ state: false, board: false });
  });
});
