import { describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/db.js";
import { createRunActivityRepo } from "../../../src/store/run-activity.js";
import { tempDir } from "../../helpers/sandbox.js";
import { claimRun } from "../../helpers/runs.js";

describe("run_activity", () => {
  it("numbers entries per run and keeps only the newest `cap`", async () => {
    const store = await openStore({ dataDir: tempDir() });
    try {
      await claimRun(store, { run_id: "r1", project_id: "p", issue_id: "i" });
      const repo = createRunActivityRepo(store.db, 5);
      const ts = new Date().toISOString();
      for (let i = 0; i < 4; i++)
        await repo.append("r1", [
          { ts, type: "text", payload: { i } },
          { ts, type: "text", payload: { i: i + 100 } },
        ]);
      const rows = await repo.list("r1");
      expect(rows.map((r) => r.n)).toEqual([4, 5, 6, 7, 8]);
      expect(rows.at(-1)?.payload).toEqual({ i: 103 });
      expect((await store.runActivity.list("r1", { after: 6 })).map((r) => r.n)).toEqual([7, 8]);
    } finally {
      await store.close();
    }
  });
});
