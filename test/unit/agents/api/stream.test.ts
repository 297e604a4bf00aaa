import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { assembleStream, ToolCallAssembler } from "../../../../src/agents/api/stream.js";
import { streamDeltas } from "../../../fakes/openai-server.js";

function chunk(delta: Record<string, unknown>, finish: string | null = null): ChatCompletionChunk {
  return {
    id: "c",
    object: "chat.completion.chunk",
    created: 0,
    model: "m",
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  } as ChatCompletionChunk;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const i of items) yield await Promise.resolve(i);
}

describe("stream assembly (SPEC §10.3)", () => {
  it("[C108] assembles interleaved tool-call fragments by index", async () => {
    const calls = [
      {
        id: "call_0",
        name: "edit_file",
        args: JSON.stringify({ path: "a.ts", old_string: "x", new_string: 'y\n"z"' }),
      },
      { id: "call_1", name: "read_file", args: JSON.stringify({ path: "b/c.ts", offset: 10 }) },
    ];
    const deltas = streamDeltas({ content: "ok then", calls, finish: "tool_calls" }, 1, 1);
    const r = await assembleStream(from(deltas.map((d) => chunk(d.delta, d.finish_reason))));
    expect(r.text).toBe("ok then");
    expect(r.toolCalls).toEqual(calls.map((c) => ({ id: c.id, name: c.name, arguments: c.args })));
    expect(r.finishReason).toBe("tool_calls");
    expect(r.usage).toBeNull();
  });

  it("orders calls by index even when a later index starts first, and reads the usage chunk", async () => {
    const a = new ToolCallAssembler();
    a.add({ index: 1, id: "second", function: { name: "list_files", arguments: '{"pa' } });
    a.add({ index: 0, id: "first", function: { name: "read_", arguments: "" } });
    a.add({ index: 0, function: { name: "file", arguments: "{}" } });
    a.add({ index: 1, function: { arguments: 'th":"."}' } });
    a.add({ index: 2, function: { name: "finish", arguments: "" } });
    expect(a.result()).toEqual([
      { id: "first", name: "read_file", arguments: "{}" },
      { id: "second", name: "list_files", arguments: '{"path":"."}' },
      { id: "call_index_2", name: "finish", arguments: "" },
    ]);
    const usage = {
      ...chunk({}),
      choices: [],
      usage: {
        prompt_tokens: 100,
        completion_tokens: 7,
        total_tokens: 107,
        prompt_tokens_details: { cached_tokens: 40 },
      },
    } as ChatCompletionChunk;
    const r = await assembleStream(from([chunk({ content: "hi" }, "stop"), usage]));
    expect(r.usage).toEqual({ input_tokens: 60, cached_input_tokens: 40, output_tokens: 7 });
  });
});
