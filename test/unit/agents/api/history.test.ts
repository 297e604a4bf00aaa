import { describe, expect, it } from "vitest";
import {
  clampMaxTokens,
  contextLimitFromError,
  estimateTokens,
  isContextOverflow,
  pruneHistory,
  shortenStaleToolResults,
  STALE_TOOL_RESULT_CHARS,
  STALE_TOOL_RESULT_NOTE,
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

describe("stale tool results", () => {
  /** A result whose head and tail can be recognised. */
  const result = (id: string, size: number) => `HEAD-${id} ${big(size)} TAIL-${id}`;
  const toolResult = (id: string, size: number): ChatMessage => ({
    role: "tool",
    tool_call_id: id,
    content: result(id, size),
  });
  const session: ChatMessage[] = [
    { role: "system", content: big(3_000) },
    { role: "user", content: big(5_000) },
    assistant("u1a", "u1b"),
    toolResult("u1a", 6_000),
    toolResult("u1b", 300),
    { role: "assistant", content: big(2_000) },
    { role: "user", content: "continue" },
    assistant("u3"),
    toolResult("u3", 6_000),
    assistant("u4"),
    toolResult("u4", 6_000),
    assistant("u5"),
    toolResult("u5", 6_000),
    assistant("u6"),
    toolResult("u6", 6_000),
  ];
  const content = (m: ChatMessage | undefined) => (typeof m?.content === "string" ? m.content : "");

  it("shortens long results of assistant messages older than the newest four, keeping head, tail and a note", () => {
    const r = shortenStaleToolResults(session, 4, 1_000);
    expect(r.shortened).toBe(1);
    const old = content(r.messages[3]);
    expect(old.length).toBeLessThanOrEqual(1_000);
    expect(old.startsWith(`${STALE_TOOL_RESULT_NOTE}\n`)).toBe(true);
    expect(old).toContain("HEAD-u1a");
    expect(old).toContain("TAIL-u1a");
    expect(old).toMatch(/…\[\d+ chars elided\]…/);
    // The short result of the same unit, and everything else, is the same object as before.
    for (const i of session.keys()) if (i !== 3) expect(r.messages[i]).toBe(session[i]);
    expect(r.messages[3]).toMatchObject({ role: "tool", tool_call_id: "u1a" });
  });

  it("counts units by assistant messages, text-only ones included, and keeps the newest in full", () => {
    const r = shortenStaleToolResults(session, 2, 1_000);
    const shortenedAt = r.messages.flatMap((m, i) =>
      content(m).startsWith(STALE_TOOL_RESULT_NOTE) ? [i] : [],
    );
    // u1a, u3 and u4 are older than the newest two (u5, u6); the text-only reply counts as one.
    expect(shortenedAt).toEqual([3, 8, 10]);
    expect(r.shortened).toBe(3);
    expect(content(r.messages[12])).toBe(result("u5", 6_000));
    expect(content(r.messages[14])).toBe(result("u6", 6_000));
  });

  it("is stable: a shortened history is left exactly as it is, so the prompt prefix never changes", () => {
    const once = shortenStaleToolResults(session).messages;
    const twice = shortenStaleToolResults(once);
    expect(twice.shortened).toBe(0);
    expect(twice.messages).toEqual(once);
    // A new unit shortens one more result and leaves the earlier ones byte-identical.
    const grown = shortenStaleToolResults([...once, assistant("u7"), toolResult("u7", 6_000)]);
    expect(grown.shortened).toBe(1);
    expect(grown.messages.slice(0, 8)).toEqual(once.slice(0, 8));
    expect(content(grown.messages[8]).length).toBeLessThanOrEqual(STALE_TOOL_RESULT_CHARS);
  });

  it("leaves a short session and non-text results untouched", () => {
    expect(shortenStaleToolResults(session.slice(0, 11)).shortened).toBe(0);
    const parts: ChatMessage = {
      role: "tool",
      tool_call_id: "p1",
      content: [{ type: "text", text: big(6_000) }],
    };
    const withParts = [assistant("p1"), parts, ...session.slice(7)];
    expect(shortenStaleToolResults(withParts, 1).messages[1]).toBe(parts);
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
