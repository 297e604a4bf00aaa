import { describe, expect, it } from "vitest";
import { ProviderSchema } from "../../../src/domain/provider.js";
import { UsageMeter } from "../../../src/orchestrator/usage-meter.js";

const provider = ProviderSchema.parse({
  id: "p",
  model_costs: {
    "gpt-4o-mini": { input_per_1m: 0.15, output_per_1m: 0.6, cached_input_per_1m: 0.075 },
    free: { input_per_1m: 0, output_per_1m: 0 },
  },
});
const fallback = { input_per_1m: 10, output_per_1m: 30 };
const u = (
  i: number,
  c: number,
  o: number,
  extra: { cost_usd?: number; cumulative?: boolean } = {},
) => ({
  input_tokens: i,
  cached_input_tokens: c,
  output_tokens: o,
  cumulative: extra.cumulative ?? false,
  ...(extra.cost_usd === undefined ? {} : { cost_usd: extra.cost_usd }),
});

describe("UsageMeter", () => {
  it("adds per-request usage and prices it from model_costs (cached tokens at the cached price)", () => {
    const m = new UsageMeter(provider, "openai/gpt-4o-mini-2024-07-18", fallback);
    const d = m.record(u(1_000_000, 1_000_000, 1_000_000));
    expect(d.price_source).toBe("provider");
    expect(d.cost_usd).toBeCloseTo(0.15 + 0.075 + 0.6, 10);
    m.record(u(10, 0, 5));
    expect(m.totals).toMatchObject({ input_tokens: 1_000_010, output_tokens: 1_000_005 });
  });

  it("never double-counts cumulative reports: only the delta against the last total is recorded", () => {
    const m = new UsageMeter(provider, "gpt-4o-mini", fallback);
    const deltas = [
      u(100, 0, 10, { cumulative: true }),
      u(250, 0, 30, { cumulative: true }),
      u(250, 0, 30, { cumulative: true }),
    ].map((x) => m.record(x));
    expect(deltas.map((d) => [d.input_tokens, d.output_tokens])).toEqual([
      [100, 10],
      [150, 20],
      [0, 0],
    ]);
    expect(m.totals.input_tokens).toBe(250);
  });

  it("[C121] cumulative reported costs 0.10, 0.25, 0.40 give deltas summing to 0.40 with price_source reported", () => {
    const m = new UsageMeter(provider, "gpt-4o-mini", fallback);
    const deltas = [0.1, 0.25, 0.4].map((c) =>
      m.record(u(0, 0, 0, { cost_usd: c, cumulative: true })),
    );
    expect(deltas.every((d) => d.price_source === "reported")).toBe(true);
    expect(deltas.reduce((s, d) => s + d.cost_usd, 0)).toBeCloseTo(0.4, 10);
  });

  it("marks 0/0 models free (not billable), subscription providers not billable, unknown models fallback", () => {
    expect(new UsageMeter(provider, "free", fallback).record(u(10, 0, 10))).toMatchObject({
      price_source: "free",
      billable: false,
      cost_usd: 0,
    });
    const sub = ProviderSchema.parse({
      id: "s",
      billing: "subscription",
      model_costs: { m: { input_per_1m: 1, output_per_1m: 1 } },
    });
    expect(new UsageMeter(sub, "m", fallback).record(u(10, 0, 10))).toMatchObject({
      price_source: "provider",
      billable: false,
    });
    const d = new UsageMeter(provider, "mystery-model", fallback).record(
      u(1_000_000, 0, 1_000_000),
    );
    expect(d).toMatchObject({ price_source: "fallback", billable: true });
    expect(d.cost_usd).toBeCloseTo(40, 10);
  });
});
