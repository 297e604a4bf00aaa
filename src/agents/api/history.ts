/**
 * Context-window management of the api loop (SPEC §10.3): the prompt-size
 * estimate (characters ÷ 4), history pruning, the `max_tokens` clamp and the
 * recognition of a provider's context-overflow 400.
 *
 * Pruning drops whole units — an assistant message and every tool message
 * answering it — oldest first, because a tool message without its assistant
 * call (or the reverse) is rejected by every chat-completions server. System
 * and user messages are never dropped: the system message and the rendered
 * prompt carry the task, and continuation prompts are short.
 *
 * The 90 % rule reserves `min(max_tokens, context ÷ 4)` for the answer rather
 * than the full default of 32,768: with a 32k-window model the full default
 * alone would exceed 90 % and prune everything, while for large windows the
 * two are the same.
 *
 * Long before the window fills, tool results the model has already acted on
 * are shortened (head and tail kept, as the §10.2 caps do): a session that
 * resent every file it ever read would pay for it on every later request.
 * Nothing is removed, so the message sequence stays valid; a shortened result
 * says so and how to see it again. See {@link shortenStaleToolResults}.
 */
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { elideMiddle } from "./tools/truncate.js";

export type ChatMessage = ChatCompletionMessageParam;

/** `max_tokens` when nothing clamps it. */
export const DEFAULT_MAX_TOKENS = 32_768;
/** Kept free below the context window when clamping `max_tokens`. */
export const CONTEXT_MARGIN_TOKENS = 1_024;
/** Share of the context window the prompt plus answer reserve may fill. */
export const PRUNE_THRESHOLD = 0.9;

/** Estimated prompt tokens: serialised characters ÷ 4, rounded up. */
export function estimateTokens(messages: readonly ChatMessage[]): number {
  return Math.ceil(JSON.stringify(messages).length / 4);
}

/** Tokens kept for the answer when deciding whether to prune. */
export function answerReserve(maxTokens: number, context: number): number {
  return Math.min(maxTokens, Math.floor(context / 4));
}

export interface PruneResult {
  messages: ChatMessage[];
  /** Assistant messages dropped (each with its tool results). */
  dropped: number;
}

/** Index range [start, end) of the oldest assistant unit, or null when none is left. */
function oldestUnit(messages: readonly ChatMessage[]): [number, number] | null {
  const start = messages.findIndex((m) => m.role === "assistant");
  if (start < 0) return null;
  let end = start + 1;
  while (end < messages.length && messages[end]?.role === "tool") end++;
  return [start, end];
}

/**
 * Drops the oldest assistant units until the estimate plus the answer reserve
 * fits in 90 % of `context`, or nothing droppable is left.
 */
export function pruneHistory(
  messages: readonly ChatMessage[],
  context: number,
  maxTokens: number,
): PruneResult {
  const limit = PRUNE_THRESHOLD * context;
  const reserve = answerReserve(maxTokens, context);
  let out = [...messages];
  let dropped = 0;
  while (estimateTokens(out) + reserve > limit) {
    const unit = oldestUnit(out);
    if (!unit) break;
    out = [...out.slice(0, unit[0]), ...out.slice(unit[1])];
    dropped++;
  }
  return { messages: out, dropped };
}

/** Assistant messages, newest first, whose tool results are always sent in full. */
export const RECENT_TOOL_UNITS = 4;
/** Longest an older tool result stays, in characters, its note included. */
export const STALE_TOOL_RESULT_CHARS = 1_000;
/** First line of a shortened tool result. */
export const STALE_TOOL_RESULT_NOTE =
  "[older tool result, shortened to save context; call the tool again to see all of it]";

/**
 * Shortens the tool results of every assistant message older than the newest
 * `keepUnits` to `maxChars` characters: the note, then the result's head and
 * tail with the middle elided (`…[N chars elided]…`). Short results, system,
 * user and assistant messages are kept as they are (the same objects). A
 * shortened result fits `maxChars`, so it is never shortened again: the
 * history before the newest units stays byte-identical from one request to
 * the next, as providers' prompt caches need.
 */
export function shortenStaleToolResults(
  messages: readonly ChatMessage[],
  keepUnits = RECENT_TOOL_UNITS,
  maxChars = STALE_TOOL_RESULT_CHARS,
): { messages: ChatMessage[]; shortened: number } {
  const out = [...messages];
  let units = 0;
  let shortened = 0;
  const budget = Math.max(0, maxChars - STALE_TOOL_RESULT_NOTE.length - 1);
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i];
    if (m?.role === "assistant") units++;
    // `units` assistant messages come after this tool message; its own comes before it.
    if (m?.role !== "tool" || units < keepUnits) continue;
    if (typeof m.content !== "string" || m.content.length <= maxChars) continue;
    out[i] = { ...m, content: `${STALE_TOOL_RESULT_NOTE}\n${elideMiddle(m.content, budget)}` };
    shortened++;
  }
  return { messages: out, shortened };
}

/** `max_tokens` for a request: the default, clamped to `context − prompt − 1,024` when the window is known. */
export function clampMaxTokens(
  maxTokens: number,
  context: number | null,
  estimatedPrompt: number,
): number {
  if (context === null) return maxTokens;
  return Math.max(1, Math.min(maxTokens, context - estimatedPrompt - CONTEXT_MARGIN_TOKENS));
}

const OVERFLOW =
  /context[ _-]?(length|window)|maximum context|context_length_exceeded|too many tokens|prompt is too long|reduce the length/i;
const LIMIT =
  /(?:maximum context length|context length|context window|context size|max(?:imum)? tokens?)[^0-9]{0,40}?(\d{3,})/i;

function errorText(message: string, body: unknown): string {
  return `${message} ${body === undefined ? "" : JSON.stringify(body)}`;
}

/** True when a 400 says the prompt does not fit the model's window. */
export function isContextOverflow(status: number, message: string, body: unknown): boolean {
  return status === 400 && OVERFLOW.test(errorText(message, body));
}

/** The window size named in an overflow error (`maximum context length is 8192 tokens`), if any. */
export function contextLimitFromError(message: string, body: unknown): number | null {
  const m = LIMIT.exec(errorText(message, body));
  return m?.[1] ? Number(m[1]) : null;
}
