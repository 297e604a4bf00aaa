import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/sandbox.js";
import { makeDispatchHarness, type DispatchHarness } from "./dispatch-harness.js";

const hang = { default: [{ text: "working" }, { hang: true as const }] };

/** Dispatches `title` and waits until its session runs in its worktree. */
async function running(h: DispatchHarness, title: string) {
  const issue = await h.issue(title);
  await h.tick();
  await waitFor(async () => (await h.runsOf(issue.id))[0]?.phase === "running", { what: "run" });
  return issue;
}

describe("reconciliation", () => {
  it("[C76] Done mid-run cancels and removes the worktree; Backlog cancels, keeps it and keeps the status", async () => {
    const h = await makeDispatchHarness({ scripts: hang });
    const done = await running(h, "finished elsewhere");
    const parked = await running(h, "parked by a human");
    await h.tracker.updateIssue(done.id, { status: "Done" });
    await h.tracker.updateIssue(parked.id, { status: "Backlog" });
    await h.tick();
    await h.idle();
    expect((await h.runsOf(done.id))[0]?.outcome).toBe("cancelled");
    expect((await h.runsOf(parked.id))[0]?.outcome).toBe("cancelled");
    expect(existsSync(h.worktreeOf(done.identifier))).toBe(false);
    expect(existsSync(h.worktreeOf(parked.identifier))).toBe(true);
    expect((await h.get(parked.id)).state).toBe("Backlog");
    expect((await h.get(done.id)).state).toBe("Done");
    expect(await h.store.retries.list()).toHaveLength(0);
  });

  it("[C77] a tracker error during reconciliation leaves the run running", async () => {
    const h = await makeDispatchHarness({ scripts: hang });
    const issue = await running(h, "survives outages");
    await h.tracker.updateIssue(issue.id, { status: "Backlog" });
    h.faults.fetchByIds = true;
    await h.tick();
    await h.tick();
    expect((await h.runsOf(issue.id))[0]?.phase).toBe("running");
    expect(h.dispatcher.activeRunIds).toHaveLength(1);
    h.faults.fetchByIds = false;
    await h.tick();
    await h.idle();
    expect((await h.runsOf(issue.id))[0]?.outcome).toBe("cancelled");
  });
});
