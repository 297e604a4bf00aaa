import { describe, expect, it } from "vitest";
import type { MockScript } from "../../../src/agents/mock/index.js";
import { issueInternalKey } from "../../../src/domain/dispatch.js";
import { budgetStatus } from "../../../src/orchestrator/budget.js";
import { waitFor } from "../../helpers/sandbox.js";
import { makeDispatchHarness, provider } from "../orchestrator/dispatch-harness.js";
import { budgetApi, spend } from "./budget-helpers.js";

const hang: MockScript = [{ text: "working" }, { hang: true }];
const usd = (cost: number) => ({ usage: { input: 100, output: 10, cost } }) as const;

describe("budget window (SPEC §13.2)", () => {
  it("[C148] once spend reaches budget_limit no new run starts, running runs continue, alert budget_exceeded; a 0/0 model still dispatches", async () => {
    const providers = [
      provider("prov-mock", { default: true }),
      provider("prov-free", {
        models: ["free-1"],
        model_costs: { "free-1": { input_per_1m: 0, output_per_1m: 0 } },
      }),
    ];
    const h = await makeDispatchHarness({
      config: { agent: { budget_limit: 1 } },
      providers,
      scripts: { byLabel: { spender: [usd(1), { hang: true }] }, default: hang },
    });
    const first = await h.issue("spend it all", { labels: ["spender"] });
    await h.tick();
    await waitFor(async () => (await h.store.ledger.totals()).cost_usd >= 1, {
      what: "the first run's usage",
    });
    const second = await h.issue("wait for budget");
    await h.tick();
    expect(await h.dispatcher.skipReason(h.project.id, second.id)).toBe("budget_exceeded");
    expect(await h.runsOf(second.id)).toHaveLength(0);
    expect(h.alerts.has("budget_exceeded")).toBe(true);
    const running = await h.store.runs.listActive();
    expect(running.map((r) => [r.issue_id, r.phase])).toEqual([[first.id, "running"]]);
    expect(h.dispatcher.activeRunIds).toHaveLength(1);

    // The same issue routed to an explicitly free model still dispatches.
    h.project.provider_id = "prov-free";
    await h.tick();
    const [freeRun] = await h.runsOf(second.id);
    expect(freeRun).toMatchObject({ provider_id: "prov-free", model: "free-1" });
    expect(await h.store.runs.listActive()).toHaveLength(2);
    expect(h.alerts.has("budget_exceeded")).toBe(true);
  });

  it("[C148] dispatch resumes when the limit is raised (hot reload) and the alert clears", async () => {
    const h = await makeDispatchHarness({
      config: { agent: { budget_limit: 2 } },
      scripts: { default: hang },
    });
    await spend(h, 2);
    const issue = await h.issue("blocked by budget");
    await h.tick();
    expect(await h.runsOf(issue.id)).toHaveLength(0);
    expect(h.alerts.has("budget_exceeded")).toBe(true);
    h.config.agent.budget_limit = 5;
    await h.tick(["config_reloaded"]);
    expect(await h.runsOf(issue.id)).toHaveLength(1);
    expect(h.alerts.has("budget_exceeded")).toBe(false);
  });

  it("[C149] a day window rolls over at local midnight of budget_timezone and the alert names the boundary", async () => {
    // Harness clock: 2030-01-01T00:00Z = 2029-12-31 19:00 in New York (UTC-5).
    const h = await makeDispatchHarness({
      config: {
        agent: { budget_limit: 1, budget_window: "day", budget_timezone: "America/New_York" },
      },
      scripts: { default: hang },
    });
    await spend(h, 1.5);
    const issue = await h.issue("tomorrow's work");
    await h.tick();
    const before = await budgetStatus(h.store, h.config.agent, h.now());
    expect(before).toMatchObject({
      window: "day",
      window_start: "2029-12-31T05:00:00.000Z",
      window_end: "2030-01-01T05:00:00.000Z",
      spent: 1.5,
      exceeded: true,
    });
    expect(h.alerts.list().find((a) => a.code === "budget_exceeded")?.message).toContain(
      "2030-01-01T05:00:00.000Z",
    );
    h.advance(5 * 3_600_000 - 1000); // 23:59:59 local
    await h.tick();
    expect(await h.runsOf(issue.id)).toHaveLength(0);
    h.advance(1000); // local midnight
    await h.tick(["budget_changed"]);
    expect(await h.runsOf(issue.id)).toHaveLength(1);
    expect(await budgetStatus(h.store, h.config.agent, h.now())).toMatchObject({
      window_start: "2030-01-01T05:00:00.000Z",
      spent: 0,
      exceeded: false,
    });
    expect(h.alerts.has("budget_exceeded")).toBe(false);
  });

  it("[C149] a total window never rolls over; only POST /api/v1/budget/reset starts it afresh", async () => {
    const h = await makeDispatchHarness({
      config: { agent: { budget_limit: 1, budget_window: "total" } },
      scripts: { default: hang },
    });
    await spend(h, 1);
    const issue = await h.issue("after the reset");
    await h.tick();
    h.advance(40 * 86_400_000);
    await h.tick();
    expect(await h.runsOf(issue.id)).toHaveLength(0);
    const status = await budgetApi(h).status();
    expect(status).toMatchObject({ window_end: null, spent: 1, exceeded: true });
    expect(status.window_start).toBe("2030-01-01T00:00:00.000Z"); // the store's creation
    expect(h.alerts.list().find((a) => a.code === "budget_exceeded")?.message).toContain(
      "the budget is reset",
    );
    const after = await budgetApi(h).reset();
    expect(after).toMatchObject({ window_start: h.now().toISOString(), spent: 0, exceeded: false });
    expect(h.wakes).toContain("budget_changed");
    expect(await h.store.serviceState.get("budget_reset_at")).toBe(h.now().toISOString());
    await h.tick(["budget_changed"]);
    expect(await h.runsOf(issue.id)).toHaveLength(1);
  });
});

describe("per-issue hard cap (SPEC §13.3)", () => {
  it("[C150] the session is cancelled at the first usage event that reaches the cap; Needs Human with the cost-cap comment, no retry", async () => {
    const h = await makeDispatchHarness({
      config: { agent: { max_cost_per_issue: 0 } },
      scripts: { default: [usd(0.4), usd(0.4), usd(0.4), usd(0.4), { hang: true }] },
    });
    const issue = await h.issue("expensive work");
    // The override (not the config, which has no cap) sets the cap.
    await budgetApi(h).setCostCap(h.project.id, issue.id, 1);
    await h.tick();
    await h.idle();
    const [run] = await h.runsOf(issue.id);
    expect(run).toMatchObject({ phase: "finished", outcome: "cost_cap" });
    const rows = await h.store.db.selectFrom("cost_ledger").selectAll().execute();
    expect(rows).toHaveLength(3);
    const { issue: after, comments } = await h.tracker.getIssueDetail(issue.id);
    expect(after.state).toBe("Needs Human");
    const comment = comments.find((c) => c.text.startsWith("Stopped:"));
    expect(comment?.text).toContain("Stopped: this issue has spent $1.20 of its $1.00 cap.");
    expect(comment?.text).toContain("What to do: raise the cap (POST …/cost-cap)");
    expect(await h.store.retries.list()).toEqual([]);
    await h.tick();
    expect(await h.runsOf(issue.id)).toHaveLength(1);
  });

  it("[C151] an issue at its cap is skipped with issue_cost_cap until POST …/cost-cap raises it", async () => {
    const h = await makeDispatchHarness({
      config: { agent: { max_cost_per_issue: 2 } },
      scripts: { default: hang },
    });
    const issue = await h.issue("capped");
    const key = issueInternalKey(issue);
    await spend(h, 2, { issue_key: key });
    await h.tick();
    expect(await h.dispatcher.skipReason(h.project.id, issue.id)).toBe("issue_cost_cap");
    expect(await h.runsOf(issue.id)).toHaveLength(0);
    const api = budgetApi(h);
    expect(await api.setCostCap(h.project.id, issue.id, 2)).toMatchObject({
      limit_usd: 2,
      effective_cap_usd: 2,
      spent_usd: 2,
      at_cap: true,
    });
    await h.tick();
    expect(await h.runsOf(issue.id)).toHaveLength(0);
    const raised = await api.setCostCap(h.project.id, issue.id, 5);
    expect(raised).toMatchObject({ limit_usd: 5, effective_cap_usd: 5, at_cap: false });
    expect(h.wakes).toContain("budget_changed");
    expect(await h.dispatcher.skipReason(h.project.id, issue.id)).toBeNull();
    await h.tick(["budget_changed"]);
    expect(await h.runsOf(issue.id)).toHaveLength(1);
    // Clearing the override falls back to agent.max_cost_per_issue.
    expect(await api.setCostCap(h.project.id, issue.id, null)).toMatchObject({
      limit_usd: null,
      effective_cap_usd: 2,
    });
    expect(await h.store.issueOverrides.get(key)).toBeUndefined();
  });

  it("[C153] subscription-billed usage is recorded but counts toward neither the budget nor the cap", async () => {
    const h = await makeDispatchHarness({
      config: { agent: { budget_limit: 0.5, max_cost_per_issue: 0.5 } },
      providers: [provider("prov-sub", { billing: "subscription" })],
      scripts: {
        default: [
          { usage: { input: 400_000, output: 200_000 } },
          { usage: { input: 400_000, output: 200_000 } },
          { finish: { summary: "nothing to change", no_changes_needed: true } },
        ],
      },
    });
    const issue = await h.issue("on the house");
    await h.tick();
    await h.idle();
    const [run] = await h.runsOf(issue.id);
    expect(run?.outcome).not.toBe("cost_cap");
    const rows = await h.store.db.selectFrom("cost_ledger").selectAll().execute();
    expect(rows.map((r) => [r.billable, r.price_source])).toEqual([
      [0, "provider"],
      [0, "provider"],
    ]);
    const recorded = rows.reduce((s, r) => s + r.cost_usd, 0);
    expect(recorded).toBeCloseTo(2 * (0.4 + 0.4), 10);
    expect(await budgetStatus(h.store, h.config.agent, h.now())).toMatchObject({
      spent: 0,
      exceeded: false,
    });
    const report = await budgetApi(h).costs({ group_by: "issue" });
    expect(report.total.cost_usd).toBeCloseTo(recorded, 10);
    const next = await h.issue("still dispatches");
    await h.tick();
    expect(await h.runsOf(next.id)).toHaveLength(1);
    expect(h.alerts.has("budget_exceeded")).toBe(false);
  });
});
