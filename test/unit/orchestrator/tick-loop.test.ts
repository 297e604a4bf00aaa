import { describe, expect, it } from "vitest";
import { TickLoop, type WakeReason } from "../../../src/orchestrator/tick-loop.js";
import { waitFor } from "../../helpers/sandbox.js";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("TickLoop", () => {
  it("[C82] coalesces every wake that arrives during a tick into exactly one following tick", async () => {
    const calls: WakeReason[][] = [];
    const gate = deferred();
    const loop = new TickLoop({
      tick: async (reasons) => {
        calls.push(reasons);
        if (calls.length === 1) await gate.promise;
      },
      intervalMs: () => 60_000,
      onError: (e) => {
        throw e;
      },
    });
    loop.start();
    await waitFor(() => calls.length === 1, { what: "first tick" });
    loop.wake("refresh_requested");
    loop.wake("issue_mutated");
    loop.wake("refresh_requested");
    loop.wake("webhook");
    gate.resolve();
    await waitFor(() => calls.length === 2, { what: "second tick" });
    // Give a would-be third tick every chance to run before checking it did not.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(["refresh_requested", "issue_mutated", "webhook"]);
    await loop.stop();
  });

  it("never overlaps ticks and keeps ticking after a failing tick", async () => {
    let active = 0;
    let maxActive = 0;
    let n = 0;
    const errors: unknown[] = [];
    const loop = new TickLoop({
      tick: async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        n += 1;
        await new Promise((r) => setTimeout(r, 5));
        active -= 1;
        if (n === 1) throw new Error("boom");
      },
      intervalMs: () => 1,
      onError: (e) => errors.push(e),
    });
    loop.start();
    for (let i = 0; i < 20; i++) loop.wake("refresh_requested");
    await waitFor(() => n >= 5, { what: "five ticks" });
    await loop.stop();
    expect(maxActive).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it("re-reads the interval after every tick so a reloaded polling.interval_ms applies", async () => {
    let interval = 60_000;
    let n = 0;
    const loop = new TickLoop({
      tick: () => {
        n += 1;
        return Promise.resolve();
      },
      intervalMs: () => interval,
      onError: () => undefined,
    });
    loop.start();
    await waitFor(() => n === 1, { what: "startup tick" });
    interval = 5;
    loop.wake("config_reloaded");
    await waitFor(() => n >= 4, { what: "ticks at the short interval" });
    await loop.stop();
  });
});
