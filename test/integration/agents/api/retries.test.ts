import { describe, expect, it } from "vitest";
import { abortableSleep } from "../../../../src/agents/api/retry.js";
import { backend, drain, fakeServer, ofType, provider, sessionOpts } from "./api-harness.js";

/** A sleep that only records the wait. */
function record(waits: number[]) {
  return (ms: number): Promise<void> => {
    waits.push(ms);
    return Promise.resolve();
  };
}

const finish = { toolCalls: [{ name: "finish", arguments: { summary: "done" } }] };

describe("api backend: HTTP retries (SPEC §10.3)", () => {
  it("[C109] Retry-After: 3 on a 429 delays the retry by at least 3 s (real clock)", async () => {
    const fake = await fakeServer();
    fake.enqueue({ kind: "error", status: 429, retryAfter: 3, message: "slow down" }, finish);
    const waits: number[] = [];
    const b = backend({
      sleep: (ms, signal) => {
        waits.push(ms);
        return abortableSleep(ms, signal);
      },
    });
    const events = await drain((await b.startSession(sessionOpts(provider(fake.baseUrl)))).events);
    const [first, second] = fake.chatRequests();
    expect(second!.at.getTime() - first!.at.getTime()).toBeGreaterThanOrEqual(3000);
    expect(waits).toEqual([3000]);
    expect(events.at(-1)).toMatchObject({ type: "turn_end", reason: "finish" });
  });

  it("[C109] a 503 is retried and the session goes on", async () => {
    const fake = await fakeServer();
    fake.enqueue(
      { kind: "error", status: 503, message: "overloaded" },
      { kind: "error", status: 503 },
      finish,
    );
    const waits: number[] = [];
    const b = backend({ sleep: record(waits) });
    const events = await drain((await b.startSession(sessionOpts(provider(fake.baseUrl)))).events);
    expect(fake.chatRequests()).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
    expect(events.at(-1)).toMatchObject({ type: "turn_end", reason: "finish" });
  });

  it("[C109] a 401 is not retried and ends the session with provider_auth_failed, without echoing the key", async () => {
    const fake = await fakeServer({ apiKey: "sk-the-right-key-0000" });
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
    );
    expect(fake.chatRequests()).toHaveLength(1);
    const end = events.at(-1);
    expect(end).toMatchObject({
      type: "turn_end",
      reason: "error",
      error: { code: "provider_auth_failed" },
    });
    expect(ofType(events, "turn_completed")).toHaveLength(0);
    expect(JSON.stringify(events)).not.toContain("sk-test-0123456789abcdef");
  });

  it("other 4xx are not retried (provider_request_rejected); exhausted 429s yield rate_limited", async () => {
    const fake = await fakeServer();
    fake.enqueue({ kind: "error", status: 422, message: "bad field" });
    const rejected = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
    );
    expect(rejected.at(-1)).toMatchObject({
      reason: "error",
      error: { code: "provider_request_rejected" },
    });
    expect(fake.chatRequests()).toHaveLength(1);

    for (let i = 0; i < 5; i++) fake.enqueue({ kind: "error", status: 429 });
    const waits: number[] = [];
    const b = backend({ sleep: record(waits) });
    const limited = await drain((await b.startSession(sessionOpts(provider(fake.baseUrl)))).events);
    expect(fake.chatRequests()).toHaveLength(6);
    expect(waits).toEqual([5000, 10000, 20000, 40000]);
    expect(limited.at(-1)).toMatchObject({ reason: "error", error: { code: "rate_limited" } });
  });

  it("a stream cut half-way is retried whole and emits nothing of the broken attempt", async () => {
    const fake = await fakeServer();
    fake.enqueue(
      { content: "partial text that never completes", textChunkSize: 3, dropAfterChunks: 4 },
      finish,
    );
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
    );
    expect(fake.chatRequests()).toHaveLength(2);
    expect(ofType(events, "text")).toEqual([]);
    expect(ofType(events, "usage")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ reason: "finish" });
  });

  it("a stream that ends cleanly but incomplete (no finish reason, no usage) is retried", async () => {
    const fake = await fakeServer();
    const chunk = {
      id: "x",
      object: "chat.completion.chunk",
      created: 0,
      model: "fake-model",
      choices: [{ index: 0, delta: { content: "half" }, finish_reason: null }],
    };
    fake.enqueue(
      {
        kind: "raw",
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body: `data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`,
      },
      finish,
    );
    const events = await drain(
      (await backend().startSession(sessionOpts(provider(fake.baseUrl)))).events,
    );
    expect(fake.chatRequests()).toHaveLength(2);
    expect(ofType(events, "text")).toEqual([]);
    expect(events.at(-1)).toMatchObject({ reason: "finish" });
  });
});
