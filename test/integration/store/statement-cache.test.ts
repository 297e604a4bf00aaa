import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/db.js";
import { reusingStatements } from "../../../src/store/statement-cache.js";
import { tempDir } from "../../helpers/sandbox.js";
import { claimRun } from "../../helpers/runs.js";

describe("prepared statement reuse", () => {
  it("prepares each SQL text once and keeps only the newest `size` of them", () => {
    const sqlite = new Sqlite(":memory:");
    const db = reusingStatements(sqlite, 2);
    const a = db.prepare("select 1 as x");
    expect(db.prepare("select 1 as x")).toBe(a);
    const b = db.prepare("select 2 as x");
    expect(db.prepare("select 1 as x")).toBe(a); // used last: b is now the oldest
    db.prepare("select 3 as x"); // over the size: b is dropped
    expect(db.prepare("select 1 as x")).toBe(a);
    expect(db.prepare("select 2 as x")).not.toBe(b);
    expect(db.prepare("select 1 as x").all([])).toEqual([{ x: 1 }]);
    db.close();
    expect(sqlite.open).toBe(false);
  });

  it("gives the store the same results with statements run again and again", async () => {
    const store = await openStore({ dataDir: tempDir() });
    try {
      for (let i = 1; i <= 3; i++)
        await claimRun(store, {
          run_id: `r${i}`,
          project_id: "p",
          issue_id: `i${i}`,
          started_at: new Date(Date.UTC(2026, 0, i)).toISOString(),
        });
      for (let i = 1; i <= 3; i++) await store.runs.update(`r${i}`, { turns: i });
      expect((await store.runs.listActive()).map((r) => [r.run_id, r.turns])).toEqual([
        ["r1", 1],
        ["r2", 2],
        ["r3", 3],
      ]);
    } finally {
      await store.close();
    }
  });
});
