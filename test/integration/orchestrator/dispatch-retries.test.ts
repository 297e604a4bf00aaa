import { describe, expect, it } from "vitest";
import { retryDelaySequence } from "../../../src/domain/backoff.js";
import { existsSync } from "node:fs";
import { waitFor } from "../../helpers/sandbox.js";
import { makeDispatchHarness, provider, type DispatchHarness } from "./dispatch-harness.js";

const failing = { default: [{ fail: { code: "agent_error", message: "boom", retryable: true } }] };

/** Runs one dispatch and waits for its exit handling. */
async function runOnce(h: DispatchHarness): Promise<void> {
  await h.tick();
  await h.idle();
}

describe("retry queue", () => {
  it("[C67] retries wait 10, 20, 40, 80, 160, 300, 300 s measured from run end", async () => {
    const h = await makeDispatchHarness({
      config: { agent: { max_attempts: 10 } },
      scripts: failing,
    });
    const issue = await h.issue("keeps failing");
    const delays: number[] = [];
    for (let n = 1; n <= 7; n++) {
      await runOnce(h);
      const [run] = await h.runsOf(issue.id);
      expect(run?.attempt).toBe(n);
      expect(run?.outcome).toBe("failed");
      const retry = await h.store.retries.get(`${h.project.id}:${issue.id}`);
      expect(retry?.attempt).toBe(n + 1);
      delays.push(Date.parse(retry?.due_at ?? "") - Date.parse(run?.ended_at ?? ""));
      h.advance(1000);
      await h.tick();
      expect(await h.store.runs.listActive()).toHaveLength(0);
      h.advance((delays.at(-1) ?? 0) - 1000);
    }
    expect(delays).toEqual(retryDelaySequence(7, 300_000));
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it("[C68] after max_attempts failures the issue is Needs Human with What to do: and no retry", async () => {
    const h = await makeDispatchHarness({
      config: { agent: { max_attempts: 2 } },
      scripts: failing,
    });
    const issue = await h.issue("fails twice");
    await runOnce(h);
    expect(await h.store.retries.list()).toHaveLength(1);
    h.advance(10_000);
    await runOnce(h);
    expect((await h.runsOf(issue.id)).map((r) => r.attempt)).toEqual([2, 1]);
    expect(await h.store.retries.list()).toHaveLength(0);
    expect((await h.get(issue.id)).state).toBe("Needs Human");
    const comments = await h.tracker.listComments(issue.id);
    expect(comments.some((c) => c.is_oompah && c.text.includes("What to do:"))).toBe(true);
  });

  it("[C69] a rate-limited provider cools down for 120 s while another provider keeps dispatching", async () => {
    const h = await makeDispatchHarness({
      providers: [provider("prov-a", { default: true }), provider("prov-b")],
      config: {
        agent: {
          profiles: [{ name: "beta", keywords: ["beta"], provider_id: "prov-b" }],
          escalate_after_attempts: 0,
        },
      },
      scripts: {
        byLabel: { limited: [{ rateLimited: { retryAfterMs: 1000 } }] },
        default: [{ hang: true }],
      },
    });
    const limited = await h.issue("alpha limited", { labels: ["limited"] });
    await runOnce(h);
    const [run] = await h.runsOf(limited.id);
    expect(run?.outcome).toBe("rate_limited");
    const cooldowns = h.dispatcher.view().cooldowns;
    expect(cooldowns.map((c) => c.provider_id)).toEqual(["prov-a"]);
    expect(Date.parse(cooldowns[0]?.until ?? "") - Date.parse(run?.ended_at ?? "")).toBe(120_000);
    expect(await h.store.serviceState.get("rate_limit_cooldowns")).toHaveProperty("prov-a");

    const other = await h.issue("another alpha");
    const beta = await h.issue("beta work");
    await h.tick();
    expect(await h.dispatcher.skipReason(h.project.id, other.id)).toBe("provider_cooldown");
    const active = await h.store.runs.listActive();
    expect(active.map((r) => [r.issue_id, r.provider_id])).toEqual([[beta.id, "prov-b"]]);
    h.advance(120_001);
    await h.tick();
    await waitFor(async () => (await h.runsOf(other.id)).length === 1);
  });

  it("[C78] a retry that fires after a human archived the issue is dropped and the worktree cleaned", async () => {
    const h = await makeDispatchHarness({ scripts: failing });
    const issue = await h.issue("to be archived");
    await runOnce(h);
    expect(existsSync(h.worktreeOf(issue.identifier))).toBe(true);
    await h.tracker.updateIssue(issue.id, { status: "Archived" });
    h.advance(10_000);
    await h.tick();
    expect(await h.store.retries.list()).toHaveLength(0);
    expect(await h.runsOf(issue.id)).toHaveLength(1);
    expect(existsSync(h.worktreeOf(issue.identifier))).toBe(false);
    expect((await h.get(issue.id)).state).toBe("Archived");
  });
});
