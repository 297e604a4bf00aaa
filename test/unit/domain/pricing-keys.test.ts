import { describe, expect, it } from "vitest";
import { matchPriceKey, priceLookupKey } from "../../../src/domain/pricing-keys.js";

const TABLE = [
  "gpt-4o",
  "gpt-4o-mini",
  "claude-sonnet-4",
  "claude-opus-4",
  "claude-opus-4-5",
  "o3",
  "o3-mini",
];

describe("price lookup keys (SPEC §9.5)", () => {
  it.each([
    ["openai/gpt-4o-mini-2024-07-18", "gpt-4o-mini"],
    ["GPT-4o-2024-08-06", "gpt-4o"],
    ["anthropic/claude-sonnet-4-20250514", "claude-sonnet-4"],
    ["claude-sonnet-4-5", "claude-sonnet-4-5"],
    ["openrouter/openai/o3-mini", "o3-mini"],
  ])("normalises %s to %s", (model, key) => {
    expect(priceLookupKey(model)).toBe(key);
  });

  it.each([
    ["openai/gpt-4o-mini-2024-07-18", "gpt-4o-mini"],
    ["claude-sonnet-4-5", "claude-sonnet-4"],
    ["claude-opus-4-5-20251101", "claude-opus-4-5"],
    ["claude-opus-4-1", "claude-opus-4"],
    ["o3-mini-high", "o3-mini"],
    ["totally-unknown", null],
  ])("prices %s under the table key %s (exact, then longest prefix)", (model, key) => {
    expect(matchPriceKey(model, TABLE)).toBe(key);
  });
});
