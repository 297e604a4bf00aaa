/**
 * HTTP retry policy of the api backend (SPEC §10.3) as pure functions: what a
 * failed request was ({@link classifyFailure}), whether to try again
 * ({@link retryable}) and how long to wait ({@link delayMs}). The loop owns the
 * sleeping (injectable, so tests do not wait) and the attempt counter.
 */
import { APIError, APIUserAbortError } from "openai";
import { OompahError } from "../../domain/errors.js";

/** Attempts per request, the first one included. */
export const MAX_ATTEMPTS = 5;

/** A server asking for longer than this is waited for this long at most. */
export const MAX_RETRY_AFTER_MS = 600_000;

/** What went wrong with one request. */
export type ProviderFailure =
  | { kind: "http"; status: number; message: string; retryAfter: string | null; body: unknown }
  /** Connection refused/reset, timeout, a stream cut half-way. */
  | { kind: "network"; message: string }
  /** The session was cancelled. */
  | { kind: "aborted" }
  /** Anything oompah itself refused (e.g. the outbound guard); never retried. */
  | { kind: "fatal"; error: OompahError };

function header(headers: Headers | undefined, name: string): string | null {
  return headers?.get(name) ?? null;
}

/** Classifies anything the SDK (or the stream) threw. */
export function classifyFailure(e: unknown, signal?: AbortSignal): ProviderFailure {
  if (signal?.aborted || e instanceof APIUserAbortError) return { kind: "aborted" };
  if (e instanceof OompahError) return { kind: "fatal", error: e };
  if (e instanceof APIError && typeof e.status === "number") {
    const headers = e.headers as Headers | undefined;
    const ms = header(headers, "retry-after-ms");
    const retryAfter = header(headers, "retry-after");
    return {
      kind: "http",
      status: e.status,
      message: e.message,
      // `retry-after-ms` (OpenAI's finer variant) wins; kept as seconds text.
      retryAfter: ms !== null && /^\d+(\.\d+)?$/.test(ms) ? String(Number(ms) / 1000) : retryAfter,
      body: e.error,
    };
  }
  for (let c: unknown = e, i = 0; c instanceof Error && i < 8; c = c.cause, i++) {
    if (c instanceof OompahError) return { kind: "fatal", error: c };
  }
  return { kind: "network", message: e instanceof Error ? e.message : String(e) };
}

/** 429, 5xx and network failures are retried; 401/403 and other 4xx are not. */
export function retryable(f: ProviderFailure): boolean {
  if (f.kind === "network") return true;
  if (f.kind !== "http") return false;
  return f.status === 429 || (f.status >= 500 && f.status <= 599);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/**
 * Wait before retry number `attempt` (0 = the first retry): 429 honours
 * `Retry-After`, else `min(5 × 2^k, 120)` s; everything else `min(2^k, 30)` s.
 */
export function delayMs(attempt: number, f: ProviderFailure, now = Date.now()): number {
  if (f.kind === "http" && f.status === 429) {
    return parseRetryAfter(f.retryAfter, now) ?? Math.min(5 * 2 ** attempt, 120) * 1000;
  }
  return Math.min(2 ** attempt, 30) * 1000;
}

/** Sleeps `ms`, resolving early (without throwing) when `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
