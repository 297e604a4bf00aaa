import { describe, expect, it } from "vitest";
import type { MockStep } from "../../../src/agents/mock/index.js";
import { makeHarness, writeStep } from "./attempt-harness.js";

const read = (path: string): MockStep => ({ tool: "read_file", args: { path }, result: "content" });

describe("run attempt: continuations and stall rules through the mock backend", () => {
  it("[C74] a session without changes gets continuation 1 of 2 on the same session, then ends stalled (no_changes_detected)", async () => {
    const h = await makeHarness({ scripts: { default: [{ text: "I looked around." }] } });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r).toMatchObject({ outcome: "stalled", error: { code: "no_changes_detected" } });
    expect(h.mock.sessions).toHaveLength(1);
    const cont = h.mock.sessions[0]?.continuations ?? [];
    expect(cont).toHaveLength(2);
    expect(cont[0]).toContain("continuation 1 of 2");
    expect(cont[1]).toContain("continuation 2 of 2");
    expect((await h.store.runs.get(r.runId))?.continuations).toBe(2);
    const { issue: after, comments } = await h.tracker.getIssueDetail(issue.id);
    expect(after.state).toBe("In Progress");
    expect(comments.at(-1)?.text).toMatch(
      /^Agent run ended: stalled \(no_changes_detected: .*\)\. Retrying in 10s \(attempt #2 of 5\)\.$/,
    );
  });

  it("[C75] finish with no_changes_needed yields no_changes and Needs Human by default", async () => {
    const h = await makeHarness({
      scripts: {
        default: [{ finish: { summary: "Already fixed upstream", no_changes_needed: true } }],
      },
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r).toMatchObject({ outcome: "no_changes", statusSet: "Needs Human" });
    const { issue: after, comments } = await h.tracker.getIssueDetail(issue.id);
    expect(after.state).toBe("Needs Human");
    expect(comments.at(-1)?.text).toMatch(/Already fixed upstream[\s\S]*\nWhat to do: /);
  });

  it("[C75] finish with no_changes_needed yields Done with on_no_changes: done", async () => {
    const h = await makeHarness({
      config: { delivery: { on_no_changes: "done" } },
      scripts: { default: [{ finish: { summary: "Nothing to do", no_changes_needed: true } }] },
    });
    const issue = await h.issue();
    expect(await h.run(issue)).toMatchObject({ outcome: "no_changes", statusSet: "Done" });
    expect((await h.tracker.getIssueDetail(issue.id)).issue.state).toBe("Done");
  });

  it("[C70] stall_turns consecutive unproductive turns (repeated reads) end the run as stalled", async () => {
    const h = await makeHarness({
      config: { agent: { stall_turns: 2 } },
      scripts: {
        default: [
          read("a"),
          { nextTurn: true },
          read("a"),
          { nextTurn: true },
          read("a"),
          { nextTurn: true },
          writeStep("x", "x"),
          { finish: { summary: "x" } },
        ],
      },
    });
    const r = await h.run(await h.issue());
    expect(r).toMatchObject({ outcome: "stalled", error: { code: "stall_turns" } });
    expect(h.mock.sessions[0]?.cancelReason).toBe("stall_turns");
  });

  it("[C70] reading distinct files is productive and a successful edit resets the count", async () => {
    const h = await makeHarness({
      config: { agent: { stall_turns: 2 } },
      scripts: {
        default: [
          read("a"),
          { nextTurn: true },
          read("b"),
          { nextTurn: true },
          read("b"),
          { nextTurn: true },
          writeStep("x.txt", "x"),
          { nextTurn: true },
          read("b"),
          { nextTurn: true },
          writeStep("y.txt", "y"),
          { finish: { summary: "done" } },
        ],
      },
    });
    expect((await h.run(await h.issue())).outcome).toBe("succeeded");
  });

  it("[C71] three identical consecutive tool errors end the run as stalled", async () => {
    const fail: MockStep = {
      tool: "run_command",
      args: { command: "make" },
      error: "make: *** no rule",
      exitCode: 2,
    };
    const h = await makeHarness({
      scripts: { default: [fail, fail, fail, writeStep("x", "x"), { finish: { summary: "x" } }] },
    });
    const r = await h.run(await h.issue());
    expect(r).toMatchObject({ outcome: "stalled", error: { code: "repeated_tool_error" } });
  });

  it("[C72] no agent events for stall_timeout_ms cancels the session as stalled (silence_timeout) and a retry follows", async () => {
    const h = await makeHarness({
      config: { agent: { stall_timeout_ms: 150 } },
      scripts: { default: [{ text: "hi" }, { hang: true }] },
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r).toMatchObject({ outcome: "stalled", error: { code: "silence_timeout" } });
    expect(h.mock.sessions[0]?.cancelReason).toBe("silence_timeout");
    expect((await h.tracker.getIssueDetail(issue.id)).comments.at(-1)?.text).toMatch(
      /Retrying in 10s \(attempt #2 of 5\)/,
    );
  });

  it("[C72] a run_command still inside its own timeout does not trigger the silence timeout", async () => {
    const h = await makeHarness({
      config: { agent: { stall_timeout_ms: 100, command_timeout_ms: 60_000 } },
      scripts: {
        default: [
          {
            event: {
              type: "tool_call",
              id: "c1",
              name: "run_command",
              kind: "execute",
              args: { command: "sleep 1" },
            },
          },
          { sleepMs: 400 },
          { event: { type: "tool_result", id: "c1", ok: true, output: "", exit_code: 0 } },
          writeStep("x.txt", "x"),
          { finish: { summary: "slow command" } },
        ],
      },
    });
    expect((await h.run(await h.issue())).outcome).toBe("succeeded");
  });

  it("[C73] reaching max_turns ends the run with outcome max_turns", async () => {
    const h = await makeHarness({
      config: { agent: { max_turns: 2 } },
      scripts: {
        default: [
          writeStep("a", "a"),
          { nextTurn: true },
          writeStep("b", "b"),
          { nextTurn: true },
          writeStep("c", "c"),
          { finish: { summary: "x" } },
        ],
      },
    });
    const r = await h.run(await h.issue());
    expect(r.outcome).toBe("max_turns");
    expect((await h.store.runs.get(r.runId))?.turns).toBe(2);
  });
});
