import { describe, expect, it } from "vitest";
import { RunRecorder, type AttemptLogger } from "../../../src/orchestrator/run-recorder.js";
import { openStore, type Store } from "../../../src/store/db.js";
import type { StoredEvent } from "../../../src/store/events.js";
import type { RunActivityEntry } from "../../../src/store/run-activity.js";
import { tempDir } from "../../helpers/sandbox.js";
import { claimRun } from "../../helpers/runs.js";

const silent: AttemptLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

async function recorderFor(store: Store, logger = silent): Promise<RunRecorder> {
  const run = await claimRun(store, { run_id: "run-1", project_id: "p", issue_id: "i" });
  return new RunRecorder({
    store,
    run,
    projectName: "demo",
    identifier: "I-1",
    dataDir: store.dataDir,
    redact: (t) => t,
    logger,
    now: () => new Date(),
  });
}

const usage = {
  input_tokens: 100,
  cached_input_tokens: 0,
  output_tokens: 20,
  cost_usd: 0.0003,
  billable: true,
  price_source: "provider" as const,
};

describe("RunRecorder", () => {
  it("writes a burst of records as one batch, in order, once the burst is over", async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir });
    try {
      const rec = await recorderFor(store);
      const appends: RunActivityEntry[][] = [];
      store.runActivity.subscribe((entries) => appends.push([...entries]));
      const events: StoredEvent[] = [];
      store.events.subscribe((e) => events.push(e));

      // What a model response brings at once: text, usage and a tool call.
      rec.activity("text", { text: "Reading the README." });
      rec.ledger(usage);
      rec.activity("usage", { ...usage });
      rec.update({ input_tokens: 100, output_tokens: 20, cost_usd: 0.0003 });
      rec.activity("tool_call", { id: "c1", name: "read_file" });
      rec.event("tool_called", { id: "c1", name: "read_file" });
      rec.touch(true, { turns: 1 });
      rec.event("turn_completed", { n: 1 });
      expect(appends).toEqual([]); // nothing is written while the burst goes on

      await rec.flush();
      expect(appends.map((batch) => batch.map((e) => e.type))).toEqual([
        ["text", "usage", "tool_call"],
      ]);
      expect(events.map((e) => e.type)).toEqual(["tool_called", "turn_completed"]);
      const run = await store.runs.get("run-1");
      expect(run).toMatchObject({ turns: 1, input_tokens: 100, output_tokens: 20 });
      expect(run?.last_event_at).not.toBeNull();
      expect(rec.run.turns).toBe(1);
      const ledger = await store.ledger.list({ run_id: "run-1" });
      expect(ledger.map((r) => r.cost_usd)).toEqual([0.0003]);

      // The next burst numbers its entries after the first.
      rec.activity("tool_result", { id: "c1", ok: true });
      await rec.close();
      expect((await store.runActivity.list("run-1")).map((e) => [e.n, e.type])).toEqual([
        [1, "text"],
        [2, "usage"],
        [3, "tool_call"],
        [4, "tool_result"],
      ]);
    } finally {
      await store.close();
    }
  });

  it("writes without a flush on the next turn of the event loop", async () => {
    const store = await openStore({ dataDir: tempDir() });
    try {
      const rec = await recorderFor(store);
      const written = new Promise<readonly RunActivityEntry[]>((resolve) =>
        store.runActivity.subscribe(resolve),
      );
      rec.activity("text", { text: "live" });
      expect((await written).map((e) => e.payload)).toEqual([{ text: "live" }]);
      await rec.close();
    } finally {
      await store.close();
    }
  });

  it("reports a failed background write once: to the next record, or to flush()", async () => {
    const store = await openStore({ dataDir: tempDir() });
    let failed = (): void => undefined;
    const logged = new Promise<void>((resolve) => (failed = resolve));
    const rec = await recorderFor(store, { ...silent, error: () => failed() });
    await store.close(); // every write now fails
    rec.activity("text", { text: "lost" });
    await logged; // the background write failed and said so
    expect(() => rec.activity("text", { text: "next" })).toThrow(/destroy|closed/i);
    // Reported once; a later failure is reported again, by flush().
    rec.event("run_phase", { phase: "running" });
    await expect(rec.flush()).rejects.toThrow(/destroy|closed/i);
    await expect(rec.flush()).resolves.toBeUndefined();
  });
});
