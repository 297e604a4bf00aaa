import { describe, expect, it } from "vitest";
import { backend, drain, fakeServer, ofType, provider, sessionOpts } from "./api-harness.js";

describe("api backend: finish and ask_question (SPEC §10.2)", () => {
  it('[C116] ask_question("Should I proceed with the change?") returns a tool error and the session continues', async () => {
    const fake = await fakeServer();
    fake.enqueue(
      {
        toolCalls: [
          {
            id: "q1",
            name: "ask_question",
            arguments: { question: "Should I proceed with the change?" },
          },
        ],
      },
      { toolCalls: [{ name: "finish", arguments: { summary: "changed it" } }] },
    );
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
    );
    const result = ofType(events, "tool_result")[0]!;
    expect(result).toMatchObject({ id: "q1", ok: false });
    expect(result.output).toMatch(/proceed autonomously/i);
    expect(fake.chatRequests()).toHaveLength(2);
    expect(fake.chatRequests()[1]!.body!.messages!.at(-1)).toMatchObject({
      role: "tool",
      tool_call_id: "q1",
    });
    expect(ofType(events, "turn_end")).toEqual([
      { type: "turn_end", reason: "finish", summary: "changed it", no_changes_needed: false },
    ]);
  });

  it("a real question ends the session with reason question", async () => {
    const fake = await fakeServer();
    fake.enqueue({
      toolCalls: [
        {
          name: "ask_question",
          arguments: { question: "Which of the two API versions must stay supported?" },
        },
      ],
    });
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
    );
    expect(events.slice(-2)).toEqual([
      { type: "turn_completed", n: 1 },
      {
        type: "turn_end",
        reason: "question",
        question: "Which of the two API versions must stay supported?",
      },
    ]);
  });

  it("finish without a summary is a tool error, not the end", async () => {
    const fake = await fakeServer();
    fake.enqueue(
      { toolCalls: [{ name: "finish", arguments: {} }] },
      { toolCalls: [{ name: "finish", arguments: { summary: "now with summary" } }] },
    );
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
    );
    expect(ofType(events, "tool_result")[0]).toMatchObject({ ok: false });
    expect(ofType(events, "tool_result")[0]!.output).toMatch(
      /^invalid_tool_arguments: finish summary/,
    );
    expect(events.at(-1)).toMatchObject({ reason: "finish", summary: "now with summary" });
  });
});
