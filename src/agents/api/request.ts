/**
 * One chat-completions request with the retries of SPEC §10.3: up to
 * {@link MAX_ATTEMPTS} attempts, waits from the pure policy in `retry.ts`,
 * the sleep injected. A response counts only once it has been read to the
 * end, so a stream cut half-way is retried as a whole and nothing of it has
 * been emitted. A context-overflow 400 is reported as `context_overflow` (with
 * the window size when the body names one) for the loop to prune and retry.
 */
import type OpenAI from "openai";
import type { ChatCompletionTool } from "openai/resources/chat/completions";
import { OompahError } from "../../domain/errors.js";
import type { Provider } from "../../domain/provider.js";
import { providerError } from "../../providers/openai-client.js";
import { contextLimitFromError, isContextOverflow, type ChatMessage } from "./history.js";
import {
  classifyFailure,
  delayMs,
  MAX_ATTEMPTS,
  retryable,
  type ProviderFailure,
  type Sleep,
} from "./retry.js";
import { assembleStream, fromCompletion, type AssembledResponse } from "./stream.js";

export interface RequestDeps {
  client: OpenAI;
  provider: Provider;
  /** For redacting provider error text. */
  apiKey: string | null;
  sleep: Sleep;
  now: () => number;
  /** Told before each wait (for the run log). */
  onRetry?: (info: { attempt: number; delay_ms: number; reason: string }) => void;
}

export interface RequestInput {
  model: string;
  messages: ChatMessage[];
  tools: ChatCompletionTool[];
  maxTokens: number;
  signal: AbortSignal;
}

/** Thrown when the session's signal aborted the request. */
export class RequestAborted extends Error {
  constructor() {
    super("request aborted");
    this.name = "RequestAborted";
  }
}

async function once(deps: RequestDeps, input: RequestInput): Promise<AssembledResponse> {
  const params = {
    model: input.model,
    messages: input.messages,
    max_tokens: input.maxTokens,
    ...(input.tools.length ? { tools: input.tools, tool_choice: "auto" as const } : {}),
  };
  // A signal of this request only: the SDK adds an abort listener to the signal it is
  // given and never removes it, so the session's own signal would collect one per turn.
  const request = new AbortController();
  const forward = (): void => request.abort(input.signal.reason);
  if (input.signal.aborted) forward();
  else input.signal.addEventListener("abort", forward, { once: true });
  const options = { signal: request.signal };
  try {
    if (!deps.provider.stream)
      return fromCompletion(
        await deps.client.chat.completions.create({ ...params, stream: false }, options),
      );
    const stream = await deps.client.chat.completions.create(
      { ...params, stream: true, stream_options: { include_usage: true } },
      options,
    );
    const r = await assembleStream(stream);
    // The SDK ends the iteration quietly when aborted; a stream with neither a
    // finish reason nor usage was cut off without an error (retried as a network failure).
    if (!input.signal.aborted && r.finishReason === null && r.usage === null)
      throw new IncompleteStream();
    return r;
  } finally {
    input.signal.removeEventListener("abort", forward);
  }
}

class IncompleteStream extends Error {
  constructor() {
    super("the stream ended before the response was complete");
    this.name = "IncompleteStream";
  }
}

function describe(f: ProviderFailure): string {
  if (f.kind === "http") return `HTTP ${f.status}`;
  if (f.kind === "network") return f.message;
  return f.kind;
}

function finalError(f: ProviderFailure, raw: unknown, deps: RequestDeps): OompahError {
  if (f.kind === "fatal") return f.error;
  if (f.kind === "http" && f.status === 429)
    return new OompahError(
      "rate_limited",
      `provider ${deps.provider.id} kept answering 429 after ${MAX_ATTEMPTS} attempts`,
      {
        hint: "wait, lower agent concurrency or raise the provider's rate limit",
        details: { retryable: true },
      },
    );
  if (f.kind === "http" && isContextOverflow(f.status, f.message, f.body)) {
    const limit = contextLimitFromError(f.message, f.body);
    return new OompahError("context_overflow", `the prompt exceeds the model's context window`, {
      details: { limit },
    });
  }
  return providerError(raw, deps.provider, deps.apiKey);
}

/** Sends the request, retrying what the policy allows; throws an OompahError or {@link RequestAborted}. */
export async function requestCompletion(
  deps: RequestDeps,
  input: RequestInput,
): Promise<AssembledResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await once(deps, input);
      if (input.signal.aborted) throw new RequestAborted();
      return response;
    } catch (e) {
      if (e instanceof RequestAborted) throw e;
      const f = classifyFailure(e, input.signal);
      if (f.kind === "aborted") throw new RequestAborted();
      if (!retryable(f) || attempt + 1 >= MAX_ATTEMPTS) throw finalError(f, e, deps);
      const wait = delayMs(attempt, f, deps.now());
      deps.onRetry?.({ attempt: attempt + 1, delay_ms: wait, reason: describe(f) });
      await deps.sleep(wait, input.signal);
      if (input.signal.aborted) throw new RequestAborted();
    }
  }
}
