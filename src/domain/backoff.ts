/**
 * Retry backoff (SPEC §7.9): the n-th consecutive failure waits
 * `min(10000 × 2^(n−1), agent.max_retry_backoff_ms)`; a rate-limited run also
 * waits for its provider's cooldown. Pure: every instant is an argument, so
 * tests of the delay sequence run in microseconds.
 */

/** Delay of the first retry, doubled for each further consecutive failure. */
export const BASE_RETRY_DELAY_MS = 10_000;

/**
 * Delay before retrying after the `failures`-th consecutive failure (n ≥ 1).
 * Values below 1 are treated as the first failure.
 */
export function retryDelayMs(failures: number, maxRetryBackoffMs: number): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^(n−1) overflows to Infinity long after the cap applies, so min() stays exact.
  return Math.min(BASE_RETRY_DELAY_MS * 2 ** (n - 1), maxRetryBackoffMs);
}

/** The delays of the first `count` consecutive failures (documentation and tests). */
export function retryDelaySequence(count: number, maxRetryBackoffMs: number): number[] {
  return Array.from({ length: count }, (_, i) => retryDelayMs(i + 1, maxRetryBackoffMs));
}

export interface RetryDueInput {
  /** Consecutive failures including the run that just ended. */
  failures: number;
  /** When the run ended (ms since epoch); backoff is measured from here. */
  endedAtMs: number;
  maxRetryBackoffMs: number;
  /** For `rate_limited`: when the provider cooldown ends (ms since epoch). */
  cooldownUntilMs?: number | null;
}

/** When the retry is due: run end + backoff, but never before a provider cooldown ends. */
export function retryDueAtMs(input: RetryDueInput): number {
  const backoff = input.endedAtMs + retryDelayMs(input.failures, input.maxRetryBackoffMs);
  return Math.max(backoff, input.cooldownUntilMs ?? 0);
}

/** `cooldown_until` for a provider that just rate-limited a run. */
export function providerCooldownUntilMs(nowMs: number, rateLimitCooldownMs: number): number {
  return nowMs + rateLimitCooldownMs;
}

/** True while a provider's cooldown is still running at `nowMs`. */
export function inCooldown(cooldownUntilMs: number | null | undefined, nowMs: number): boolean {
  return cooldownUntilMs !== null && cooldownUntilMs !== undefined && cooldownUntilMs > nowMs;
}
