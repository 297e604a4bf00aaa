import { afterEach, describe, expect, it } from "vitest";
import { OompahError } from "../../../src/domain/errors.js";
import { openStore } from "../../../src/store/db.js";
import type { Store } from "../../../src/store/db.js";
import type { NewRun } from "../../../src/store/runs.js";
import { tempDir } from "../../helpers/sandbox.js";

const open: Store[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function store(): Promise<Store> {
  const s = await openStore({ dataDir: tempDir() });
  open.push(s);
  return s;
}

function claim(run_id: string, over: Partial<NewRun> = {}): NewRun {
  return {
    run_id,
    project_id: "p1",
    issue_id: "1",
    issue_key: "ISS-1",
    identifier: "ISS-1",
    attempt: 1,
    started_at: "2025-01-01T00:00:00.000Z",
    ...over,
  };
}

describe("runs repository", () => {
  it("inserts a claim with defaults and reads it back", async () => {
    const s = await store();
    const run = await s.runs.insertClaim(
      claim("r1", { backend: "mock", dispatch_state: "Open", node_id: "n1" }),
    );
    expect(run).toMatchObject({
      run_id: "r1",
      phase: "preparing",
      outcome: null,
      turns: 0,
      cost_usd: 0,
      error: null,
      backend: "mock",
      dispatch_state: "Open",
      node_id: "n1",
      lease_expires_at: null,
      fencing_token: null,
    });
    expect(await s.runs.get("r1")).toEqual(run);
    expect(await s.runs.get("missing")).toBeUndefined();
  });

  it("rejects a double claim through the partial unique index, and allows it once the first run is finished", async () => {
    const s = await store();
    await s.runs.insertClaim(claim("r1"));
    const err = await s.runs.insertClaim(claim("r2")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OompahError);
    expect((err as OompahError).code).toBe("already_claimed");
    expect(await s.runs.get("r2")).toBeUndefined();

    // Another issue is unaffected.
    await s.runs.insertClaim(
      claim("r3", { issue_key: "ISS-2", issue_id: "2", identifier: "ISS-2" }),
    );

    await s.runs.update("r1", {
      phase: "finished",
      outcome: "failed",
      ended_at: "2025-01-01T00:10:00.000Z",
    });
    const second = await s.runs.insertClaim(
      claim("r2", { attempt: 2, started_at: "2025-01-01T00:11:00.000Z" }),
    );
    expect(second.attempt).toBe(2);
  });

  it("reports a duplicate run_id as a plain constraint error, not already_claimed", async () => {
    const s = await store();
    await s.runs.insertClaim(claim("r1"));
    await s.runs.update("r1", { phase: "finished" });
    const err = await s.runs.insertClaim(claim("r1")).catch((e: unknown) => e);
    expect((err as { code?: string }).code).not.toBe("already_claimed");
  });

  it("updates fields, encodes the error as JSON, and returns the new row", async () => {
    const s = await store();
    await s.runs.insertClaim(claim("r1"));
    const updated = await s.runs.update("r1", {
      phase: "running",
      turns: 3,
      input_tokens: 1200,
      cost_usd: 0.25,
      error: { code: "agent_crashed", message: "exit 1" },
      pid: 4242,
      fencing_token: 7,
    });
    expect(updated).toMatchObject({
      phase: "running",
      turns: 3,
      input_tokens: 1200,
      cost_usd: 0.25,
      pid: 4242,
    });
    expect(updated?.error).toEqual({ code: "agent_crashed", message: "exit 1" });
    expect((await s.runs.get("r1"))?.fencing_token).toBe(7);
    expect(await s.runs.update("missing", { turns: 1 })).toBeUndefined();
    expect((await s.runs.update("r1", { error: null }))?.error).toBeNull();
  });

  it("lists active runs and filters history with a before cursor", async () => {
    const s = await store();
    for (let i = 1; i <= 5; i++) {
      await s.runs.insertClaim(
        claim(`r${i}`, {
          issue_key: `K-${i}`,
          issue_id: String(i),
          project_id: i % 2 ? "odd" : "even",
          started_at: `2025-01-0${i}T00:00:00.000Z`,
        }),
      );
    }
    await s.runs.update("r2", { phase: "finished", outcome: "succeeded" });
    await s.runs.update("r3", { phase: "finished", outcome: "failed" });

    expect((await s.runs.listActive()).map((r) => r.run_id)).toEqual(["r1", "r4", "r5"]);
    expect((await s.runs.list()).map((r) => r.run_id)).toEqual(["r5", "r4", "r3", "r2", "r1"]);
    expect((await s.runs.list({ project_id: "odd" })).map((r) => r.run_id)).toEqual([
      "r5",
      "r3",
      "r1",
    ]);
    expect((await s.runs.list({ outcome: "failed" })).map((r) => r.run_id)).toEqual(["r3"]);
    expect((await s.runs.list({ issue_id: "4" })).map((r) => r.run_id)).toEqual(["r4"]);
    const page1 = await s.runs.list({ limit: 2 });
    const page2 = await s.runs.list({ limit: 2, before: page1[1]!.started_at });
    expect([...page1, ...page2].map((r) => r.run_id)).toEqual(["r5", "r4", "r3", "r2"]);
  });

  it("maps each asked branch to the issue of the project's latest run on it", async () => {
    const s = await store();
    const run = (id: string, issue: string, branch: string | null, day: number, project = "p1") =>
      s.runs.insertClaim(
        claim(id, {
          project_id: project,
          issue_id: issue,
          issue_key: `${project}:${issue}:${id}`,
          branch,
          started_at: `2025-01-0${day}T00:00:00.000Z`,
        }),
      );
    await run("r1", "1", "oompah/a", 1);
    await run("r2", "2", "oompah/a", 3);
    await run("r3", "3", "oompah/a", 2);
    await run("r4", "4", "oompah/b", 1);
    await run("r5", "5", "oompah/b", 4, "p2");
    await run("r6", "6", null, 5);
    await run("r7", "7", "oompah/c", 5);

    const latest = await s.runs.latestIssueByBranch("p1", ["oompah/a", "oompah/b", "oompah/x"]);
    expect(Object.fromEntries(latest)).toEqual({ "oompah/a": "2", "oompah/b": "4" });
    expect(Object.fromEntries(await s.runs.latestIssueByBranch("p2", ["oompah/b"]))).toEqual({
      "oompah/b": "5",
    });
    expect((await s.runs.latestIssueByBranch("p1", [])).size).toBe(0);
  });

  it("marks every unfinished run finished/interrupted on recovery and returns them", async () => {
    const s = await store();
    await s.runs.insertClaim(claim("r1", { issue_key: "A", attempt: 3 }));
    await s.runs.insertClaim(claim("r2", { issue_key: "B" }));
    await s.runs.update("r2", { phase: "running", pid: 99 });
    await s.runs.insertClaim(claim("r3", { issue_key: "C" }));
    await s.runs.update("r3", { phase: "finished", outcome: "succeeded" });

    const now = new Date("2025-02-01T00:00:00.000Z");
    const affected = await s.runs.markUnfinishedInterrupted(now);
    expect(affected.map((r) => r.run_id).sort()).toEqual(["r1", "r2"]);
    for (const r of affected) {
      expect(r).toMatchObject({
        phase: "finished",
        outcome: "interrupted",
        ended_at: now.toISOString(),
      });
    }
    expect(affected.find((r) => r.run_id === "r1")?.attempt).toBe(3);
    expect(affected.find((r) => r.run_id === "r2")?.pid).toBe(99);
    expect((await s.runs.get("r3"))?.outcome).toBe("succeeded");
    expect(await s.runs.listActive()).toEqual([]);
    expect(await s.runs.markUnfinishedInterrupted(now)).toEqual([]);
  });

  it("rolls back a claim made inside a failed transaction", async () => {
    const s = await store();
    await expect(
      s.transaction(async (tx) => {
        await tx.runs.insertClaim(claim("r1"));
        await tx.events.append({ type: "run_started", run_id: "r1", payload: {} });
        await tx.runs.insertClaim(claim("r2"));
      }),
    ).rejects.toMatchObject({ code: "already_claimed" });
    expect(await s.runs.get("r1")).toBeUndefined();
    expect(await s.events.lastSeq()).toBe(0);
  });
});
