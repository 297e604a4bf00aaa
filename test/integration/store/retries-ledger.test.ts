import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/db.js";
import type { Store } from "../../../src/store/db.js";
import type { NewLedgerEntry } from "../../../src/store/ledger.js";
import type { Retry } from "../../../src/store/retries.js";
import { tempDir } from "../../helpers/sandbox.js";

const open: Store[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function store(dataDir = tempDir()): Promise<Store> {
  const s = await openStore({ dataDir });
  open.push(s);
  return s;
}

function retry(issue_key: string, due_at: string, over: Partial<Retry> = {}): Retry {
  return {
    issue_key,
    project_id: "p1",
    issue_id: issue_key,
    identifier: issue_key,
    attempt: 2,
    due_at,
    reason: "failed",
    error: null,
    next_profile: null,
    dispatch_state: "Open",
    ...over,
  };
}

describe("retries repository", () => {
  it("upserts one retry per issue, lists due ones and survives reopen", async () => {
    const dataDir = tempDir();
    const s = await openStore({ dataDir });
    await s.retries.upsert(retry("A", "2025-01-01T00:00:10.000Z"));
    await s.retries.upsert(
      retry("B", "2025-01-01T00:00:05.000Z", { error: { code: "x", message: "y" } }),
    );
    await s.retries.upsert(retry("C", "2025-01-01T00:01:00.000Z"));
    await s.retries.upsert(
      retry("A", "2025-01-01T00:00:20.000Z", { attempt: 3, next_profile: "senior" }),
    );

    expect(
      (await s.retries.due(new Date("2025-01-01T00:00:20.000Z"))).map((r) => r.issue_key),
    ).toEqual(["B", "A"]);
    expect(await s.retries.get("A")).toMatchObject({ attempt: 3, next_profile: "senior" });
    expect((await s.retries.get("B"))?.error).toEqual({ code: "x", message: "y" });
    await s.retries.delete("B");
    await s.retries.delete("missing");
    await s.close();

    const again = await store(dataDir);
    expect((await again.retries.list()).map((r) => r.issue_key)).toEqual(["A", "C"]);
    expect(await again.retries.get("B")).toBeUndefined();
  });
});

function entry(over: Partial<NewLedgerEntry>): NewLedgerEntry {
  return {
    ts: "2025-01-01T10:00:00.000Z",
    run_id: "r1",
    project_id: "p1",
    issue_key: "I1",
    kind: "run",
    profile: "default",
    focus: "bugfix",
    provider_id: "openai",
    model: "m1",
    input_tokens: 100,
    cached_input_tokens: 10,
    output_tokens: 50,
    cost_usd: 1,
    billable: true,
    price_source: "table",
    ...over,
  };
}

describe("cost ledger repository", () => {
  it("totals by window, issue, kind and billability", async () => {
    const s = await store();
    await s.ledger.insert(entry({}));
    await s.ledger.insert(entry({ ts: "2025-01-02T10:00:00.000Z", run_id: "r2", cost_usd: 2 }));
    await s.ledger.insert(
      entry({ issue_key: "I2", run_id: "r3", cost_usd: 4, billable: false, price_source: "free" }),
    );
    await s.ledger.insert(entry({ kind: "console", run_id: null, issue_key: null, cost_usd: 8 }));

    expect(await s.ledger.totals()).toEqual({
      input_tokens: 400,
      cached_input_tokens: 40,
      output_tokens: 200,
      cost_usd: 15,
      runs: 3,
    });
    expect((await s.ledger.totals({ billableOnly: true, kind: "run" })).cost_usd).toBe(3);
    expect((await s.ledger.totals({ issue_key: "I1" })).cost_usd).toBe(3);
    expect((await s.ledger.totals({ since: "2025-01-02T00:00:00.000Z" })).cost_usd).toBe(2);
    expect((await s.ledger.totals({ until: "2025-01-02T00:00:00.000Z" })).cost_usd).toBe(13);
    expect(await s.ledger.totals({ project_id: "none" })).toEqual({
      input_tokens: 0,
      cached_input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
      runs: 0,
    });
  });

  it("groups by a dimension, most expensive first", async () => {
    const s = await store();
    await s.ledger.insert(entry({ model: "cheap", cost_usd: 1 }));
    await s.ledger.insert(
      entry({ model: "cheap", run_id: "r2", cost_usd: 1, ts: "2025-01-03T23:59:59.000Z" }),
    );
    await s.ledger.insert(entry({ model: "dear", run_id: "r3", cost_usd: 5 }));

    const byModel = await s.ledger.groupBy("model");
    expect(byModel.map((g) => [g.key, g.cost_usd, g.runs, g.input_tokens])).toEqual([
      ["dear", 5, 1, 100],
      ["cheap", 2, 2, 200],
    ]);
    const byDay = await s.ledger.groupBy("day");
    expect(byDay.map((g) => [g.key, g.cost_usd])).toEqual([
      ["2025-01-01", 6],
      ["2025-01-03", 1],
    ]);
    const since = await s.ledger.groupBy("issue_key", { since: "2025-01-02T00:00:00.000Z" });
    expect(since.map((g) => [g.key, g.cost_usd])).toEqual([["I1", 1]]);
    expect((await s.ledger.groupBy("project_id")).map((g) => g.key)).toEqual(["p1"]);
  });
});

describe("service state", () => {
  it("stores JSON values by key and deletes them", async () => {
    const s = await store();
    expect(await s.serviceState.get("paused")).toBeUndefined();
    await s.serviceState.set("paused", {
      manual: true,
      reason: "ops",
      at: "2025-01-01T00:00:00.000Z",
    });
    await s.serviceState.set("paused", { manual: false, reason: null, at: null });
    expect(await s.serviceState.get("paused")).toEqual({ manual: false, reason: null, at: null });
    expect(typeof (await s.serviceState.get<string>("created_at"))).toBe("string");
    expect(await s.serviceState.get("epoch")).toBe(s.epoch);
    await s.serviceState.delete("paused");
    expect(await s.serviceState.get("paused")).toBeUndefined();
  });
});
