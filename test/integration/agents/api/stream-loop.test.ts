import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createOpenAIClient } from "../../../../src/providers/openai-client.js";
import { assembleStream } from "../../../../src/agents/api/stream.js";
import {
  API_KEY,
  backend,
  drain,
  fakeServer,
  ofType,
  provider,
  sessionOpts,
  testTools,
  untilTurnEnd,
} from "./api-harness.js";

describe("api backend: streaming and the tool loop (SPEC §10.3)", () => {
  it("[C108] tool calls streamed across many SSE deltas with interleaved indices are assembled exactly", async () => {
    const fake = await fakeServer();
    const args = [
      { path: "src/a.ts", content: 'export const a = "αβγ \\"quoted\\"";\n'.repeat(5) },
      { command: "npm test -- --reporter=dot && echo {ok}" },
      { path: "docs/b.md", content: '# B\n\nnested {"json": [1, 2, 3]}\n' },
    ];
    fake.enqueue({
      content: "Editing three things.",
      toolCalls: [
        { id: "call_a", name: "write_note", arguments: args[0]! },
        { id: "call_b", name: "run_command", arguments: args[1]! },
        { id: "call_c", name: "write_note", arguments: args[2]! },
      ],
      argChunkSize: 3,
      textChunkSize: 2,
    });
    // Straight through the real SDK: the assembler sees the SDK's chunks.
    const client = createOpenAIClient(provider(fake.baseUrl), {
      apiKey: API_KEY,
      timeoutMs: 10_000,
    });
    const stream = await client.chat.completions.create({
      model: "fake-model",
      messages: [{ role: "user", content: "go" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const r = await assembleStream(stream);
    expect(r.text).toBe("Editing three things.");
    expect(r.toolCalls.map((c) => [c.id, c.name])).toEqual([
      ["call_a", "write_note"],
      ["call_b", "run_command"],
      ["call_c", "write_note"],
    ]);
    expect(r.toolCalls.map((c) => JSON.parse(c.arguments) as unknown)).toEqual(args);
    expect(r.toolCalls.map((c) => c.arguments)).toEqual(args.map((a) => JSON.stringify(a)));
    expect(r.finishReason).toBe("tool_calls");

    // And through the loop: the tools receive exactly those arguments, in order.
    const calls: Array<{ name: string; args: unknown }> = [];
    fake.enqueue({
      toolCalls: [
        { id: "call_a", name: "write_note", arguments: args[0]! },
        { id: "call_b", name: "run_command", arguments: args[1]! },
        { id: "call_c", name: "write_note", arguments: args[2]! },
      ],
      argChunkSize: 2,
    });
    fake.enqueue({ toolCalls: [{ name: "finish", arguments: { summary: "done" } }] });
    const opts = sessionOpts(provider(fake.baseUrl), { tools: testTools(calls) });
    const events = await drain((await backend().startSession(opts)).events);
    expect(calls).toEqual([
      { name: "write_note", args: args[0] },
      { name: "run_command", args: args[1] },
      { name: "write_note", args: args[2] },
    ]);
    expect(readFileSync(join(opts.cwd, "docs/b.md"), "utf8")).toBe(args[2]!.content);
    expect(events.at(-1)).toMatchObject({ type: "turn_end", reason: "finish", summary: "done" });
  });

  it("sends the §10.3 request: stream with include_usage, tools, tool_choice auto, bearer key, system + prompt", async () => {
    const fake = await fakeServer();
    fake.enqueue({ toolCalls: [{ name: "finish", arguments: { summary: "ok" } }] });
    await drain((await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events);
    const req = fake.chatRequests()[0]!;
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.body).toMatchObject({
      model: "fake-model",
      stream: true,
      stream_options: { include_usage: true },
      tool_choice: "auto",
      max_tokens: 32_768,
    });
    const names = (req.body!.tools as Array<{ function: { name: string } }>).map(
      (t) => t.function.name,
    );
    expect(names).toEqual(["write_note", "run_command", "finish", "ask_question"]);
    const messages = req.body!.messages!;
    expect(messages[0]).toMatchObject({ role: "system" });
    expect(String(messages[0]!.content)).toContain("finish");
    expect(messages[1]).toEqual({ role: "user", content: "Fix the bug in a.ts" });
  });

  it("emits turn_completed after every response, after that turn's tool results, and usage matching the fake's", async () => {
    const fake = await fakeServer();
    fake.enqueue(
      {
        toolCalls: [{ id: "c1", name: "run_command", arguments: { command: "ls" } }],
        usage: { prompt_tokens: 1200, completion_tokens: 30, cached_tokens: 200 },
      },
      {
        content: "Writing.",
        toolCalls: [{ id: "c2", name: "write_note", arguments: { path: "n.txt", content: "x" } }],
        usage: { prompt_tokens: 1500, completion_tokens: 40 },
      },
      {
        toolCalls: [{ id: "c3", name: "finish", arguments: { summary: "wrote n.txt" } }],
        usage: { prompt_tokens: 1700, completion_tokens: 12 },
      },
    );
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
    );
    expect(events.map((e) => (e.type === "tool_call" ? `${e.type}:${e.name}` : e.type))).toEqual([
      "usage",
      "tool_call:run_command",
      "tool_result",
      "turn_completed",
      "text",
      "usage",
      "tool_call:write_note",
      "tool_result",
      "turn_completed",
      "usage",
      "tool_call:finish",
      "tool_result",
      "turn_completed",
      "turn_end",
    ]);
    expect(ofType(events, "turn_completed").map((e) => e.n)).toEqual([1, 2, 3]);
    expect(ofType(events, "tool_result")[0]).toMatchObject({ id: "c1", ok: true, exit_code: 0 });
    expect(ofType(events, "usage")).toEqual([
      {
        type: "usage",
        input_tokens: 1000,
        cached_input_tokens: 200,
        output_tokens: 30,
        cumulative: false,
      },
      {
        type: "usage",
        input_tokens: 1500,
        cached_input_tokens: 0,
        output_tokens: 40,
        cumulative: false,
      },
      {
        type: "usage",
        input_tokens: 1700,
        cached_input_tokens: 0,
        output_tokens: 12,
        cumulative: false,
      },
    ]);
    // The second request carried the first turn's assistant call and its tool result.
    const second = fake.chatRequests()[1]!.body!.messages!;
    expect(second.slice(2)).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "c1",
            type: "function",
            function: { name: "run_command", arguments: '{"command":"ls"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "done" },
    ]);
  });

  it("returns malformed tool arguments to the model as invalid_tool_arguments and continues", async () => {
    const fake = await fakeServer();
    const calls: Array<{ name: string; args: unknown }> = [];
    fake.enqueue(
      {
        toolCalls: [
          { id: "bad", name: "write_note", arguments: '{"path": "a.txt", "content": "x' },
        ],
      },
      { toolCalls: [{ id: "ls", name: "ls", arguments: { path: "." } }] },
      { toolCalls: [{ name: "finish", arguments: { summary: "recovered" } }] },
    );
    const opts = sessionOpts(provider(fake.baseUrl), { tools: testTools(calls) });
    const events = await drain((await backend().startSession(opts)).events);
    expect(calls).toEqual([]);
    const results = ofType(events, "tool_result");
    expect(results[0]).toMatchObject({ id: "bad", ok: false });
    expect(results[0]!.output).toMatch(/^invalid_tool_arguments: /);
    expect(results[1]!.output).toMatch(/^unknown_tool: .*run_command/);
    expect(ofType(events, "tool_call")[0]!.args).toEqual({
      raw_arguments: '{"path": "a.txt", "content": "x',
    });
    const second = fake.chatRequests()[1]!.body!.messages!;
    expect(second.at(-1)).toMatchObject({ role: "tool", tool_call_id: "bad" });
    expect(String(second.at(-1)!.content)).toContain("invalid_tool_arguments");
    expect(events.at(-1)).toMatchObject({
      type: "turn_end",
      reason: "finish",
      summary: "recovered",
    });
  });

  it("finish ends the session with the summary and no_changes_needed; later calls of that response do not run", async () => {
    const fake = await fakeServer();
    const calls: Array<{ name: string; args: unknown }> = [];
    fake.enqueue({
      toolCalls: [
        {
          name: "finish",
          arguments: { summary: "Nothing to change: already fixed", no_changes_needed: true },
        },
        { name: "run_command", arguments: { command: "rm -rf ." } },
      ],
    });
    const session = await backend().startSession(
      sessionOpts(provider(fake.baseUrl), { tools: testTools(calls) }),
    );
    const events = await drain(session.events);
    expect(events.at(-1)).toEqual({
      type: "turn_end",
      reason: "finish",
      summary: "Nothing to change: already fixed",
      no_changes_needed: true,
    });
    expect(calls).toEqual([]);
    expect(fake.chatRequests()).toHaveLength(1);
    await expect(session.continue("more")).rejects.toMatchObject({ code: "session_not_idle" });
  });

  it("ends a prompt without tool calls with end_turn, then continue() appends a user message on the same history", async () => {
    const fake = await fakeServer();
    fake.enqueue(
      { content: "I looked around." },
      { toolCalls: [{ name: "finish", arguments: { summary: "s" } }] },
    );
    const session = await backend().startSession(sessionOpts(provider(fake.baseUrl)));
    const it = session.events[Symbol.asyncIterator]();
    const first = await untilTurnEnd(it);
    expect(first.map((e) => e.type)).toEqual(["text", "usage", "turn_completed", "turn_end"]);
    expect(first.at(-1)).toEqual({ type: "turn_end", reason: "end_turn" });
    await session.continue("Please finish the task.");
    const second = await untilTurnEnd(it);
    expect(second.at(-1)).toMatchObject({ type: "turn_end", reason: "finish" });
    expect(ofType(second, "turn_completed")[0]!.n).toBe(2);
    expect(fake.chatRequests()[1]!.body!.messages!.slice(2)).toEqual([
      { role: "assistant", content: "I looked around." },
      { role: "user", content: "Please finish the task." },
    ]);
    // The session stays open after finish until it is closed.
    await session.cancel("completed");
    expect((await it.next()).done).toBe(true);
  });

  it("runs many turns without piling abort listeners on the session's signal", async () => {
    const fake = await fakeServer();
    for (let i = 0; i < 14; i++)
      fake.enqueue({ toolCalls: [{ name: "run_command", arguments: { command: `echo ${i}` } }] });
    fake.enqueue({ toolCalls: [{ name: "finish", arguments: { summary: "many turns" } }] });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const events = await drain(
        (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
      );
      expect(events.at(-1)).toMatchObject({ type: "turn_end", reason: "finish" });
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  it("stops with max_turns at the turn ceiling", async () => {
    const fake = await fakeServer();
    for (let i = 0; i < 3; i++)
      fake.enqueue({ toolCalls: [{ name: "run_command", arguments: { command: `echo ${i}` } }] });
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl), { maxTurns: 2 }))).events,
    );
    expect(ofType(events, "turn_completed")).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: "turn_end", reason: "max_turns" });
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it("uses the non-streaming body when provider.stream is false", async () => {
    const fake = await fakeServer();
    fake.enqueue({
      toolCalls: [{ name: "finish", arguments: { summary: "plain" } }],
      usage: { prompt_tokens: 10, completion_tokens: 2 },
    });
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl, { stream: false })))).events,
    );
    expect(fake.chatRequests()[0]!.body!.stream).toBe(false);
    expect(ofType(events, "usage")[0]).toMatchObject({ input_tokens: 10, output_tokens: 2 });
    expect(events.at(-1)).toMatchObject({ reason: "finish", summary: "plain" });
  });
});
