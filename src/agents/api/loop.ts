/**
 * One api session (SPEC §10.3): the loop over chat completions. Each model
 * response is one turn: its text, its usage (per request, `cumulative:
 * false`, so nothing is counted twice), then its tool calls executed in order,
 * then `turn_completed` — so the orchestrator's stall judge sees the turn's
 * tool results before judging it. The loop never judges productivity; it
 * stops on a response without tool calls (`end_turn`), `finish`,
 * `ask_question`, the turn ceiling, a provider error or cancellation.
 *
 * Lifecycle as in `backend.ts`: after `end_turn` the session idles until
 * `continue(text)` (a new user message) or `cancel()`; cancelling aborts the
 * in-flight request, a retry wait and the running tool through one signal.
 */
import type OpenAI from "openai";
import { OompahError, isOompahError } from "../../domain/errors.js";
import type { AgentTool, SessionOptions } from "../backend.js";
import type { AgentEvent, TurnEndEvent } from "../events.js";
import { IdleSession, idlesAfter } from "../idle-session.js";
import type { ChatMessage } from "./history.js";
import { assistantMessage, openingMessages, toolSchemas } from "./messages.js";
import { RequestAborted, requestCompletion, type RequestDeps } from "./request.js";
import type { AssembledResponse } from "./stream.js";
import { executeCall, toolCallEvent } from "./tool-calls.js";
import { ContextWindow } from "./window.js";

export interface ApiLoopConfig {
  client: OpenAI;
  model: string;
  apiKey: string | null;
  /** Session tools plus the control tools, in offering order. */
  tools: readonly AgentTool[];
  maxTokens: number;
  sleep: RequestDeps["sleep"];
  now: () => number;
  onRetry?: RequestDeps["onRetry"];
}

export class ApiSession extends IdleSession {
  readonly events: AsyncIterable<AgentEvent>;
  private messages: ChatMessage[];
  private readonly window: ContextWindow;
  private turn = 0;

  constructor(
    private readonly opts: SessionOptions,
    private readonly cfg: ApiLoopConfig,
  ) {
    super("api", opts.signal);
    this.messages = openingMessages(opts.prompt, opts.history);
    this.window = new ContextWindow(opts.provider.model_contexts[cfg.model] ?? null, cfg.maxTokens);
    this.events = this.play();
  }

  protected override continued(text: string): void {
    this.messages.push({ role: "user", content: text });
  }

  private async *play(): AsyncGenerator<AgentEvent, void, undefined> {
    try {
      for (;;) {
        const end = yield* this.prompt();
        // After `finish` the session stays open too: a finish that changed nothing
        // gets the §7.6 continuation on the same conversation.
        const idles = idlesAfter(end);
        if (idles) this.phase = "idle";
        yield end;
        if (!idles || !(await this.awaitContinuation())) return;
      }
    } finally {
      this.phase = "done";
    }
  }

  /** Runs turns until the prompt ends; returns the `turn_end` to emit. */
  private async *prompt(): AsyncGenerator<AgentEvent, TurnEndEvent, undefined> {
    const cancelled: TurnEndEvent = { type: "turn_end", reason: "cancelled" };
    for (;;) {
      if (this.stop.signal.aborted) return cancelled;
      if (this.turn >= this.opts.maxTurns) return { type: "turn_end", reason: "max_turns" };
      let response: AssembledResponse;
      try {
        response = await this.request();
      } catch (e) {
        if (e instanceof RequestAborted || this.stop.signal.aborted) return cancelled;
        const err = isOompahError(e) ? e : new OompahError("agent_error", String(e));
        return { type: "turn_end", reason: "error", error: err.toJSON() };
      }
      const n = ++this.turn;
      if (response.reasoning) yield { type: "thinking", text: response.reasoning };
      if (response.text) yield { type: "text", text: response.text };
      if (response.usage) yield { type: "usage", ...response.usage, cumulative: false };
      this.messages.push(assistantMessage(response));
      let end: TurnEndEvent | null = null;
      for (const call of response.toolCalls) {
        if (this.stop.signal.aborted) break;
        yield toolCallEvent(call, this.cfg.tools);
        if (this.stop.signal.aborted) {
          yield { type: "tool_result", id: call.id, ok: false, output: "cancelled: not run" };
          break;
        }
        const done = await executeCall(call, this.cfg.tools, {
          runId: this.opts.runId,
          worktree: this.opts.cwd,
          signal: this.stop.signal,
        });
        yield done.result;
        this.messages.push({ role: "tool", tool_call_id: call.id, content: done.result.output });
        if (done.control?.kind === "finish") {
          const { summary, no_changes_needed } = done.control;
          end = { type: "turn_end", reason: "finish", summary, no_changes_needed };
        } else if (done.control?.kind === "question")
          end = { type: "turn_end", reason: "question", question: done.control.question };
        if (end) break;
      }
      yield { type: "turn_completed", n };
      if (end) return end;
      if (this.stop.signal.aborted) return cancelled;
      if (response.toolCalls.length === 0)
        return response.finishReason === "content_filter"
          ? {
              type: "turn_end",
              reason: "refusal",
              summary: "the provider's content filter stopped the answer",
            }
          : { type: "turn_end", reason: "end_turn" };
    }
  }

  /** Sends the history through the context window (prune, clamp, one overflow retry). */
  private async request(): Promise<AssembledResponse> {
    const tools = toolSchemas(this.cfg.tools);
    const deps: RequestDeps = {
      client: this.cfg.client,
      provider: this.opts.provider,
      apiKey: this.cfg.apiKey,
      sleep: this.cfg.sleep,
      now: this.cfg.now,
      ...(this.cfg.onRetry ? { onRetry: this.cfg.onRetry } : {}),
    };
    const { result, messages } = await this.window.send(this.messages, (msgs, maxTokens) =>
      requestCompletion(deps, {
        model: this.cfg.model,
        messages: msgs,
        tools,
        maxTokens,
        signal: this.stop.signal,
      }),
    );
    this.messages = messages;
    return result;
  }
}
