/**
 * The built-in `api` backend (SPEC §10.3): any OpenAI-compatible chat
 * completions endpoint, driven by oompah's own loop. The key comes from the
 * injected resolver (providers store: `api_key_env`, else the stored key),
 * never from the child environment, and the SDK client is built by
 * `createOpenAIClient` so no stray `OPENAI_*` variable leaks in.
 */
import { isAbsolute } from "node:path";
import { OompahError } from "../../domain/errors.js";
import type { Provider } from "../../domain/provider.js";
import { createOpenAIClient } from "../../providers/openai-client.js";
import type { HostLookup } from "../../providers/outbound.js";
import type {
  AgentBackend,
  AgentSession,
  AgentTool,
  BackendAvailability,
  SessionOptions,
} from "../backend.js";
import { CONTROL_TOOL_NAMES, CONTROL_TOOLS } from "./control-tools.js";
import { DEFAULT_MAX_TOKENS } from "./history.js";
import { ApiSession } from "./loop.js";
import { abortableSleep, type Sleep } from "./retry.js";

export { CONTROL_TOOLS, decideControl } from "./control-tools.js";
export type { ControlDecision } from "./control-tools.js";
export { ApiSession } from "./loop.js";

/** Per-request timeout of §10.3. */
export const REQUEST_TIMEOUT_MS = 600_000;

export interface ApiBackendOptions {
  /** The provider's key (null: keyless endpoint); throws e.g. `secret_unavailable`. */
  apiKey: (provider: Provider) => string | null;
  /** `max_tokens` before clamping (default 32,768). */
  maxTokens?: number;
  requestTimeoutMs?: number;
  /** Retry waits; tests inject a fast one. */
  sleep?: Sleep;
  /** Wall clock in ms (for `Retry-After` dates). */
  now?: () => number;
  lookup?: HostLookup;
  fetch?: typeof fetch;
  /** Told about every retry wait (run log). */
  onRetry?: (info: { runId: string; attempt: number; delay_ms: number; reason: string }) => void;
}

/** The session tools with oompah's own `finish` / `ask_question` replacing any of the same name. */
export function sessionTools(tools: readonly AgentTool[]): AgentTool[] {
  return [...tools.filter((t) => !CONTROL_TOOL_NAMES.has(t.name)), ...CONTROL_TOOLS];
}

/** The model of a session: the routed one, else the provider's default, else its first. */
export function sessionModel(opts: Pick<SessionOptions, "model" | "provider">): string {
  const model = opts.model || opts.provider.default_model || opts.provider.models[0];
  if (!model)
    throw new OompahError("provider_misconfigured", `provider ${opts.provider.id} names no model`, {
      hint: "set default_model on the provider or a model on the profile",
    });
  return model;
}

export function createApiBackend(options: ApiBackendOptions): AgentBackend {
  return {
    kind: "api",
    available(): Promise<BackendAvailability> {
      return Promise.resolve({ ok: true });
    },
    startSession(opts: SessionOptions): Promise<AgentSession> {
      try {
        if (!isAbsolute(opts.cwd))
          throw new OompahError("workspace_error", `session cwd must be absolute: ${opts.cwd}`);
        const model = sessionModel(opts);
        const apiKey = options.apiKey(opts.provider);
        const client = createOpenAIClient(opts.provider, {
          apiKey,
          timeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
          maxRetries: 0,
          ...(options.lookup ? { lookup: options.lookup } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
        const onRetry = options.onRetry;
        return Promise.resolve(
          new ApiSession(opts, {
            client,
            model,
            apiKey,
            tools: sessionTools(opts.tools),
            maxTokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
            sleep: options.sleep ?? abortableSleep,
            now: options.now ?? Date.now,
            ...(onRetry ? { onRetry: (i) => onRetry({ runId: opts.runId, ...i }) } : {}),
          }),
        );
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
  };
}
