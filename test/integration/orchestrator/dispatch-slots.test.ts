import { describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/sandbox.js";
import { makeDispatchHarness } from "./dispatch-harness.js";

const hang = { default: [{ text: "working" }, { hang: true as const }] };

describe("dispatch slots and claims", () => {
  it("[C62] with max_concurrent_agents: 2 and five eligible issues exactly two runs start", async () => {
    const h = await makeDispatchHarness({
      config: { agent: { max_concurrent_agents: 2 } },
      scripts: hang,
    });
    const issues = [];
    for (let i = 1; i <= 5; i++) issues.push(await h.issue(`task ${i}`));
    await h.tick();
    await h.tick();
    const active = await h.store.runs.listActive();
    expect(active).toHaveLength(2);
    expect(active.map((r) => r.identifier).sort()).toEqual(
      issues.slice(0, 2).map((i) => i.identifier),
    );
    const waiting = issues[4]?.id ?? "";
    expect(await h.dispatcher.skipReason(h.project.id, waiting)).toBe("no_slot");
  });

  it("[C63] at most one run dispatched from Needs Rebase while Open issues still dispatch", async () => {
    const h = await makeDispatchHarness({
      config: { agent: { max_concurrent_agents_by_state: { "Needs Rebase": 1 } } },
      scripts: hang,
    });
    await h.issue("rebase one", { status: "Needs Rebase" });
    await h.issue("rebase two", { status: "Needs Rebase" });
    await h.issue("open one");
    await h.issue("open two");
    await h.tick();
    await h.tick();
    const active = await h.store.runs.listActive();
    expect(active.filter((r) => r.dispatch_state === "Needs Rebase")).toHaveLength(1);
    expect(active.filter((r) => r.dispatch_state === "Open")).toHaveLength(2);
  });

  it("[C64] two ticks and a manual dispatch racing start exactly one run", async () => {
    const h = await makeDispatchHarness({ scripts: hang });
    const issue = await h.issue("only once");
    const results = await Promise.all([
      h.tick(),
      h.tick(),
      h.dispatcher.dispatchNow(h.project.id, issue.id),
    ]);
    await h.tick();
    const runs = await h.runsOf(issue.id);
    expect(runs).toHaveLength(1);
    const manual = results[2];
    if (!manual.ok) expect(manual.skip_reason).toBe("already_claimed");
    await waitFor(async () => (await h.get(issue.id)).state === "In Progress");
  });
});
