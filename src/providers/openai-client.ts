/**
 * The one place that builds an OpenAI SDK client for a provider. The SDK reads
 * `OPENAI_*` environment variables when an option is absent, so every option
 * that matters is passed explicitly: a provider must never pick up a key or an
 * endpoint meant for something else. Requests go through the outbound guard
 * (§19.6), and SDK errors are mapped onto oompah's stable provider codes.
 */
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { OompahError } from "../domain/errors.js";
import type { Provider } from "../domain/provider.js";
import { guardedFetch, type HostLookup } from "./outbound.js";

export interface OpenAIClientOptions {
  /** The resolved key, or null for keyless endpoints (no Authorization header is sent). */
  apiKey: string | null;
  timeoutMs: number;
  /** Retries inside the SDK; the probe uses 0 so a test is one request. */
  maxRetries?: number;
  lookup?: HostLookup;
  /** Underlying fetch (tests may inject one). */
  fetch?: typeof fetch;
}

/** An SDK client for `provider.base_url`; `provider_misconfigured` when it has none. */
export function createOpenAIClient(provider: Provider, opts: OpenAIClientOptions): OpenAI {
  if (!provider.base_url) {
    throw new OompahError("provider_misconfigured", `provider ${provider.id} has no base_url`, {
      hint: "set base_url to the OpenAI-compatible root, e.g. https://api.openai.com/v1",
    });
  }
  return new OpenAI({
    baseURL: provider.base_url,
    apiKey: opts.apiKey ?? "unused",
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: opts.timeoutMs,
    maxRetries: opts.maxRetries ?? 0,
    fetch: guardedFetch({
      ...(opts.lookup ? { lookup: opts.lookup } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    }),
    // A null header is removed by the SDK: keyless servers (Ollama, vLLM) get no bearer.
    ...(opts.apiKey === null ? { defaultHeaders: { Authorization: null } } : {}),
    logLevel: "off",
  });
}

function causeChain(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let c: unknown = e; c !== undefined && c !== null && out.length < 8;) {
    out.push(c);
    c = c instanceof Error ? c.cause : undefined;
  }
  return out;
}

/** Replaces every occurrence of the secret (length ≥ 8) so provider error text never echoes a key. */
export function redactSecret(text: string, secret: string | null): string {
  return secret && secret.length >= 8 ? text.split(secret).join("[REDACTED]") : text;
}

/**
 * Maps anything the SDK throws onto a stable code: 401/403 → `provider_auth_failed`,
 * other 4xx → `provider_request_rejected`, 5xx → `provider_error`, timeouts →
 * `provider_timeout`, connection failures → `provider_unreachable`; an
 * OompahError raised by the outbound guard is passed through unchanged.
 */
export function providerError(e: unknown, provider: Provider, apiKey: string | null): OompahError {
  const own = causeChain(e).find((c): c is OompahError => c instanceof OompahError);
  if (own) return own;
  const where = `provider ${provider.id} (${provider.base_url ?? "no base_url"})`;
  const clean = (s: string): string => redactSecret(s, apiKey);
  if (e instanceof APIConnectionTimeoutError) {
    return new OompahError("provider_timeout", `${where} did not answer in time`);
  }
  if (e instanceof APIUserAbortError) {
    return new OompahError("provider_timeout", `${where}: request aborted`);
  }
  if (e instanceof APIError && typeof e.status === "number") {
    const status = e.status;
    const details = { status };
    if (status === 401 || status === 403) {
      return new OompahError(
        "provider_auth_failed",
        clean(`${where} refused the credentials: ${e.message}`),
        {
          hint: "check api_key_env (or the stored key) for this provider",
          details,
        },
      );
    }
    if (status >= 400 && status < 500) {
      return new OompahError(
        "provider_request_rejected",
        clean(`${where} rejected the request: ${e.message}`),
        {
          details,
        },
      );
    }
    return new OompahError("provider_error", clean(`${where} failed: ${e.message}`), { details });
  }
  const root = causeChain(e).at(-1);
  const code = (root as NodeJS.ErrnoException | undefined)?.code;
  return new OompahError(
    "provider_unreachable",
    `${where} is unreachable${code ? ` (${code})` : ""}`,
    {
      hint: "check the base URL and that the server is running",
    },
  );
}
