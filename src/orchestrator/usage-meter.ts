/**
 * Token and cost accounting of one run (SPEC §10.1, §9.5, §13.1). Backends
 * that report session totals (`cumulative: true`) are turned into deltas
 * against the last total, so nothing is counted twice; per-request usage is
 * added as is. Each delta is priced: a provider-reported cost first, then
 * the provider's `model_costs`, then `agent.unknown_model_price`.
 */
import { matchPriceKey } from "../domain/pricing-keys.js";
import type { ModelCost, Provider } from "../domain/provider.js";
import type { PriceSource } from "../store/schema.js";

/** One usage report as backends emit it. */
export interface UsageReport {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd?: number | undefined;
  cumulative: boolean;
}

/** What one usage event adds to the run (one ledger row). */
export interface UsageDelta {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  price_source: PriceSource;
  billable: boolean;
}

interface Totals {
  input: number;
  cached: number;
  output: number;
  cost: number | null;
}

/** USD for a token count at a per-1M price; cached input defaults to the input price. */
export function priceTokens(
  t: { input_tokens: number; cached_input_tokens: number; output_tokens: number },
  c: ModelCost,
): number {
  const cached = c.cached_input_per_1m ?? c.input_per_1m;
  return (
    (t.input_tokens / 1e6) * c.input_per_1m +
    (t.cached_input_tokens / 1e6) * cached +
    (t.output_tokens / 1e6) * c.output_per_1m
  );
}

/** Running totals of one run; feed it every `usage` event. */
export class UsageMeter {
  private last: Totals = { input: 0, cached: 0, output: 0, cost: null };
  readonly totals = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, cost_usd: 0 };

  constructor(
    private readonly provider: Pick<Provider, "model_costs" | "billing"> | null,
    private readonly model: string | null,
    private readonly fallback: ModelCost,
  ) {}

  /** The delta this report adds (and adds it to {@link totals}). */
  record(u: UsageReport): UsageDelta {
    const tokens = u.cumulative
      ? {
          input_tokens: Math.max(0, u.input_tokens - this.last.input),
          cached_input_tokens: Math.max(0, u.cached_input_tokens - this.last.cached),
          output_tokens: Math.max(0, u.output_tokens - this.last.output),
        }
      : {
          input_tokens: u.input_tokens,
          cached_input_tokens: u.cached_input_tokens,
          output_tokens: u.output_tokens,
        };
    let reported: number | null = null;
    if (u.cost_usd !== undefined)
      reported = u.cumulative ? Math.max(0, u.cost_usd - (this.last.cost ?? 0)) : u.cost_usd;
    if (u.cumulative)
      this.last = {
        input: Math.max(this.last.input, u.input_tokens),
        cached: Math.max(this.last.cached, u.cached_input_tokens),
        output: Math.max(this.last.output, u.output_tokens),
        cost: u.cost_usd ?? this.last.cost,
      };
    const { cost, source } =
      reported !== null ? { cost: reported, source: "reported" as const } : this.price(tokens);
    const delta: UsageDelta = {
      ...tokens,
      cost_usd: cost,
      price_source: source,
      billable: this.provider?.billing !== "subscription" && source !== "free",
    };
    this.totals.input_tokens += delta.input_tokens;
    this.totals.cached_input_tokens += delta.cached_input_tokens;
    this.totals.output_tokens += delta.output_tokens;
    this.totals.cost_usd += delta.cost_usd;
    return delta;
  }

  private price(t: Omit<UsageDelta, "cost_usd" | "price_source" | "billable">): {
    cost: number;
    source: PriceSource;
  } {
    const costs = this.provider?.model_costs ?? {};
    const key = this.model === null ? null : matchPriceKey(this.model, Object.keys(costs));
    const entry = key === null ? undefined : costs[key];
    if (entry) {
      const free = entry.input_per_1m === 0 && entry.output_per_1m === 0;
      return { cost: priceTokens(t, entry), source: free ? "free" : "provider" };
    }
    return { cost: priceTokens(t, this.fallback), source: "fallback" };
  }
}
