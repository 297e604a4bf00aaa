import { describe, expect, it } from "vitest";
import {
  clampMaxTokens,
  contextLimitFromError,
  estimateTokens,
  isContextOverflow,
  pruneHistory,
  type ChatMessage,
} from "../../../../src/agents/api/history.js";

const big = (n: number) => "y".repeat(n);

function assistant(...ids: string[]): ChatMessage {
  return {
    role: "assistant",
    content: null,
    tool_calls: ids.map((id) => ({
      id,
      type: "function",
      function: { name: "read_file", arguments: "{}" },
    })),
  };
}
const tool = (id: string, size = 4_000): ChatMessage => ({
  role: "tool",
  tool_call_id: id,
  content: big(size),
});

describe("history pruning (SPEC §10.3)", () => {
  const history: ChatMessage[] = [
    { role: "system", content: big(2_000) },
    { role: "user", content: big(8_000) },
    assistant("a1", "a2"),
    tool("a1"),
    tool("a2"),
    { role: "assistant", content: "thinking out loud" },
    { role: "user", content: "continue please" },
    assistant("b1"),
    tool("b1"),
    assistant("c1"),
    tool("c1"),
  ];

  it("[C110] never removes the system or first user message and removes an assistant message with all its tool results", () => {
    // Even a window far too small for anything keeps system and user messages.
    const r = pruneHistory(history, 1_000, 32_768);
    expect(r.messages.map((m) => m.role)).toEqual(["system", "user", "user"]);
    expect(r.messages[0]).toBe(history[0]);
    expect(r.messages[1]).toBe(history[1]);
    expect(r.dropped).toBe(4);
    expect(r.messages.some((m) => m.role === "tool")).toBe(false);
  });

  it("[C110] drops the oldest unit first and only as many as needed, never orphaning a tool result", () => {
    const total = estimateTokens(history);
    // Room for everything but roughly the first unit.
    const context = Math.ceil((total - 1_500 + 2_000) / 0.9);
    const r = pruneHistory(history, context, 2_000);
    expect(r.dropped).toBe(1);
    expect(r.messages.map((m) => (m.role === "tool" ? m.tool_call_id : m.role))).toEqual([
      "system",
      "user",
      "assistant",
      "user",
      "assistant",
      "b1",
      "assistant",
      "c1",
    ]);
    for (const [i, m] of r.messages.entries()) {
      if (m.role !== "tool") continue;
      const owner = r.messages.slice(0, i).findLast((x) => x.role === "assistant");
      expect(
        owner?.role === "assistant" && owner.tool_calls?.some((c) => c.id === m.tool_call_id),
      ).toBe(true);
    }
  });

  it("leaves a history that fits untouched", () => {
    const r = pruneHistory(history, 1_000_000, 32_768);
    expect(r).toEqual({ messages: history, dropped: 0 });
  });
});

describe("max_tokens clamp (SPEC §10.3)", () => {
  it("[C111] is clamped to context − estimated prompt − 1024 when the window is known", () => {
    expect(clampMaxTokens(32_768, 16_000, 3_000)).toBe(11_976);
    expect(clampMaxTokens(32_768, 200_000, 3_000)).toBe(32_768);
    expect(clampMaxTokens(32_768, null, 3_000)).toBe(32_768);
    expect(clampMaxTokens(32_768, 4_000, 5_000)).toBe(1);
  });
});

describe("context overflow errors", () => {
  it("recognises overflow 400s and reads the window size from the message or body", () => {
    const msg =
      "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.";
    expect(isContextOverflow(400, msg, undefined)).toBe(true);
    expect(contextLimitFromError(msg, undefined)).toBe(8192);
    expect(
      isContextOverflow(400, "400 status", { error: { code: "context_length_exceeded" } }),
    ).toBe(true);
    expect(
      contextLimitFromError("400 status", { error: { code: "context_length_exceeded" } }),
    ).toBeNull();
    expect(isContextOverflow(400, "invalid value for temperature", undefined)).toBe(false);
    expect(isContextOverflow(429, msg, undefined)).toBe(false);
  });
});
