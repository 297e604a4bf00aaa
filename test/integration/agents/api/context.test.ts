import { describe, expect, it } from "vitest";
import type { AgentTool } from "../../../../src/agents/backend.js";
import {
  estimateTokens,
  STALE_TOOL_RESULT_CHARS,
  STALE_TOOL_RESULT_NOTE,
  type ChatMessage,
} from "../../../../src/agents/api/history.js";
import { backend, drain, fakeServer, ofType, provider, sessionOpts } from "./api-harness.js";

/** A read tool whose output is `size` characters (so the history grows predictably). */
function bigTool(size: number): AgentTool {
  return {
    name: "read_big",
    description: "Reads a big file",
    kind: "read",
    parameters: { type: "object", properties: { n: { type: "number" } } },
    execute: (args) =>
      Promise.resolve({ ok: true, output: `${JSON.stringify(args)}:${"x".repeat(size)}` }),
  };
}

const call = (id: string, n: number) => ({ id, name: "read_big", arguments: { n } });
const finish = { toolCalls: [{ name: "finish", arguments: { summary: "done" } }] };

function msgs(body: { messages?: unknown } | null | undefined): ChatMessage[] {
  return (body?.messages ?? []) as ChatMessage[];
}

function ids(messages: ChatMessage[]): string[] {
  return messages.map((m) =>
    m.role === "tool"
      ? `tool:${m.tool_call_id}`
      : m.role === "assistant"
        ? `assistant:${(m.tool_calls ?? []).map((c) => c.id).join("+")}`
        : m.role,
  );
}

describe("api backend: context window (SPEC §10.3)", () => {
  it("[C111] max_tokens is clamped to the context headroom when model_contexts is known, 32768 otherwise", async () => {
    const fake = await fakeServer();
    fake.enqueue(finish, finish);
    await drain(
      (
        await backend().startSession(
          sessionOpts(provider(fake.baseUrl, { model_contexts: { "fake-model": 16_000 } })),
        )
      ).events,
    );
    await drain((await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events);
    const [clamped, free] = fake.chatRequests().map((r) => r.body!);
    const prompt = estimateTokens(msgs(clamped));
    expect(clamped!.max_tokens).toBe(16_000 - prompt - 1024);
    expect(clamped!.max_tokens).toBeLessThan(32_768);
    expect(free!.max_tokens).toBe(32_768);
  });

  it("[C110] pruning keeps the system and first user message and drops an assistant message with all its tool results", async () => {
    const fake = await fakeServer();
    fake.enqueue(
      { toolCalls: [call("c1a", 1), call("c1b", 2)] },
      { toolCalls: [call("c2", 3)] },
      { toolCalls: [call("c3", 4)] },
      finish,
    );
    const p = provider(fake.baseUrl, { model_contexts: { "fake-model": 4_400 } });
    const events = await drain(
      (await backend().startSession(sessionOpts(p, { tools: [bigTool(3_000)] }))).events,
    );
    expect(events.at(-1)).toMatchObject({ reason: "finish" });
    const sent = fake.chatRequests().map((r) => ids(msgs(r.body)));
    expect(sent[2]).toEqual([
      "system",
      "user",
      "assistant:c1a+c1b",
      "tool:c1a",
      "tool:c1b",
      "assistant:c2",
      "tool:c2",
    ]);
    // The fourth request would exceed 90 % of 4,400 tokens (3,960) with 1,100 reserved: the oldest unit goes, as a whole.
    expect(sent[3]).toEqual([
      "system",
      "user",
      "assistant:c2",
      "tool:c2",
      "assistant:c3",
      "tool:c3",
    ]);
    const fourth = fake.chatRequests()[3]!.body!.messages!;
    expect(fourth[1]).toEqual({ role: "user", content: "Fix the bug in a.ts" });
    expect(estimateTokens(fourth as unknown as ChatMessage[]) + 1_100).toBeLessThanOrEqual(3_960);
  });

  it("sends tool results older than the newest four assistant messages shortened, identically in every later request", async () => {
    const fake = await fakeServer();
    fake.enqueue(...[1, 2, 3, 4, 5, 6].map((n) => ({ toolCalls: [call(`c${n}`, n)] })), finish);
    const events = await drain(
      (
        await backend().startSession(
          sessionOpts(provider(fake.baseUrl), { tools: [bigTool(3_000)] }),
        )
      ).events,
    );
    expect(events.at(-1)).toMatchObject({ reason: "finish" });
    const reqs = fake.chatRequests().map((r) => msgs(r.body));
    const resultOf = (k: number, id: string): string => {
      const m = reqs[k]?.find((x) => x.role === "tool" && x.tool_call_id === id);
      return typeof m?.content === "string" ? m.content : "";
    };
    const full = (n: number) => `{"n":${n}}:${"x".repeat(3_000)}`;
    // The fifth request carries four tool-calling replies: all results in full.
    for (const n of [1, 2, 3, 4]) expect(resultOf(4, `c${n}`)).toBe(full(n));
    // The sixth carries five: the oldest result is shortened, head and tail kept.
    const stale = resultOf(5, "c1");
    expect(stale.startsWith(`${STALE_TOOL_RESULT_NOTE}\n{"n":1}:xxx`)).toBe(true);
    expect(stale).toMatch(/…\[\d+ chars elided\]…\nx+$/);
    expect(stale.length).toBeLessThanOrEqual(STALE_TOOL_RESULT_CHARS);
    for (const n of [2, 3, 4, 5]) expect(resultOf(5, `c${n}`)).toBe(full(n));
    // Later requests resend it byte for byte (a stable prefix for prompt caches).
    expect(resultOf(6, "c1")).toBe(stale);
    expect(resultOf(6, "c2").startsWith(STALE_TOOL_RESULT_NOTE)).toBe(true);
    // The run log still gets every result in full.
    expect(ofType(events, "tool_result").map((e) => e.output.length)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => full(n).length).concat(2),
    );
  });

  it("a context-overflow 400 is answered by pruning to the window named in the body and retrying once", async () => {
    const fake = await fakeServer();
    fake.enqueue(
      { toolCalls: [call("c1", 1)] },
      { toolCalls: [call("c2", 2)] },
      {
        kind: "error",
        status: 400,
        code: "context_length_exceeded",
        message:
          "This model's maximum context length is 3000 tokens. However, your messages resulted in 4400 tokens.",
      },
      finish,
    );
    const events = await drain(
      (
        await backend().startSession(
          sessionOpts(provider(fake.baseUrl), { tools: [bigTool(4_000)] }),
        )
      ).events,
    );
    expect(events.at(-1)).toMatchObject({ reason: "finish" });
    const reqs = fake.chatRequests();
    expect(reqs).toHaveLength(4);
    expect(ids(msgs(reqs[3]!.body))).toEqual(["system", "user", "assistant:c2", "tool:c2"]);
    const prompt = estimateTokens(msgs(reqs[3]!.body));
    expect(reqs[3]!.body!.max_tokens).toBe(3000 - prompt - 1024);
  });

  it("a second overflow in a row ends the session with context_overflow", async () => {
    const fake = await fakeServer();
    const overflow = {
      kind: "error" as const,
      status: 400,
      message: "maximum context length is 100 tokens",
    };
    fake.enqueue(overflow, overflow);
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
    );
    expect(fake.chatRequests()).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ reason: "error", error: { code: "context_overflow" } });
  });
});
