import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/db.js";
import type { Store } from "../../../src/store/db.js";
import { EventLog } from "../../../src/store/events.js";
import type { EventRetention, StoredEvent } from "../../../src/store/events.js";
import { tempDir } from "../../helpers/sandbox.js";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A settable clock so event timestamps are chosen by the test. */
function clock(start: string) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => (t = new Date(iso).getTime()),
    advance: (ms: number) => (t += ms),
  };
}

const open: Store[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function store(
  dataDir: string,
  now?: () => Date,
  eventRetention?: EventRetention,
): Promise<Store> {
  const s = await openStore({
    dataDir,
    ...(now ? { now } : {}),
    ...(eventRetention ? { eventRetention } : {}),
  });
  open.push(s);
  return s;
}

describe("event log", () => {
  it("[C186] seq keeps increasing across a close/reopen with the same epoch", async () => {
    const dataDir = tempDir();
    const a = await openStore({ dataDir });
    const e1 = await a.events.append({ type: "run_started", run_id: "r1", payload: { n: 1 } });
    const e2 = await a.events.append({ type: "run_finished", run_id: "r1", payload: { n: 2 } });
    expect(e2.seq).toBeGreaterThan(e1.seq);
    await a.close();

    const b = await store(dataDir);
    expect(b.epoch).toBe(a.epoch);
    expect(await b.events.lastSeq()).toBe(e2.seq);
    const e3 = await b.events.append({ type: "issue_changed", payload: {} });
    expect(e3.seq).toBeGreaterThan(e2.seq);
    expect((await b.events.after(0)).map((e) => e.seq)).toEqual([e1.seq, e2.seq, e3.seq]);
  });

  it("returns the stored envelope fields with an ISO timestamp and decoded payload", async () => {
    const c = clock("2025-03-04T05:06:07.089Z");
    const s = await store(tempDir(), c.now);
    const e = await s.events.append({
      type: "run_started",
      project_id: "p1",
      issue_key: "ISS-1",
      run_id: "r1",
      payload: { model: "m", nested: [1, { a: null }] },
    });
    expect(e).toEqual({
      seq: 1,
      ts: "2025-03-04T05:06:07.089Z",
      type: "run_started",
      project_id: "p1",
      issue_key: "ISS-1",
      run_id: "r1",
      payload: { model: "m", nested: [1, { a: null }] },
    });
    expect(await s.events.after(0)).toEqual([e]);
    const bare = await s.events.append({ type: "alert", payload: "x" });
    expect(bare).toMatchObject({ project_id: null, issue_key: null, run_id: null, payload: "x" });
  });

  it("pages through events with after(seq, limit) in ascending order", async () => {
    const s = await store(tempDir());
    const all = await s.events.appendMany(
      Array.from({ length: 25 }, (_, i) => ({ type: "tick", payload: { i } })),
    );
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));

    const seen: number[] = [];
    let cursor = 0;
    for (;;) {
      const page = await s.events.after(cursor, 10);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(10);
      seen.push(...page.map((e) => (e.payload as { i: number }).i));
      cursor = page[page.length - 1]!.seq;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(await s.events.oldestSeq()).toBe(1);
    expect(await s.events.lastSeq()).toBe(25);
    expect(await s.events.after(25)).toEqual([]);
  });

  it("notifies subscribers after commit, in order, isolates a throwing one and stops after unsubscribe", async () => {
    const s = await store(tempDir());
    const errors: unknown[] = [];
    const log = new EventLog(s.db, {
      now: () => new Date(),
      onListenerError: (e) => errors.push(e),
    });
    const got: StoredEvent[] = [];
    log.subscribe(() => {
      throw new Error("a broken listener must not break appends");
    });
    const unsubscribe = log.subscribe((e) => got.push(e));

    const appended = await log.appendMany([
      { type: "a", payload: 1 },
      { type: "b", payload: 2 },
    ]);
    expect(got).toEqual(appended);
    expect(errors).toHaveLength(2);
    unsubscribe();
    await log.append({ type: "c", payload: 3 });
    expect(got.map((e) => e.type)).toEqual(["a", "b"]);
  });

  it("publishes events appended inside a transaction only when it commits", async () => {
    const s = await store(tempDir());
    const got: string[] = [];
    s.events.subscribe((e) => got.push(e.type));

    await expect(
      s.transaction(async (tx) => {
        await tx.events.append({ type: "rolled_back", payload: {} });
        expect(got).toEqual([]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(got).toEqual([]);
    expect(await s.events.after(0)).toEqual([]);

    const seq = await s.transaction(async (tx) => {
      const e = await tx.events.append({ type: "committed", payload: {} });
      await tx.serviceState.set("paused", { manual: true });
      expect(got).toEqual([]);
      return e.seq;
    });
    expect(got).toEqual(["committed"]);
    expect((await s.events.after(0)).map((e) => e.seq)).toEqual([seq]);
    expect(await s.serviceState.get("paused")).toEqual({ manual: true });
  });

  it("prunes only rows outside the newest keepRows that are also older than keepMs", async () => {
    const c = clock("2025-01-01T00:00:00.000Z");
    const s = await store(tempDir(), c.now, { keepRows: 5, keepMs: 7 * DAY });
    await s.events.appendMany(Array.from({ length: 8 }, (_, i) => ({ type: "old", payload: i }))); // seq 1..8
    c.set("2025-01-07T00:00:00.000Z");
    await s.events.appendMany(
      Array.from({ length: 3 }, (_, i) => ({ type: "recent", payload: i })),
    ); // seq 9..11

    // Day 7: nothing is older than 7 days yet, so 11 rows stay although keepRows is 5.
    expect(await s.events.prune(new Date("2025-01-07T12:00:00.000Z"))).toBe(0);

    // Day 10: rows 1..8 are older than 7 days; the newest 5 (7..11) are kept by count.
    expect(await s.events.prune(new Date("2025-01-10T00:00:00.000Z"))).toBe(6);
    expect((await s.events.after(0)).map((e) => e.seq)).toEqual([7, 8, 9, 10, 11]);
    expect(await s.events.oldestSeq()).toBe(7);

    // Much later, the count rule alone keeps the newest 5.
    expect(await s.events.prune(new Date("2026-01-01T00:00:00.000Z"))).toBe(0);
    const next = await s.events.append({ type: "after_prune", payload: null });
    expect(next.seq).toBe(12);
  });

  it("never prunes rows newer than one hour, whatever the policy says", async () => {
    const c = clock("2025-01-01T00:00:00.000Z");
    const s = await store(tempDir(), c.now, { keepRows: 1, keepMs: 0 });
    await s.events.appendMany(
      Array.from({ length: 3 }, () => ({ type: "two_hours_old", payload: null })),
    ); // 1..3
    c.advance(HOUR + 30 * 60_000);
    await s.events.appendMany(
      Array.from({ length: 3 }, () => ({ type: "half_hour_old", payload: null })),
    ); // 4..6
    expect(await s.events.prune(new Date(c.now().getTime() + 30 * 60_000))).toBe(3);
    expect((await s.events.after(0)).map((e) => e.seq)).toEqual([4, 5, 6]);
  });

  it("applies the default policy: keeps the newest 50,000 rows of an old log", async () => {
    const c = clock("2025-01-01T00:00:00.000Z");
    const s = await store(tempDir(), c.now);
    await s.events.appendMany(
      Array.from({ length: 50_010 }, () => ({ type: "bulk", payload: null })),
    );
    expect(await s.events.prune(new Date("2025-01-07T23:00:00.000Z"))).toBe(0); // younger than 7 days
    expect(await s.events.prune(new Date("2025-01-09T00:00:00.000Z"))).toBe(10);
    expect(await s.events.oldestSeq()).toBe(11);
    expect(await s.events.lastSeq()).toBe(50_010);
  });
});
