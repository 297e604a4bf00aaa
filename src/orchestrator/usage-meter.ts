/**
 * Token and cost accounting of one run (SPEC §10.1, §9.5, §13.1). Backends
 * that report session totals (`cumulative: true`) are turned into deltas
 * against the last total, so nothing is counted twice; per-request usage is
 * added as is. Each delta is priced by the one pricing path of
 * `providers/pricing.ts` (reported → `model_costs` → price data → fallback).
 */
import type { ModelCost, Provider } from "../domain/provider.js";
import { costOf, ModelPricer } from "../providers/pricing.js";
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
  return costOf(
    { input: t.input_tokens, cached_input: t.cached_input_tokens, output: t.output_tokens },
    c,
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
    /** The service's pricer (alerts on unknown models); a silent one by default. */
    private readonly pricer: ModelPricer = new ModelPricer(),
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
    const priced = this.pricer.price({
      model: this.model,
      provider: this.provider,
      usage: {
        input: tokens.input_tokens,
        cached_input: tokens.cached_input_tokens,
        output: tokens.output_tokens,
      },
      reported_cost: reported,
      fallback: this.fallback,
    });
    const delta: UsageDelta = {
      ...tokens,
      cost_usd: priced.cost_usd,
      price_source: priced.price_source,
      billable: priced.billable,
    };
    this.totals.input_tokens += delta.input_tokens;
    this.totals.cached_input_tokens += delta.cached_input_tokens;
    this.totals.output_tokens += delta.output_tokens;
    this.totals.cost_usd += delta.cost_usd;
    return delta;
  }
}
