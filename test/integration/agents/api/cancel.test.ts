import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { AgentTool } from "../../../../src/agents/backend.js";
import { abortableSleep } from "../../../../src/agents/api/retry.js";
import { waitFor } from "../../../helpers/sandbox.js";
import { backend, fakeServer, provider, sessionOpts, untilTurnEnd } from "./api-harness.js";

describe("api backend: cancellation", () => {
  it("cancel() stops an in-flight streaming request promptly with turn_end(cancelled)", async () => {
    const fake = await fakeServer();
    fake.enqueue({ content: "too late", delayMs: 20_000 });
    const session = await backend().startSession(sessionOpts(provider(fake.baseUrl)));
    const it = session.events[Symbol.asyncIterator]();
    const pending = untilTurnEnd(it);
    await waitFor(() => fake.chatRequests().length === 1);
    const started = Date.now();
    await session.cancel("operator");
    const events = await pending;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(events).toEqual([{ type: "turn_end", reason: "cancelled" }]);
    expect((await it.next()).done).toBe(true);
  });

  it("cancel() stops a response that is streaming (first SSE chunks sent, the rest never comes)", async () => {
    let connections = 0;
    const server = createServer((req, res) => {
      connections++;
      req.resume();
      res.writeHead(200, { "content-type": "text/event-stream" });
      const delta = { role: "assistant", content: "Working on" };
      res.write(
        `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", created: 0, model: "m", choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const session = await backend().startSession(
        sessionOpts(provider(`http://127.0.0.1:${port}/v1`)),
      );
      const pending = untilTurnEnd(session.events[Symbol.asyncIterator]());
      await waitFor(() => connections === 1);
      const started = Date.now();
      await session.cancel("stall");
      expect(await pending).toEqual([{ type: "turn_end", reason: "cancelled" }]);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(connections).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("aborting the session signal during a retry wait ends it as cancelled", async () => {
    const fake = await fakeServer();
    fake.enqueue({ kind: "error", status: 429, retryAfter: 60 });
    const abort = new AbortController();
    const b = backend({ sleep: abortableSleep });
    const session = await b.startSession(
      sessionOpts(provider(fake.baseUrl), { signal: abort.signal }),
    );
    const pending = untilTurnEnd(session.events[Symbol.asyncIterator]());
    await waitFor(() => fake.chatRequests().length === 1);
    const started = Date.now();
    abort.abort();
    expect(await pending).toEqual([{ type: "turn_end", reason: "cancelled" }]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it("cancel() while idle after end_turn completes the event stream", async () => {
    const fake = await fakeServer();
    fake.enqueue({ content: "Hello." });
    const session = await backend().startSession(sessionOpts(provider(fake.baseUrl)));
    const it = session.events[Symbol.asyncIterator]();
    expect((await untilTurnEnd(it)).at(-1)).toEqual({ type: "turn_end", reason: "end_turn" });
    const next = it.next();
    await session.cancel("completed");
    expect((await next).done).toBe(true);
  });
});

describe("api backend: tool timing", () => {
  it("emits tool_call before the tool runs, so the orchestrator sees a long command start", async () => {
    const fake = await fakeServer();
    fake.enqueue(
      { toolCalls: [{ id: "slow", name: "slow_command", arguments: {} }] },
      { toolCalls: [{ name: "finish", arguments: { summary: "done" } }] },
    );
    let release: () => void = () => undefined;
    let started = false;
    const tool: AgentTool = {
      name: "slow_command",
      description: "slow",
      kind: "execute",
      parameters: { type: "object", properties: {} },
      execute: () => {
        started = true;
        return new Promise((resolve) => {
          release = () => resolve({ ok: true, output: "finished", exit_code: 0 });
        });
      },
    };
    const session = await backend().startSession(
      sessionOpts(provider(fake.baseUrl), { tools: [tool] }),
    );
    const it = session.events[Symbol.asyncIterator]();
    let first = await it.next();
    while (!first.done && first.value.type !== "tool_call") first = await it.next();
    expect(first.value).toMatchObject({ type: "tool_call", id: "slow", kind: "execute" });
    expect(started).toBe(false);
    const next = it.next();
    await waitFor(() => started);
    release();
    expect((await next).value).toMatchObject({
      type: "tool_result",
      id: "slow",
      ok: true,
      exit_code: 0,
    });
    expect((await untilTurnEnd(it)).at(-1)).toMatchObject({ reason: "finish" });
  });
});
