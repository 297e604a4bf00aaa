import { describe, expect, it } from "vitest";
import { ProviderSchema } from "../../../src/domain/provider.js";
import { AlertBoard } from "../../../src/orchestrator/alerts.js";
import { UsageMeter } from "../../../src/orchestrator/usage-meter.js";
import { ModelPricer, priceUsage, type PriceRequest } from "../../../src/providers/pricing.js";

const fallback = { input_per_1m: 10, output_per_1m: 30 };
const at = new Date("2030-01-01T00:00:00.000Z");
const small = { input: 1000, cached_input: 0, output: 1000 };
const req = (over: Partial<PriceRequest>): PriceRequest => ({
  model: null,
  provider: null,
  usage: small,
  fallback,
  at,
  ...over,
});
const provider = (extra: Record<string, unknown> = {}) =>
  ProviderSchema.parse({ id: "prov-1", ...extra });

describe("priceUsage (SPEC §9.5)", () => {
  it("[C106] openai/gpt-4o-mini-2024-07-18 prices as gpt-4o-mini from the packaged data", () => {
    const r = priceUsage(
      req({
        model: "openai/gpt-4o-mini-2024-07-18",
        usage: { input: 1_000_000, cached_input: 1_000_000, output: 1_000_000 },
      }),
    );
    // 0.15 in + 0.075 cached + 0.60 out per 1M.
    expect(r).toMatchObject({ price_source: "table", matched_key: "gpt-4o-mini", billable: true });
    expect(r.cost_usd).toBeCloseTo(0.825, 10);
  });

  it("[C106] claude-sonnet-4-5 prices as claude-sonnet-4 ($3/$15), in the packaged data and the built-in table", () => {
    const packaged = priceUsage(req({ model: "claude-sonnet-4-5" }));
    expect(packaged.price_source).toBe("table");
    expect(packaged.cost_usd).toBeCloseTo(0.003 + 0.015, 12);
    const table = priceUsage(req({ model: "anthropic/claude-sonnet-4-5-20250929" }), {
      packaged: false,
    });
    expect(table).toMatchObject({ price_source: "table", matched_key: "claude-sonnet-4" });
    expect(table.cost_usd).toBeCloseTo(0.018, 12);
    const mini = priceUsage(req({ model: "openai/gpt-4o-mini-2024-07-18" }), { packaged: false });
    expect(mini).toMatchObject({ price_source: "table", matched_key: "gpt-4o-mini" });
    expect(mini.cost_usd).toBeCloseTo(0.00015 + 0.0006, 12);
  });

  it("[C106] an unknown model uses unknown_model_price with price_source fallback", () => {
    const r = priceUsage(
      req({
        model: "mystery-model-9",
        usage: { input: 1_000_000, cached_input: 0, output: 1_000_000 },
      }),
    );
    expect(r).toMatchObject({ price_source: "fallback", matched_key: null, billable: true });
    expect(r.cost_usd).toBeCloseTo(40, 10);
  });

  it("[C106] a reported cost wins over every table, then model_costs wins over the price data", () => {
    const p = provider({
      model_costs: {
        "gpt-4o-mini": { input_per_1m: 1, output_per_1m: 2, cached_input_per_1m: 0.5 },
      },
    });
    const reported = priceUsage(req({ model: "gpt-4o-mini", provider: p, reported_cost: 0.42 }));
    expect(reported).toMatchObject({ cost_usd: 0.42, price_source: "reported", matched_key: null });
    const own = priceUsage(
      req({
        model: "openai/gpt-4o-mini-2024-07-18",
        provider: p,
        usage: { input: 1_000_000, cached_input: 1_000_000, output: 1_000_000 },
      }),
    );
    expect(own).toMatchObject({ price_source: "provider", matched_key: "gpt-4o-mini" });
    expect(own.cost_usd).toBeCloseTo(1 + 0.5 + 2, 10);
  });

  it("[C106] model_costs 0/0 is free and not billable; a subscription provider is not billable", () => {
    const free = priceUsage(
      req({
        model: "local-llm",
        provider: provider({ model_costs: { "local-llm": { input_per_1m: 0, output_per_1m: 0 } } }),
      }),
    );
    expect(free).toMatchObject({ cost_usd: 0, price_source: "free", billable: false });
    const sub = priceUsage(
      req({ model: "gpt-4o", provider: provider({ billing: "subscription" }) }),
    );
    expect(sub.price_source).toBe("table");
    expect(sub.cost_usd).toBeCloseTo(0.0025 + 0.01, 12);
    expect(sub.billable).toBe(false);
  });

  it("[C106] operators extend the built-in table; the longest prefix key wins", () => {
    const r = priceUsage(req({ model: "acme/house-model-large-2030-01-01" }), {
      packaged: false,
      table: {
        "house-model": { input_per_1m: 1, output_per_1m: 1 },
        "house-model-large": { input_per_1m: 2, output_per_1m: 4 },
      },
    });
    expect(r).toMatchObject({ price_source: "table", matched_key: "house-model-large" });
    expect(r.cost_usd).toBeCloseTo(0.002 + 0.004, 12);
  });
});

describe("ModelPricer", () => {
  it("[C106] raises model_price_unknown once per unknown model", () => {
    const alerts = new AlertBoard(() => at);
    const raised: string[] = [];
    alerts.subscribe((c) => c.kind === "raised" && raised.push(c.alert.message));
    const pricer = new ModelPricer({ alerts, now: () => at });
    for (let i = 0; i < 3; i++) pricer.price(req({ model: "mystery-a" }));
    expect(raised).toHaveLength(1);
    expect(alerts.has("model_price_unknown")).toBe(true);
    pricer.price(req({ model: "gpt-4o" }));
    expect(raised).toHaveLength(1);
    pricer.price(req({ model: "mystery-b" }));
    pricer.price(req({ model: "mystery-b" }));
    expect(raised).toHaveLength(2);
    expect(raised[1]).toContain("mystery-a");
    expect(raised[1]).toContain("mystery-b");
    expect(pricer.unknownModels()).toEqual(["mystery-a", "mystery-b"]);
  });

  it("is the usage meter's pricing path: an unknown model in a run alerts through the meter", () => {
    const alerts = new AlertBoard(() => at);
    const pricer = new ModelPricer({ alerts, now: () => at });
    const meter = new UsageMeter(provider(), "mystery-c", fallback, pricer);
    const d = meter.record({
      input_tokens: 1_000_000,
      cached_input_tokens: 0,
      output_tokens: 0,
      cumulative: false,
    });
    expect(d).toMatchObject({ price_source: "fallback", cost_usd: 10, billable: true });
    expect(alerts.has("model_price_unknown")).toBe(true);
    const known = new UsageMeter(provider(), "gpt-4o-mini", fallback, pricer).record({
      input_tokens: 1_000_000,
      cached_input_tokens: 0,
      output_tokens: 0,
      cumulative: false,
    });
    expect(known).toMatchObject({ price_source: "table" });
    expect(known.cost_usd).toBeCloseTo(0.15, 10);
  });
});
