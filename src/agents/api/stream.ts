/**
 * Turns one chat-completions response into an {@link AssembledResponse}:
 * streamed chunks (SSE, as the SDK yields them) or a non-streaming body. Text
 * deltas are concatenated; tool-call deltas are accumulated by `index`, since
 * fragments of several calls interleave and only a call's first delta carries
 * its id and name. Arguments stay raw text here: the loop parses them and
 * answers malformed JSON with a tool error rather than aborting.
 */
import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";

/** One tool call as the model made it. */
export interface AssembledToolCall {
  id: string;
  name: string;
  /** Raw JSON text of the arguments, exactly as streamed. */
  arguments: string;
}

/** Token usage of one response, input exclusive of the cached part (they are priced separately). */
export interface ResponseUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
}

export interface AssembledResponse {
  text: string;
  /** `reasoning_content` some servers (DeepSeek, vLLM) send beside the text. */
  reasoning: string;
  /** In index order. */
  toolCalls: AssembledToolCall[];
  finishReason: string | null;
  /** Null when the server sent none. */
  usage: ResponseUsage | null;
}

/** Maps the wire usage; `prompt_tokens` includes cached tokens on OpenAI's wire. */
export function toResponseUsage(u: CompletionUsage | null | undefined): ResponseUsage | null {
  if (!u) return null;
  const cached = Math.max(0, u.prompt_tokens_details?.cached_tokens ?? 0);
  return {
    input_tokens: Math.max(0, u.prompt_tokens - cached),
    cached_input_tokens: cached,
    output_tokens: Math.max(0, u.completion_tokens),
  };
}

/** Accumulates streamed tool-call deltas by index. */
export class ToolCallAssembler {
  private readonly calls = new Map<number, AssembledToolCall>();

  add(delta: ChatCompletionChunk.Choice.Delta.ToolCall): void {
    const call = this.calls.get(delta.index) ?? { id: "", name: "", arguments: "" };
    if (delta.id) call.id = delta.id;
    // Some servers repeat the name on every delta, others split it: append only new text.
    const name = delta.function?.name;
    if (name && !call.name.endsWith(name)) call.name += name;
    if (delta.function?.arguments) call.arguments += delta.function.arguments;
    this.calls.set(delta.index, call);
  }

  /** The calls in index order; a call without an id gets a stable synthetic one. */
  result(): AssembledToolCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => ({ ...c, id: c.id || `call_index_${index}` }));
  }
}

/** Consumes a streamed response to its end (`[DONE]`); throws what the stream throws. */
export async function assembleStream(
  chunks: AsyncIterable<ChatCompletionChunk>,
): Promise<AssembledResponse> {
  const calls = new ToolCallAssembler();
  let text = "";
  let reasoning = "";
  let finishReason: string | null = null;
  let usage: ResponseUsage | null = null;
  for await (const chunk of chunks) {
    // The include_usage chunk has `choices: []`; every earlier one `usage: null`.
    if (chunk.usage) usage = toResponseUsage(chunk.usage);
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta.content) text += choice.delta.content;
    const extra = (choice.delta as { reasoning_content?: unknown }).reasoning_content;
    if (typeof extra === "string") reasoning += extra;
    for (const d of choice.delta.tool_calls ?? []) calls.add(d);
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  return { text, reasoning, toolCalls: calls.result(), finishReason, usage };
}

/** The same shape from a non-streaming body (`provider.stream: false`). */
export function fromCompletion(c: ChatCompletion): AssembledResponse {
  const choice = c.choices[0];
  const message = choice?.message;
  const toolCalls: AssembledToolCall[] = [];
  for (const t of message?.tool_calls ?? []) {
    if (t.type === "function")
      toolCalls.push({ id: t.id, name: t.function.name, arguments: t.function.arguments });
  }
  const extra = (message as { reasoning_content?: unknown } | undefined)?.reasoning_content;
  return {
    text: message?.content ?? "",
    reasoning: typeof extra === "string" ? extra : "",
    toolCalls,
    finishReason: choice?.finish_reason ?? null,
    usage: toResponseUsage(c.usage),
  };
}
