import { describe, expect, it } from "vitest";
import {
  activityTotals,
  argsLine,
  isGap,
  mergeEntries,
  truncate,
  turnsOf,
  type ActivityEntry,
} from "../../../web/src/features/issue-drawer/model/activity.js";

const entry = (n: number, type: string, data: unknown = {}): ActivityEntry => ({
  n,
  ts: "2026-01-01T00:00:00Z",
  type,
  data,
});

describe("activity merge", () => {
  it("adds entries in n order and never twice", () => {
    const have = [entry(1, "text"), entry(2, "text")];
    const merged = mergeEntries(have, [entry(4, "text"), entry(2, "text"), entry(3, "text")]);
    expect(merged.map((e) => e.n)).toEqual([1, 2, 3, 4]);
    expect(mergeEntries(merged, [entry(3, "text")])).toBe(merged);
  });

  it("calls a live entry that skips a number a gap", () => {
    expect(isGap([entry(1, "text")], entry(2, "text"))).toBe(false);
    expect(isGap([entry(1, "text")], entry(4, "text"))).toBe(true);
    expect(isGap([], entry(1, "text"))).toBe(false);
    expect(isGap([], entry(2, "text"))).toBe(true);
  });
});

describe("turns", () => {
  const stream = [
    entry(1, "text", { text: "Looking at " }),
    entry(2, "text", { text: "the repo." }),
    entry(3, "tool_call", { id: "c1", name: "run_command", args: { command: "ls" } }),
    entry(4, "tool_result", { id: "c1", ok: false, output: "boom", exit_code: 2 }),
    entry(5, "usage", { input_tokens: 400, output_tokens: 60, cost_usd: 0.0058 }),
    entry(6, "turn_completed", { n: 1 }),
    entry(7, "turn_end", { reason: "end_turn" }),
    entry(8, "tool_call", { id: "c2", name: "write_file", args: { path: "a.md" } }),
    entry(9, "usage", { input_tokens: 350, output_tokens: 80, cost_usd: 0.0059 }),
    entry(10, "signal", { kind: "finish" }),
  ];

  it("groups entries into turns with their tokens and cost, pairing calls with results", () => {
    const turns = turnsOf(stream);
    expect(turns.map((t) => [t.n, t.inputTokens, t.outputTokens, t.costUsd])).toEqual([
      [1, 400, 60, 0.0058],
      [null, 350, 80, 0.0059],
    ]);
    expect(turns[0]?.items).toEqual([
      { kind: "text", n: 1, text: "Looking at the repo." },
      {
        kind: "tool",
        n: 3,
        name: "run_command",
        args: '{"command":"ls"}',
        result: { ok: false, output: "boom", exitCode: 2 },
      },
      // A prompt that ends right after turn_completed belongs to that turn.
      { kind: "end", n: 7, reason: "end_turn", detail: null },
    ]);
    expect(turns[1]?.items.map((i) => i.kind)).toEqual(["tool", "other"]);
    expect(turns[1]?.items[0]).toMatchObject({ name: "write_file", result: null });
    const totals = activityTotals(turns);
    expect(totals.tokens).toBe(890);
    expect(totals.costUsd).toBeCloseTo(0.0117, 10);
  });

  it("says why a prompt ended: the question, the summary or the error", () => {
    const ended = (data: unknown) => turnsOf([entry(1, "turn_end", data)])[0]?.items[0];
    expect(ended({ reason: "question", question: "Which one?" })).toMatchObject({
      detail: "Which one?",
    });
    expect(ended({ reason: "finish", summary: "Done it." })).toMatchObject({ detail: "Done it." });
    expect(ended({ reason: "error", error: { code: "x_failed", message: "no" } })).toMatchObject({
      detail: "x_failed: no",
    });
  });

  it("truncates long output by lines and characters", () => {
    const many = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n");
    const cut = truncate(many, 600, 12);
    expect(cut.truncated).toBe(true);
    expect(cut.text.split("\n")).toHaveLength(12);
    expect(truncate("x".repeat(700)).text).toHaveLength(600);
    expect(truncate("short")).toEqual({ text: "short", truncated: false });
    expect(argsLine({ a: "y".repeat(300) }, 20)).toHaveLength(20);
  });
});
