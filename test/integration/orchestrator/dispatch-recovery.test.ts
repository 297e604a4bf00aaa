import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/sandbox.js";
import { makeDispatchHarness, orchestratorOn, type DispatchHarness } from "./dispatch-harness.js";
import { claimRun } from "../../helpers/runs.js";

const hang = { default: [{ text: "working" }, { hang: true as const }] };

function wsProject(h: DispatchHarness) {
  return {
    name: h.project.name,
    clonePath: h.clone,
    defaultBranch: "main",
    identity: { name: "Oompah Bot", email: "bot@example.com" },
  };
}

describe("startup recovery", () => {
  it("[C79] after a crash mid-run the run is interrupted and retried at once with the same attempt in the same worktree", async () => {
    const h = await makeDispatchHarness({ scripts: hang });
    const issue = await h.issue("crashed run");
    const wt = await h.worktrees.ensure({ project: wsProject(h), issue, workBranch: true });
    writeFileSync(join(wt.path, "partial.txt"), "work in progress\n");
    await h.tracker.updateIssue(issue.id, { status: "In Progress" });
    await h.tracker.setMetadata(issue.id, "oompah.agent_run_id", "run-crashed");
    const agent = spawn("sleep", ["30"], { detached: true, stdio: "ignore" });
    const exited = new Promise((r) => agent.once("exit", r));
    const pid = agent.pid ?? 0;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .filter(Boolean)
      .join(" ");
    await claimRun(h.store, {
      run_id: "run-crashed",
      project_id: h.project.id,
      issue_id: issue.id,
      identifier: issue.identifier,
      attempt: 3,
      started_at: h.now().toISOString(),
      phase: "running",
      dispatch_state: "Open",
      worktree_path: wt.path,
      branch: wt.branch,
      pid,
      pid_cmdline: cmdline,
    });
    h.advance(60_000);
    await h.reopen();
    await h.tick(["startup"]);
    await exited;
    const old = await h.store.runs.get("run-crashed");
    expect(old).toMatchObject({ phase: "finished", outcome: "interrupted" });
    const [latest] = await h.runsOf(issue.id);
    expect(latest?.run_id).not.toBe("run-crashed");
    expect(latest?.attempt).toBe(3);
    await waitFor(async () => (await h.store.runs.get(latest?.run_id ?? ""))?.worktree_path);
    expect((await h.store.runs.get(latest?.run_id ?? ""))?.worktree_path).toBe(wt.path);
    expect(readFileSync(join(wt.path, "partial.txt"), "utf8")).toBe("work in progress\n");
  });

  it("[C80] pending retries survive a restart and fire at their original due time", async () => {
    const h = await makeDispatchHarness({
      scripts: { default: [{ fail: { code: "agent_error", message: "boom", retryable: true } }] },
    });
    const issue = await h.issue("retry me later");
    await h.tick();
    await h.idle();
    const retry = await h.store.retries.get(`${h.project.id}:${issue.id}`);
    const due = Date.parse(retry?.due_at ?? "");
    await h.reopen({ graceful: true });
    await h.tick(["startup"]);
    h.advance(due - h.now().getTime() - 1);
    await h.tick();
    expect(await h.runsOf(issue.id)).toHaveLength(1);
    h.advance(1);
    await h.tick(["retry_due"]);
    const runs = await h.runsOf(issue.id);
    expect(runs).toHaveLength(2);
    expect(runs[0]?.attempt).toBe(2);
    expect(Date.parse(runs[0]?.started_at ?? "")).toBe(due);
  });

  it("[C81] the manual pause survives restart, --paused starts paused, and reconciliation runs while paused", async () => {
    const h = await makeDispatchHarness({ scripts: hang });
    const first = orchestratorOn(h);
    await first.init({ paused: false });
    await first.setPause(true, "maintenance");
    await h.reopen({ graceful: true });
    const second = orchestratorOn(h);
    await second.init({ paused: false });
    expect(second.paused).toMatchObject({ manual: true, reason: "maintenance" });
    await second.setPause(false);
    const third = orchestratorOn(h);
    await third.init({ paused: true });
    expect(third.paused.manual).toBe(true);

    const busy = await h.issue("already running");
    await h.tick();
    await waitFor(async () => (await h.runsOf(busy.id))[0]?.phase === "running");
    h.pause.manual = true;
    const waiting = await h.issue("waits for resume");
    await h.tracker.updateIssue(busy.id, { status: "Backlog" });
    await h.tick();
    await h.idle();
    expect((await h.runsOf(busy.id))[0]?.outcome).toBe("cancelled");
    expect(await h.runsOf(waiting.id)).toHaveLength(0);
    expect(await h.dispatcher.skipReason(h.project.id, waiting.id)).toBe("paused");
  });

  it("[C83] the startup sweep removes worktrees of issues already in terminal states", async () => {
    const h = await makeDispatchHarness({ scripts: hang });
    const issue = await h.issue("already done");
    const wt = await h.worktrees.ensure({ project: wsProject(h), issue, workBranch: true });
    await h.tracker.updateIssue(issue.id, { status: "Done" });
    expect(existsSync(wt.path)).toBe(true);
    await h.tick(["startup"]);
    expect(existsSync(wt.path)).toBe(false);
  });

  it("[C84] an In Progress issue with no run id known to the store is left alone and listed as orphaned", async () => {
    const h = await makeDispatchHarness({ scripts: hang });
    const orphan = await h.issue("claimed by someone", { status: "In Progress" });
    const known = await h.issue("ours, finished", { status: "In Progress" });
    await claimRun(h.store, {
      run_id: "run-old",
      project_id: h.project.id,
      issue_id: known.id,
      identifier: known.identifier,
      started_at: h.now().toISOString(),
      phase: "finished",
      outcome: "failed",
      dispatch_state: "Open",
    });
    await h.tracker.setMetadata(known.id, "oompah.agent_run_id", "run-old");
    await h.tick(["startup"]);
    expect(h.dispatcher.view().orphaned.map((o) => o.issue_id)).toEqual([orphan.id]);
    expect((await h.get(orphan.id)).state).toBe("In Progress");
    expect(await h.runsOf(orphan.id)).toHaveLength(0);
    await h.tick();
    expect((await h.runsOf(known.id)).length).toBe(2);
  });
});
