/**
 * Prices one usage delta (SPEC §9.5). Sources, first hit wins: the cost the
 * provider reported → the provider's `model_costs` (0/0 = explicitly free) →
 * the packaged price data of `@pydantic/genai-prices` (bundled, used offline
 * and never auto-updated, so a price never changes under a running service)
 * → the built-in table → `agent.unknown_model_price`. `model_costs` and the
 * built-in table are matched on the normalised lookup key of `pricing-keys`.
 * {@link ModelPricer} adds the one side effect: alert `model_price_unknown`
 * once per model that fell through to the fallback.
 */
import { calcPrice } from "@pydantic/genai-prices";
import { matchPriceKey } from "../domain/pricing-keys.js";
import type { ModelCost, Provider } from "../domain/provider.js";
import type { AlertBoard } from "../orchestrator/alerts.js";
import type { PriceSource } from "../store/schema.js";
import { BUILTIN_PRICE_TABLE } from "./price-table.js";

/** Token counts of one usage delta; `input` excludes the cached input tokens. */
export interface TokenUsage {
  input: number;
  cached_input: number;
  output: number;
}

export interface PriceRequest {
  model: string | null;
  provider: Pick<Provider, "model_costs" | "billing"> | null;
  usage: TokenUsage;
  /** USD the provider itself reported for this delta (ACP `usage_update.cost`, Claude SDK). */
  reported_cost?: number | null | undefined;
  /** `agent.unknown_model_price`. */
  fallback: ModelCost;
  /** Instant of the usage (dated prices in the packaged data); default now. */
  at?: Date;
}

export interface PriceResult {
  cost_usd: number;
  price_source: PriceSource;
  /** The `model_costs` / table key, or the packaged data's model id; null when none matched. */
  matched_key: string | null;
  /** Counts toward budget and caps: not subscription-billed and not explicitly free (§13.1). */
  billable: boolean;
}

export interface PricingOptions {
  /** Operator additions to (or overrides of) the built-in table. */
  table?: Readonly<Record<string, ModelCost>>;
  /** Consult the packaged price data (default true). */
  packaged?: boolean;
}

/** `in/1e6 × input + cached/1e6 × cached_input (default = input) + out/1e6 × output`. */
export function costOf(u: TokenUsage, c: ModelCost): number {
  const cached = c.cached_input_per_1m ?? c.input_per_1m;
  return (
    (u.input / 1e6) * c.input_per_1m +
    (u.cached_input / 1e6) * cached +
    (u.output / 1e6) * c.output_per_1m
  );
}

/** The packaged data's price, trying the raw id first, then the id without its vendor prefix. */
function packagedPrice(
  model: string,
  u: TokenUsage,
  at: Date,
): { cost: number; key: string } | null {
  const bare = model.slice(model.lastIndexOf("/") + 1);
  for (const id of new Set([model, bare])) {
    try {
      const r = calcPrice(
        {
          input_tokens: u.input + u.cached_input,
          cache_read_tokens: u.cached_input,
          output_tokens: u.output,
        },
        id,
        { timestamp: at },
      );
      if (r && Number.isFinite(r.total_price)) return { cost: r.total_price, key: r.model.id };
    } catch {
      // Malformed ids or usage the data cannot price fall through to the next source.
    }
  }
  return null;
}

export function priceUsage(req: PriceRequest, opts: PricingOptions = {}): PriceResult {
  const billable = (source: PriceSource): boolean =>
    req.provider?.billing !== "subscription" && source !== "free";
  const result = (cost: number, source: PriceSource, key: string | null): PriceResult => ({
    cost_usd: Math.max(0, cost),
    price_source: source,
    matched_key: key,
    billable: billable(source),
  });
  if (req.reported_cost !== undefined && req.reported_cost !== null)
    return result(req.reported_cost, "reported", null);
  const model = req.model?.trim() ? req.model.trim() : null;
  if (model !== null) {
    const costs = req.provider?.model_costs ?? {};
    const key = matchPriceKey(model, Object.keys(costs));
    const entry = key === null ? undefined : costs[key];
    if (key !== null && entry) {
      const free = entry.input_per_1m === 0 && entry.output_per_1m === 0;
      return result(costOf(req.usage, entry), free ? "free" : "provider", key);
    }
    if (opts.packaged !== false) {
      const p = packagedPrice(model, req.usage, req.at ?? new Date());
      if (p) return result(p.cost, "table", p.key);
    }
    const table = { ...BUILTIN_PRICE_TABLE, ...opts.table };
    const tkey = matchPriceKey(model, Object.keys(table));
    const row = tkey === null ? undefined : table[tkey];
    if (tkey !== null && row) return result(costOf(req.usage, row), "table", tkey);
  }
  return result(costOf(req.usage, req.fallback), "fallback", null);
}

/** Where the pricer reports models it could not price, and its clock. */
export interface PricerDeps {
  alerts?: Pick<AlertBoard, "raise">;
  logger?: { warn(obj: object, msg: string): void };
  /** Instant used for dated prices when a request has no `at`. */
  now?: () => Date;
}

/** {@link priceUsage} plus alert `model_price_unknown`, raised once per unpriced model. */
export class ModelPricer {
  private readonly unknown = new Set<string>();

  constructor(
    private readonly sinks: PricerDeps = {},
    private readonly opts: PricingOptions = {},
  ) {}

  price(req: PriceRequest): PriceResult {
    const r = priceUsage({ ...req, at: req.at ?? this.sinks.now?.() ?? new Date() }, this.opts);
    if (r.price_source === "fallback") this.noteUnknown(req.model ?? "(no model)", req.fallback);
    return r;
  }

  /** Models priced with the fallback so far, in first-seen order. */
  unknownModels(): string[] {
    return [...this.unknown];
  }

  private noteUnknown(model: string, fallback: ModelCost): void {
    if (this.unknown.has(model)) return;
    this.unknown.add(model);
    const price = `$${fallback.input_per_1m}/$${fallback.output_per_1m} per 1M tokens`;
    this.sinks.logger?.warn(
      { component: "pricing", code: "model_price_unknown", model },
      `no price is known for model ${model}; using agent.unknown_model_price (${price})`,
    );
    this.sinks.alerts?.raise({
      code: "model_price_unknown",
      severity: "warning",
      message: `no price is known for ${[...this.unknown].join(", ")}; usage is priced at agent.unknown_model_price (${price})`,
      hint: "add model_costs for the model to its provider",
    });
  }
}
