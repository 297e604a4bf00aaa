/**
 * What the Costs page reads besides the §13.4 groupings: spend per UTC hour,
 * the budget's own filter (billable agent runs), estimates priced with
 * `agent.unknown_model_price`, and one run's usage events turn by turn.
 */
import { describe, expect, it } from "vitest";
import { makeDispatchHarness, provider } from "../orchestrator/dispatch-harness.js";
import { budgetApi, inProcessApp, spend } from "./budget-helpers.js";

const usage = (input: number, output: number) => ({ usage: { input, output } }) as const;
const done = { finish: { summary: "nothing to do", no_changes_needed: true } } as const;

interface Row {
  key: string | null;
  cost_usd: number;
  runs: number;
  fallback_events: number;
}
interface Report {
  rows: Row[];
  total: { cost_usd: number };
}
interface RunCosts {
  run_id: string;
  model: string | null;
  entries: Array<{
    input_tokens: number;
    output_tokens: number;
    cost_usd: number;
    price_source: string;
    billable: boolean;
  }>;
  total: { cost_usd: number; input_tokens: number; output_tokens: number; runs: number };
}

// agent.unknown_model_price defaults to $10 / $30 per 1M tokens.
const firstTurn = (1000 * 10 + 100 * 30) / 1e6;
const secondTurn = (2000 * 10 + 200 * 30) / 1e6;

describe("cost series and run costs (SPEC §13.4, §17.5 /costs)", () => {
  it("groups spend by UTC hour, applies the budget's filter, flags fallback prices and lists a run's usage turn by turn", async () => {
    const h = await makeDispatchHarness({
      // No model_costs for mock-1 and no price data knows it: every event is a fallback estimate.
      providers: [provider("prov-mock", { model_costs: {} })],
      scripts: { byLabel: { two: [usage(1000, 100), { nextTurn: true }, usage(2000, 200), done] } },
    });
    const issue = await h.issue("two turns", { labels: ["two"] });
    await h.tick();
    await h.idle();
    const [run] = await h.runsOf(issue.id);
    expect(run).toBeDefined();

    h.advance(2 * 3600_000);
    await spend(h, 0.5, { kind: "console", price_source: "provider" });
    await spend(h, 0.25, { billable: false, price_source: "free" });

    const request = inProcessApp(budgetApi(h));
    const get = async <T>(path: string): Promise<T> => {
      const res = await request(path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };

    const hours = await get<Report>("/api/v1/costs?group_by=hour");
    const byKey = new Map(hours.rows.map((r) => [r.key, r]));
    expect([...byKey.keys()].sort()).toEqual([
      "2030-01-01T00:00:00.000Z",
      "2030-01-01T02:00:00.000Z",
    ]);
    expect(byKey.get("2030-01-01T00:00:00.000Z")?.cost_usd).toBeCloseTo(firstTurn + secondTurn, 12);
    expect(byKey.get("2030-01-01T00:00:00.000Z")?.fallback_events).toBe(2);
    expect(byKey.get("2030-01-01T02:00:00.000Z")).toMatchObject({
      cost_usd: 0.75,
      fallback_events: 0,
    });

    // What the budget counts: billable rows of agent runs only.
    const budgetOnly = await get<Report>("/api/v1/costs?group_by=hour&kind=run&billable_only=true");
    expect(budgetOnly.rows.map((r) => r.key)).toEqual(["2030-01-01T00:00:00.000Z"]);
    expect(budgetOnly.total.cost_usd).toBeCloseTo(firstTurn + secondTurn, 12);
    const consoleOnly = await get<Report>("/api/v1/costs?group_by=project&kind=console");
    expect(consoleOnly.total.cost_usd).toBe(0.5);
    const sinceLater = await get<Report>(
      "/api/v1/costs?group_by=hour&since=2030-01-01T01:00:00.000Z",
    );
    expect(sinceLater.rows.map((r) => r.key)).toEqual(["2030-01-01T02:00:00.000Z"]);

    const byModel = await get<Report>("/api/v1/costs?group_by=model");
    expect(byModel.rows.find((r) => r.key === "mock-1")?.fallback_events).toBe(2);

    const costs = await get<RunCosts>(`/api/v1/runs/${run!.run_id}/costs`);
    expect(costs.run_id).toBe(run!.run_id);
    expect(costs.model).toBe("mock-1");
    expect(
      costs.entries.map((e) => [e.input_tokens, e.output_tokens, e.price_source, e.billable]),
    ).toEqual([
      [1000, 100, "fallback", true],
      [2000, 200, "fallback", true],
    ]);
    expect(costs.entries[0]?.cost_usd).toBeCloseTo(firstTurn, 12);
    expect(costs.entries[1]?.cost_usd).toBeCloseTo(secondTurn, 12);
    expect(costs.total).toMatchObject({ input_tokens: 3000, output_tokens: 300, runs: 1 });
    expect(costs.total.cost_usd).toBeCloseTo(run!.cost_usd, 12);

    const missing = await request("/api/v1/runs/run-nope/costs");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      "run_not_found",
    );
    expect((await request("/api/v1/costs?kind=robot")).status).toBe(422);
  });
});
