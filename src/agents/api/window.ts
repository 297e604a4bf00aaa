/**
 * The context window of one api session (SPEC §10.3): before each request
 * tool results older than the newest few assistant messages are shortened,
 * then the history is pruned and `max_tokens` clamped against the known
 * window (`provider.model_contexts`); a context-overflow 400 teaches the
 * session the real window (from the error body, else three quarters of what
 * was sent), after which the request is pruned again and retried once.
 */
import { isOompahError } from "../../domain/errors.js";
import {
  clampMaxTokens,
  estimateTokens,
  pruneHistory,
  shortenStaleToolResults,
  type ChatMessage,
} from "./history.js";

export class ContextWindow {
  constructor(
    private context: number | null,
    private readonly maxTokens: number,
  ) {}

  /** The history to send and its `max_tokens`. */
  fit(history: readonly ChatMessage[]): { messages: ChatMessage[]; maxTokens: number } {
    const shortened = shortenStaleToolResults(history).messages;
    const messages =
      this.context === null
        ? shortened
        : pruneHistory(shortened, this.context, this.maxTokens).messages;
    return {
      messages,
      maxTokens: clampMaxTokens(this.maxTokens, this.context, estimateTokens(messages)),
    };
  }

  /**
   * Sends `history` (fitted) through `send`; on the first `context_overflow`
   * shrinks the window and tries once more. Returns the result and the
   * history as it was last sent (pruning is kept for later requests).
   */
  async send<T>(
    history: readonly ChatMessage[],
    send: (messages: ChatMessage[], maxTokens: number) => Promise<T>,
  ): Promise<{ result: T; messages: ChatMessage[] }> {
    for (let retried = false; ; retried = true) {
      const { messages, maxTokens } = this.fit(history);
      try {
        return { result: await send(messages, maxTokens), messages };
      } catch (e) {
        if (!isOompahError(e) || e.code !== "context_overflow" || retried) throw e;
        const limit = e.details?.limit;
        const window =
          typeof limit === "number"
            ? limit
            : Math.floor((estimateTokens(messages) + maxTokens) * 0.75);
        this.context = Math.min(this.context ?? window, window);
        history = messages;
      }
    }
  }
}
