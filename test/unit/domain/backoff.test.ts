import { describe, expect, it } from "vitest";
import {
  inCooldown,
  providerCooldownUntilMs,
  retryDelayMs,
  retryDelaySequence,
  retryDueAtMs,
} from "../../../src/domain/backoff.js";

describe("retry backoff (SPEC §7.9)", () => {
  it("[C67] successive failures wait 10, 20, 40, 80, 160, 300, 300 … s with the 300000 ms cap", () => {
    expect(retryDelaySequence(9, 300_000).map((ms) => ms / 1000)).toEqual([
      10, 20, 40, 80, 160, 300, 300, 300, 300,
    ]);
  });

  it("[C67] the delay is measured from the run's end", () => {
    const endedAtMs = Date.parse("2024-05-01T12:00:00Z");
    expect(retryDueAtMs({ failures: 3, endedAtMs, maxRetryBackoffMs: 300_000 })).toBe(
      endedAtMs + 40_000,
    );
  });

  it("follows min(10000 × 2^(n−1), max) for other caps and survives huge n", () => {
    expect(retryDelayMs(1, 5_000)).toBe(5_000);
    expect(retryDelayMs(4, 1_000_000)).toBe(80_000);
    expect(retryDelayMs(5_000, 300_000)).toBe(300_000);
    expect(retryDelayMs(0, 300_000)).toBe(10_000);
  });

  it("a rate-limited retry is due at the later of cooldown end and backoff", () => {
    const endedAtMs = 1_000_000;
    const cooldown = providerCooldownUntilMs(endedAtMs, 120_000);
    expect(cooldown).toBe(1_120_000);
    expect(
      retryDueAtMs({
        failures: 1,
        endedAtMs,
        maxRetryBackoffMs: 300_000,
        cooldownUntilMs: cooldown,
      }),
    ).toBe(1_120_000);
    expect(
      retryDueAtMs({
        failures: 6,
        endedAtMs,
        maxRetryBackoffMs: 300_000,
        cooldownUntilMs: cooldown,
      }),
    ).toBe(1_300_000);
  });

  it("a cooldown runs until its end instant, exclusive", () => {
    expect(inCooldown(2_000, 1_999)).toBe(true);
    expect(inCooldown(2_000, 2_000)).toBe(false);
    expect(inCooldown(null, 0)).toBe(false);
  });
});
