/**
 * The agent-backend contract (SPEC §10.1). Every mechanism that drives an
 * agent — the built-in api loop, ACP, the Claude and Codex SDKs, the command
 * backend and the mock — implements {@link AgentBackend}; the orchestrator
 * and the console only ever talk to this interface.
 *
 * Session lifecycle: `events` is one async iterable for the whole session.
 * A prompt ends with exactly one `turn_end`. After `turn_end(end_turn)` the
 * iterable stays open and waits for `continue(text)` (a continuation on the
 * same session) or `cancel()`; after any other `turn_end` it completes.
 * `cancel()` (or aborting `signal`) stops a running prompt promptly with
 * `turn_end(cancelled)` and completes the iterable; the caller kills anything
 * left after `agent.shutdown_grace_ms`.
 */
import type { Backend } from "../domain/provider.js";
import type { Provider } from "../domain/provider.js";
import type { ToolKind } from "../domain/tool-kind.js";
import type { AgentEvent } from "./events.js";

/** The backend kinds of §10 (`provider.backend`). */
export type BackendKind = Backend;

export type BackendAvailability =
  { ok: true } | { ok: false; code: "backend_unavailable"; hint: string };

/** An inline prompt part (§14.4): images and audio for capable models. */
export type PromptPart =
  | { type: "text"; text: string }
  | { type: "image"; mime_type: string; data_base64: string; name?: string }
  | { type: "audio"; mime_type: string; data_base64: string; name?: string };

/** The rendered prompt: its text plus any inline parts (empty for text-only models). */
export interface PromptContent {
  text: string;
  parts: readonly PromptPart[];
}

/** What a tool gets besides its arguments; never globals. */
export interface ToolContext {
  runId: string;
  /** Absolute worktree path; every path the tool touches must stay inside it. */
  worktree: string;
  signal: AbortSignal;
}

/** A tool's answer, returned to the model as plain text. */
export interface ToolOutcome {
  ok: boolean;
  output: string;
  /** `run_command` only. */
  exit_code?: number;
}

/** One tool offered to the agent (§10.2). */
export interface AgentTool {
  name: string;
  /** Model-facing description. */
  description: string;
  kind: ToolKind;
  /** JSON Schema of the arguments, as shown to the model. */
  parameters: Readonly<Record<string, unknown>>;
  execute(args: unknown, ctx: ToolContext): Promise<ToolOutcome>;
}

/** The tools of a session, in the order they are offered. */
export type ToolSet = readonly AgentTool[];

/** Prior conversation for console turns (§16.3), already translated for the target backend. */
export type BackendHistory =
  | { format: "claude_messages"; messages: readonly unknown[] }
  | { format: "responses_items"; items: readonly unknown[] }
  | { format: "chat_messages"; messages: readonly unknown[] }
  | { format: "text_preamble"; text: string };

/** Who the session works for; informational (logs, the mock's script choice). */
export interface SessionIssue {
  id: string;
  identifier: string;
  title: string;
  labels: readonly string[];
}

export interface SessionOptions {
  runId: string;
  /** The worktree, absolute. */
  cwd: string;
  prompt: PromptContent;
  provider: Provider;
  /** Null lets a session backend use its own default. */
  model: string | null;
  tools: ToolSet;
  /** The scrubbed child environment of §19.5, run variables included. */
  env: Record<string, string>;
  maxTurns: number;
  /** Console only (§16). */
  history?: BackendHistory;
  /** Aborting it is the same as `cancel("aborted")`. */
  signal: AbortSignal;
  issue?: SessionIssue;
}

export interface AgentSession {
  events: AsyncIterable<AgentEvent>;
  /** Sends a continuation prompt on the same session/thread (after `turn_end(end_turn)`). */
  continue(text: string): Promise<void>;
  /** Graceful stop; resolves once the stop was requested, not when the agent is gone. */
  cancel(reason: string): Promise<void>;
}

export interface AgentBackend {
  readonly kind: BackendKind;
  available(): Promise<BackendAvailability>;
  /** Rejects with `backend_unavailable` when {@link available} would say so. */
  startSession(opts: SessionOptions): Promise<AgentSession>;
}
