/**
 * Failed-authentication limiter (§19.2): once an address has failed
 * `max` times within `windowMs`, every credentialed attempt from it is refused
 * until the oldest failure ages out — even a correct one, so guessing stays blind.
 */

/** Tracks failures per peer address. */
export interface FailureLimiter {
  /** Seconds until the address may try again; 0 when it is not blocked. */
  retryAfter(address: string): number;
  recordFailure(address: string): void;
}

/** Bounds memory when many addresses fail: the oldest addresses are forgotten first. */
const MAX_TRACKED_ADDRESSES = 10_000;

export function createFailureLimiter(opts: {
  max: number;
  windowMs: number;
  now: () => number;
}): FailureLimiter {
  const failures = new Map<string, number[]>();

  const recent = (address: string): number[] => {
    const cutoff = opts.now() - opts.windowMs;
    const times = (failures.get(address) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) failures.delete(address);
    else failures.set(address, times);
    return times;
  };

  return {
    retryAfter(address) {
      const times = recent(address);
      if (times.length < opts.max) return 0;
      const oldest = times[times.length - opts.max] ?? opts.now();
      return Math.max(1, Math.ceil((oldest + opts.windowMs - opts.now()) / 1000));
    },
    recordFailure(address) {
      const times = recent(address);
      times.push(opts.now());
      failures.delete(address);
      failures.set(address, times);
      while (failures.size > MAX_TRACKED_ADDRESSES) {
        const first = failures.keys().next();
        if (first.done === true) break;
        failures.delete(first.value);
      }
    },
  };
}
