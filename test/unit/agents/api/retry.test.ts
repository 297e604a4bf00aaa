import { APIConnectionError, APIError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import {
  classifyFailure,
  delayMs,
  parseRetryAfter,
  retryable,
  type ProviderFailure,
} from "../../../../src/agents/api/retry.js";
import { OompahError } from "../../../../src/domain/errors.js";

const http = (status: number, retryAfter: string | null = null): ProviderFailure => ({
  kind: "http",
  status,
  message: "x",
  retryAfter,
  body: undefined,
});

describe("retry policy (SPEC §10.3)", () => {
  it("[C109] retries 429, 5xx and network failures; never 401/403 or other 4xx", () => {
    expect(retryable(http(429))).toBe(true);
    expect(retryable(http(503))).toBe(true);
    expect(retryable(http(500))).toBe(true);
    expect(retryable({ kind: "network", message: "ECONNRESET" })).toBe(true);
    expect(retryable(http(401))).toBe(false);
    expect(retryable(http(403))).toBe(false);
    expect(retryable(http(400))).toBe(false);
    expect(retryable(http(404))).toBe(false);
    expect(retryable({ kind: "aborted" })).toBe(false);
  });

  it("[C109] waits Retry-After (seconds or HTTP date) on 429, else min(5·2^k, 120) s", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(delayMs(0, http(429, "3"), now)).toBe(3_000);
    expect(delayMs(0, http(429, "Thu, 01 Jan 2026 00:00:07 GMT"), now)).toBe(7_000);
    expect(delayMs(0, http(429, "Thu, 01 Jan 2025 00:00:07 GMT"), now)).toBe(0);
    expect([0, 1, 2, 3, 4, 5].map((k) => delayMs(k, http(429), now))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 120_000,
    ]);
    expect(delayMs(0, http(429, "soon"), now)).toBe(5_000);
  });

  it("waits min(2^k, 30) s for 5xx and network failures", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((k) => delayMs(k, http(503)))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(delayMs(2, { kind: "network", message: "reset" })).toBe(4_000);
  });

  it("parses Retry-After forms", () => {
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter(" 1.5 ", 0)).toBe(1_500);
    expect(parseRetryAfter("100000", 0)).toBe(600_000);
  });

  it("classifies SDK errors", () => {
    const headers = new Headers({ "retry-after": "3" });
    expect(
      classifyFailure(APIError.generate(429, { message: "slow" }, undefined, headers)),
    ).toMatchObject({
      kind: "http",
      status: 429,
      retryAfter: "3",
    });
    expect(
      classifyFailure(
        APIError.generate(429, undefined, undefined, new Headers({ "retry-after-ms": "250" })),
      ),
    ).toMatchObject({ retryAfter: "0.25" });
    expect(classifyFailure(new APIConnectionError({ message: "reset" }))).toMatchObject({
      kind: "network",
    });
    expect(classifyFailure(new APIUserAbortError())).toEqual({ kind: "aborted" });
    const own = new OompahError("outbound_url_refused", "no");
    expect(classifyFailure(new Error("wrapped", { cause: own }))).toEqual({
      kind: "fatal",
      error: own,
    });
    const aborted = new AbortController();
    aborted.abort();
    expect(classifyFailure(new TypeError("terminated"), aborted.signal)).toEqual({
      kind: "aborted",
    });
  });
});
