import { describe, expect, it } from "vitest";
import { agentEventSchema } from "../../../src/agents/events.js";
import { createMockBackend, type MockScript } from "../../../src/agents/mock/index.js";
import { StallJudge } from "../../../src/domain/stall.js";
import { iterate, sessionOptions, types, untilTurnEnd } from "./mock-helpers.js";

const allowed = (scripts: Parameters<typeof createMockBackend>[0] = {}) =>
  createMockBackend({ allow: true, ...scripts });

describe("mock backend (SPEC §10.7)", () => {
  it("is refused unless OOMPAH_ALLOW_MOCK=1 or the demo allows it", async () => {
    const off = createMockBackend({ env: {} });
    expect(await off.available()).toMatchObject({ ok: false, code: "backend_unavailable" });
    await expect(off.startSession(sessionOptions())).rejects.toMatchObject({
      code: "backend_unavailable",
    });
    expect(await createMockBackend({ env: { OOMPAH_ALLOW_MOCK: "1" } }).available()).toEqual({
      ok: true,
    });
    expect(await allowed().available()).toEqual({ ok: true });
  });

  it("plays a scripted run as §10.1 events in order, turns delimited by turn_completed", async () => {
    const script: MockScript = [
      { text: "Looking around" },
      { tool: "read_file", args: { path: "README.md" }, result: "# readme" },
      { usage: { input: 100, cached: 20, output: 10, cost: 0.001 } },
      { nextTurn: true },
      { tool: "run_command", args: { command: "npm test" }, result: "ok", exitCode: 0 },
      { nextTurn: true },
      { finish: { summary: "All done" } },
    ];
    const backend = allowed({ scripts: { default: script } });
    const session = await backend.startSession(sessionOptions());
    const events = await untilTurnEnd(iterate(session));
    expect(types(events)).toEqual([
      "text",
      "tool_call",
      "tool_result",
      "usage",
      "turn_completed",
      "tool_call",
      "tool_result",
      "turn_completed",
      "tool_call",
      "tool_result",
      "turn_completed",
      "turn_end:finish",
    ]);
    for (const e of events) expect(agentEventSchema.safeParse(e).success).toBe(true);
    expect(events[1]).toMatchObject({
      name: "read_file",
      kind: "read",
      args: { path: "README.md" },
    });
    expect(events[3]).toEqual({
      type: "usage",
      input_tokens: 100,
      cached_input_tokens: 20,
      output_tokens: 10,
      cost_usd: 0.001,
      cumulative: false,
    });
    expect(events[6]).toMatchObject({ ok: true, exit_code: 0 });
    expect(
      events
        .filter((e) => e.type === "turn_completed")
        .map((e) => e.type === "turn_completed" && e.n),
    ).toEqual([1, 2, 3]);
    expect(events.at(-1)).toEqual({ type: "turn_end", reason: "finish", summary: "All done" });
    // Idle after finish, like after end_turn: closing it ends the stream.
    await session.cancel("completed");
    expect((await iterate(session).next()).done).toBe(true);
    expect(backend.sessions[0]?.events).toEqual(events);
  });

  it("chooses scripts by identifier, then label, then default", async () => {
    const say = (text: string): MockScript => [{ text }, { finish: { summary: text } }];
    const backend = allowed({
      scripts: {
        byIdentifier: { "X-7": say("by id") },
        byLabel: { Docs: say("by label") },
        default: say("default"),
      },
    });
    const first = async (identifier: string, labels: string[]) => {
      const s = await backend.startSession(
        sessionOptions({ issue: { id: identifier, identifier, title: "t", labels } }),
      );
      return (await untilTurnEnd(iterate(s)))[0];
    };
    expect(await first("X-7", ["docs"])).toEqual({ type: "text", text: "by id" });
    expect(await first("X-8", ["bug", "docs"])).toEqual({ type: "text", text: "by label" });
    expect(await first("X-9", [])).toEqual({ type: "text", text: "default" });
  });

  it("waits after end_turn for a continuation on the same session", async () => {
    const backend = allowed({ scripts: { default: [{ text: "nothing to do" }] } });
    const session = await backend.startSession(sessionOptions());
    const it1 = iterate(session);
    expect(types(await untilTurnEnd(it1))).toEqual(["text", "turn_completed", "turn_end:end_turn"]);
    await session.continue("continuation 1 of 2");
    expect(types(await untilTurnEnd(it1))).toEqual(["turn_completed", "turn_end:end_turn"]);
    await session.continue("continuation 2 of 2");
    expect(types(await untilTurnEnd(it1))).toEqual(["turn_completed", "turn_end:end_turn"]);
    expect(backend.sessions[0]?.continuations).toEqual([
      "continuation 1 of 2",
      "continuation 2 of 2",
    ]);
    await session.cancel("stalled");
    expect((await it1.next()).done).toBe(true);
    await expect(session.continue("late")).rejects.toMatchObject({ code: "session_not_idle" });
  });

  it("ask, fail and rateLimited end the session with the matching turn_end", async () => {
    const run = async (script: MockScript) => {
      const s = await allowed({ scripts: { default: script } }).startSession(sessionOptions());
      return (await untilTurnEnd(iterate(s))).at(-1);
    };
    expect(await run([{ ask: "Which database?" }])).toEqual({
      type: "turn_end",
      reason: "question",
      question: "Which database?",
    });
    expect(
      await run([{ fail: { code: "agent_exited", message: "boom", retryable: false } }]),
    ).toEqual({
      type: "turn_end",
      reason: "error",
      error: { code: "agent_exited", message: "boom", details: { retryable: false } },
    });
    expect(await run([{ rateLimited: { retryAfterMs: 3000 } }])).toMatchObject({
      reason: "error",
      error: { code: "rate_limited", details: { retry_after_ms: 3000 } },
    });
  });

  it("stops with max_turns at the session's turn ceiling", async () => {
    const script: MockScript = [
      { text: "a" },
      { nextTurn: true },
      { text: "b" },
      { nextTurn: true },
      { text: "c" },
    ];
    const s = await allowed({ scripts: { default: script } }).startSession(
      sessionOptions({ maxTurns: 2 }),
    );
    expect(types(await untilTurnEnd(iterate(s))).slice(-2)).toEqual([
      "turn_completed",
      "turn_end:max_turns",
    ]);
  });

  it("cancel stops a sleeping script within 500 ms with turn_end(cancelled)", async () => {
    const s = await allowed({
      scripts: { default: [{ text: "working" }, { sleepMs: 60_000 }, { text: "never" }] },
    }).startSession(sessionOptions());
    const events = iterate(s);
    expect(await events.next()).toMatchObject({ value: { type: "text" } });
    const pending = events.next();
    const t0 = performance.now();
    await s.cancel("operator");
    expect(await pending).toEqual({
      done: false,
      value: { type: "turn_end", reason: "cancelled" },
    });
    expect(performance.now() - t0).toBeLessThan(500);
    expect((await events.next()).done).toBe(true);
  });

  it("hang emits nothing until the session's signal aborts", async () => {
    const ac = new AbortController();
    const backend = allowed({ scripts: { default: [{ hang: true }] } });
    const s = await backend.startSession(sessionOptions({ signal: ac.signal }));
    const events = iterate(s);
    const next = events.next();
    const raced = await Promise.race([
      next.then(() => "event"),
      new Promise((r) => setImmediate(() => r("silent"))),
    ]);
    expect(raced).toBe("silent");
    ac.abort();
    expect(await next).toMatchObject({ value: { type: "turn_end", reason: "cancelled" } });
    expect(backend.sessions[0]?.cancelReason).toBe("aborted");
    expect(backend.sessions[0]?.events).toEqual([{ type: "turn_end", reason: "cancelled" }]);
  });

  it("feeds the productivity judge: a looping scripted agent is caught as stalled", async () => {
    const loop: MockScript = Array.from({ length: 10 }, () => [
      { tool: "read_file", args: { path: "a.ts" }, result: "x" },
      { nextTurn: true as const },
    ]).flat();
    const s = await allowed({ scripts: { default: loop } }).startSession(sessionOptions());
    const judge = new StallJudge(
      { stall_turns: 3, stall_timeout_ms: 0, command_timeout_ms: 1, max_turns: 200 },
      () => 0,
    );
    let verdict = null;
    for await (const e of s.events) {
      verdict = judge.observe(e);
      if (verdict) {
        await s.cancel("stalled");
      }
    }
    expect(verdict).toMatchObject({ outcome: "stalled", code: "stall_turns" });
    expect(judge.turns).toBe(4);
  });
});
