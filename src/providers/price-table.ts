/**
 * The built-in price table of SPEC §9.5 (USD per 1M tokens). It is the last
 * priced source before `agent.unknown_model_price`: the packaged price data
 * (`@pydantic/genai-prices`) knows far more models, so this table only has to
 * cover the common ones when that data does not. Values are defaults, not
 * guarantees; operators extend it through `PriceOptions.table`.
 */
import type { ModelCost } from "../domain/provider.js";

const row = (input_per_1m: number, output_per_1m: number): ModelCost => ({
  input_per_1m,
  output_per_1m,
});

/** Keys are price lookup keys (see `priceLookupKey`). */
export const BUILTIN_PRICE_TABLE: Readonly<Record<string, ModelCost>> = {
  "gpt-5": row(1.25, 10),
  "gpt-5-mini": row(0.25, 2),
  "gpt-5-nano": row(0.05, 0.4),
  "gpt-4.1": row(2, 8),
  "gpt-4.1-mini": row(0.4, 1.6),
  "gpt-4.1-nano": row(0.1, 0.4),
  "gpt-4o": row(2.5, 10),
  "gpt-4o-mini": row(0.15, 0.6),
  o3: row(2, 8),
  "o3-mini": row(1.1, 4.4),
  "o4-mini": row(1.1, 4.4),
  "claude-opus-4": row(15, 75),
  "claude-opus-4-5": row(5, 25),
  "claude-sonnet-4": row(3, 15),
  "claude-3-7-sonnet": row(3, 15),
  "claude-haiku-4-5": row(1, 5),
  "claude-3-5-haiku": row(0.8, 4),
  "gemini-2.5-pro": row(1.25, 10),
  "gemini-2.5-flash": row(0.3, 2.5),
};
