import { describe, expect, it } from "vitest";
import { StallJudge, type JudgeEvent, type StallLimits } from "../../../src/domain/stall.js";
import { toolKindOf } from "../../../src/domain/tool-kind.js";

const limits = (over: Partial<StallLimits> = {}): StallLimits => ({
  stall_turns: 3,
  stall_timeout_ms: 60_000,
  command_timeout_ms: 600_000,
  max_turns: 200,
  ...over,
});

/** `run_command` starts (its result comes later, if at all). */
const commandStarts: JudgeEvent = {
  type: "tool_call",
  id: "cmd",
  name: "run_command",
  kind: "execute",
  args: {},
};

/** A judge on a hand-driven clock plus helpers to play turns. */
function harness(over: Partial<StallLimits> = {}) {
  let now = 0;
  const judge = new StallJudge(limits(over), () => now);
  let seq = 0;
  const call = (name: string, args: unknown, ok = true, output = "ok", exit_code?: number) => {
    const id = `c${++seq}`;
    const events: JudgeEvent[] = [
      { type: "tool_call", id, name, kind: toolKindOf(name), args },
      { type: "tool_result", id, ok, output, ...(exit_code === undefined ? {} : { exit_code }) },
    ];
    return events.map((e) => judge.observe(e)).find((v) => v !== null) ?? null;
  };
  const endTurn = () => judge.observe({ type: "turn_completed", n: judge.turns + 1 });
  return {
    judge,
    call,
    endTurn,
    advance: (ms: number) => void (now += ms),
  };
}

describe("productivity judge (SPEC §7.7)", () => {
  it("[C70] reading distinct files is productive", () => {
    const h = harness({ stall_turns: 2 });
    for (let i = 0; i < 10; i++) {
      h.call("read_file", { path: `src/f${i}.ts` });
      expect(h.endTurn()).toBeNull();
    }
    expect(h.judge.unproductiveTurns).toBe(0);
  });

  it("[C70] repeating an earlier read-only call is unproductive and stall_turns of them stall", () => {
    const h = harness({ stall_turns: 3 });
    h.call("read_file", { path: "a.ts", limit: 10 });
    expect(h.endTurn()).toBeNull();
    h.call("read_file", { limit: 10, path: "a.ts" }); // same call, other key order
    expect(h.endTurn()).toBeNull();
    h.call("list_files", { path: "." });
    expect(h.endTurn()).toBeNull(); // new listing: productive, streak reset
    h.call("read_file", { path: "a.ts", limit: 10 });
    expect(h.endTurn()).toBeNull();
    h.call("list_files", { path: "." });
    expect(h.endTurn()).toBeNull();
    h.call("search_files", { pattern: "x" });
    expect(h.endTurn()).toBeNull();
    h.call("search_files", { pattern: "x" });
    h.endTurn();
    h.call("read_file", { path: "a.ts", limit: 10 });
    h.endTurn();
    h.call("list_files", { path: "." });
    expect(h.endTurn()).toMatchObject({ outcome: "stalled", code: "stall_turns" });
  });

  it("[C70] turns with only failed calls are unproductive; a successful edit resets the count", () => {
    const h = harness({ stall_turns: 3 });
    h.call("run_command", { command: "make" }, false, "boom 1");
    h.endTurn();
    h.call("edit_file", { path: "x" }, false, "no match 2");
    h.endTurn();
    expect(h.judge.unproductiveTurns).toBe(2);
    h.call("edit_file", { path: "a.ts", old_string: "a", new_string: "b" });
    expect(h.endTurn()).toBeNull();
    expect(h.judge.unproductiveTurns).toBe(0);
    h.call("read_file", { path: "y" }, false, "missing 3");
    h.endTurn();
    h.endTurn(); // a turn with no tool call at all
    h.call("run_command", { command: "false" }, true, "", 1); // ran, exited non-zero
    expect(h.endTurn()).toMatchObject({ outcome: "stalled", code: "stall_turns" });
    expect(h.judge.verdict).toMatchObject({ code: "stall_turns" });
  });

  it("a command that exits 0 is productive", () => {
    const h = harness({ stall_turns: 1 });
    h.call("run_command", { command: "npm test" }, true, "ok", 0);
    expect(h.endTurn()).toBeNull();
    h.call("run_command", { command: "npm test" }, true, "ok", 0);
    expect(h.endTurn()).toBeNull();
  });

  it("[C71] three identical consecutive tool errors stall the run", () => {
    const h = harness({ stall_turns: 100 });
    expect(h.call("edit_file", { path: "a" }, false, "old_string not found")).toBeNull();
    h.endTurn();
    expect(h.call("edit_file", { path: "a" }, false, "old_string not found")).toBeNull();
    expect(h.call("edit_file", { path: "a" }, false, "old_string not found")).toMatchObject({
      outcome: "stalled",
      code: "repeated_tool_error",
    });
  });

  it("[C71] errors that differ, or are interrupted by a success, do not count as identical", () => {
    const h = harness({ stall_turns: 100 });
    h.call("edit_file", { path: "a" }, false, "E");
    h.call("edit_file", { path: "a" }, false, "E");
    h.call("edit_file", { path: "b" }, false, "E");
    h.call("edit_file", { path: "b" }, false, "E");
    h.call("read_file", { path: "b" });
    h.call("edit_file", { path: "b" }, false, "E");
    h.call("edit_file", { path: "b" }, false, "E2");
    h.call("edit_file", { path: "b" }, false, "E");
    expect(h.judge.verdict).toBeNull();
  });

  it("[C73] reaching max_turns ends the run with outcome max_turns", () => {
    const h = harness({ max_turns: 3 });
    for (let i = 1; i <= 2; i++) {
      h.call("write_file", { path: `f${i}` });
      expect(h.endTurn()).toBeNull();
    }
    h.call("write_file", { path: "f3" });
    expect(h.endTurn()).toEqual({
      outcome: "max_turns",
      code: "max_turns",
      message: "reached the turn ceiling of 3",
    });
    expect(h.judge.turns).toBe(3);
  });

  it("silence longer than stall_timeout_ms stalls with silence_timeout", () => {
    const h = harness({ stall_timeout_ms: 1_000 });
    h.judge.observe({ type: "text", text: "hi" });
    h.advance(1_000);
    expect(h.judge.checkSilence()).toBeNull();
    expect(h.judge.silenceDeadline()).toBe(1_001);
    h.advance(1);
    expect(h.judge.checkSilence()).toMatchObject({ outcome: "stalled", code: "silence_timeout" });
  });

  it("a running command suspends the silence clock up to command_timeout_ms", () => {
    const h = harness({ stall_timeout_ms: 1_000, command_timeout_ms: 10_000 });
    h.judge.observe(commandStarts);
    h.advance(9_000);
    expect(h.judge.checkSilence()).toBeNull();
    h.advance(2_000); // 11 s: past the command timeout but within the silence limit after it
    expect(h.judge.checkSilence()).toBeNull();
    h.advance(1);
    expect(h.judge.checkSilence()).toMatchObject({ code: "silence_timeout" });
  });

  it("a finished command no longer suspends the clock; 0 disables the silence rule", () => {
    const h = harness({ stall_timeout_ms: 1_000 });
    h.judge.observe(commandStarts);
    h.judge.observe({ type: "tool_result", id: "cmd", ok: true, output: "", exit_code: 0 });
    h.advance(1_001);
    expect(h.judge.checkSilence()).toMatchObject({ code: "silence_timeout" });
    const off = harness({ stall_timeout_ms: 0 });
    off.advance(10_000_000);
    expect(off.judge.checkSilence()).toBeNull();
    expect(off.judge.silenceDeadline()).toBeNull();
  });
});
