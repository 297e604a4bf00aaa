import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startService, type Service } from "../../../src/app.js";
import { issueSpend } from "../../../src/orchestrator/budget.js";
import { COST_GROUPS } from "../../../src/server/routes/costs.js";
import { tempDir } from "../../helpers/sandbox.js";
import { serviceEnv } from "../../helpers/service.js";
import { makeDispatchHarness } from "../orchestrator/dispatch-harness.js";
import { budgetApi, inProcessApp } from "./budget-helpers.js";

const usage = (input: number, output: number) => ({ usage: { input, output } }) as const;
const done = { finish: { summary: "nothing to do", no_changes_needed: true } } as const;

interface Totals {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  runs: number;
}
interface Report {
  rows: Array<Totals & { key: string | null }>;
  total: Totals;
}

describe("cost reporting (SPEC §13.4)", () => {
  it("[C147] each usage event writes one ledger row and GET /api/v1/costs totals agree for every group_by", async () => {
    const h = await makeDispatchHarness({
      scripts: {
        byLabel: {
          two: [usage(1000, 100), usage(2000, 200), done],
          three: [usage(100, 10), usage(200, 20), usage(300, 30), done],
        },
      },
    });
    const a = await h.issue("two events", { labels: ["two"] });
    const b = await h.issue("three events", { labels: ["three"], type: "bug" });
    await h.tick();
    await h.idle();
    const rows = await h.store.db.selectFrom("cost_ledger").selectAll().execute();
    expect(rows).toHaveLength(5);
    const [runA] = await h.runsOf(a.id);
    const [runB] = await h.runsOf(b.id);
    expect(rows.filter((r) => r.run_id === runA?.run_id)).toHaveLength(2);
    expect(rows.filter((r) => r.run_id === runB?.run_id)).toHaveLength(3);
    const expectedCost = rows.reduce((s, r) => s + r.cost_usd, 0);
    // mock-1 costs $1 / $2 per 1M tokens.
    expect(expectedCost).toBeCloseTo((3600 * 1 + 360 * 2) / 1e6, 12);

    const request = inProcessApp(budgetApi(h));
    for (const group of COST_GROUPS) {
      const res = await request(`/api/v1/costs?group_by=${group}`);
      expect(res.status).toBe(200);
      const report = (await res.json()) as Report;
      const sum = (k: keyof Totals) => report.rows.reduce((s, r) => s + r[k], 0);
      expect(report.total.cost_usd, group).toBeCloseTo(expectedCost, 12);
      expect(sum("cost_usd"), group).toBeCloseTo(expectedCost, 12);
      expect(sum("input_tokens"), group).toBe(3600);
      expect(sum("output_tokens"), group).toBe(360);
      expect(report.total.runs, group).toBe(2);
      const costs = report.rows.map((r) => r.cost_usd);
      expect(costs, group).toEqual([...costs].sort((x, y) => y - x));
    }
    const byIssue = (await (await request("/api/v1/costs?group_by=issue")).json()) as Report;
    expect(byIssue.rows.map((r) => [r.key, r.runs, r.input_tokens])).toEqual([
      [`${h.project.id}:${a.id}`, 1, 3000],
      [`${h.project.id}:${b.id}`, 1, 600],
    ]);
    const byModel = (await (await request("/api/v1/costs?group_by=model")).json()) as Report;
    expect(byModel.rows.map((r) => r.key)).toEqual(["mock-1"]);
    const later = new Date(h.now().getTime() + 1000).toISOString();
    const empty = (await (
      await request(`/api/v1/costs?group_by=project&since=${later}`)
    ).json()) as Report;
    expect(empty).toMatchObject({ rows: [], total: { cost_usd: 0, runs: 0 } });
    expect((await request("/api/v1/costs?group_by=colour")).status).toBe(422);
    const negative = await request(`/api/v1/projects/${h.project.id}/issues/${a.id}/cost-cap`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ limit_usd: -1 }),
    });
    expect(negative.status).toBe(422);
    const capped = await request(`/api/v1/projects/${h.project.id}/issues/${a.id}/cost-cap`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ limit_usd: 0.001 }),
    });
    expect(await capped.json()).toMatchObject({ limit_usd: 0.001, at_cap: true });
  });
});

const WORKFLOW = `---
agent:
  budget_limit: 5
  budget_window: total
  max_cost_per_issue: 3
polling:
  interval_ms: 600000
---
Work.
`;

describe("durability of spend (SPEC §13.1)", () => {
  it("[C152] spend, window and per-issue totals are identical before and after a restart", async () => {
    const dir = tempDir("oompah-budget-");
    writeFileSync(join(dir, "WORKFLOW.md"), WORKFLOW);
    const env = serviceEnv(dir);
    const start = () =>
      startService({ cwd: dir, env, cli: { port: 0 }, logToStdout: false, captureLog: () => {} });
    const get = async (s: Service, path: string): Promise<unknown> => {
      const res = await fetch(`http://127.0.0.1:${s.httpPort ?? 0}${path}`);
      expect(res.status, path).toBe(200);
      return res.json();
    };
    const snapshot = async (s: Service) => ({
      budget: await get(s, "/api/v1/budget"),
      state: ((await get(s, "/api/v1/state")) as { budget: unknown }).budget,
      issues: await get(s, "/api/v1/costs?group_by=issue"),
      days: await get(s, "/api/v1/costs?group_by=day"),
      spendA: await issueSpend(s.store, "proj-1:A-1"),
      spendB: await issueSpend(s.store, "proj-1:A-2"),
    });

    let service = await start();
    let before: Awaited<ReturnType<typeof snapshot>>;
    try {
      const reset = await fetch(`http://127.0.0.1:${service.httpPort ?? 0}/api/v1/budget/reset`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(reset.status).toBe(200);
      const row = (issue: string, cost: number, extra: object = {}) =>
        service.store.ledger.insert({
          ts: new Date().toISOString(),
          run_id: `run-${issue}`,
          project_id: "proj-1",
          issue_key: `proj-1:${issue}`,
          kind: "run",
          profile: "default",
          focus: "implementer",
          provider_id: "prov-1",
          model: "gpt-4o-mini",
          input_tokens: 1000,
          cached_input_tokens: 0,
          output_tokens: 100,
          cost_usd: cost,
          billable: true,
          price_source: "table",
          ...extra,
        });
      await row("A-1", 1.25);
      await row("A-1", 0.5);
      await row("A-2", 2, { billable: false, price_source: "provider" });
      await row("A-2", 0.75, { kind: "console", run_id: null });
      before = await snapshot(service);
    } finally {
      await service.stop();
    }
    expect(before.budget).toMatchObject({
      window: "total",
      spent: 1.75,
      limit: 5,
      exceeded: false,
    });
    expect(before.spendA).toBe(1.75);
    expect(before.spendB).toBe(0);

    service = await start();
    try {
      expect(await snapshot(service)).toEqual(before);
    } finally {
      await service.stop();
    }
  });
});
