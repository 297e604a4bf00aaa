/**
 * Self-test of the fake OpenAI server against the real `openai` SDK: if the
 * SDK accepts what the fake sends, tests built on the fake exercise the wire
 * protocol real providers speak.
 */
import OpenAI, { AuthenticationError, InternalServerError, RateLimitError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, streamDeltas, type FakeOpenAI } from "../../fakes/openai-server.js";

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function client(f: FakeOpenAI, apiKey = "sk-fake-key-123456"): OpenAI {
  return new OpenAI({
    baseURL: f.baseUrl,
    apiKey,
    maxRetries: 0,
    organization: null,
    project: null,
  });
}

describe("fake OpenAI server", () => {
  it("answers a non-streaming completion and records the request", async () => {
    fake = await startFakeOpenAI({ apiKey: "sk-fake-key-123456" });
    fake.enqueue({ content: "OK", usage: { prompt_tokens: 7, completion_tokens: 1 } });
    const res = await client(fake).chat.completions.create({
      model: "m-small",
      messages: [{ role: "user", content: "Reply with OK" }],
      max_tokens: 1,
    });
    expect(res.choices[0]?.message.content).toBe("OK");
    expect(res.choices[0]?.finish_reason).toBe("stop");
    expect(res.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 1, total_tokens: 8 });
    expect(res.model).toBe("m-small");
    const [req] = fake.chatRequests();
    expect(req?.headers.authorization).toBe("Bearer sk-fake-key-123456");
    expect(req?.body?.max_tokens).toBe(1);
    expect(req?.body?.messages).toEqual([{ role: "user", content: "Reply with OK" }]);
  });

  it("streams text and interleaved tool calls that assemble exactly, with a final usage chunk", async () => {
    fake = await startFakeOpenAI();
    const args0 = { path: "src/index.ts", offset: 10, limit: 200 };
    const args1 = { command: "npm test -- --run", timeout_s: 120 };
    fake.enqueue({
      content: "Reading the file and running the tests.",
      toolCalls: [
        { id: "call_a", name: "read_file", arguments: args0 },
        { id: "call_b", name: "run_command", arguments: args1 },
      ],
      usage: { prompt_tokens: 120, completion_tokens: 40, cached_tokens: 100 },
      argChunkSize: 3,
    });
    const stream = await client(fake).chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "go" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    const calls: Array<{ id: string; name: string; args: string }> = [];
    const indexOrder: number[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined = null;
    let finish: string | null = null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      text += choice.delta.content ?? "";
      for (const tc of choice.delta.tool_calls ?? []) {
        indexOrder.push(tc.index);
        const slot = (calls[tc.index] ??= { id: "", name: "", args: "" });
        if (tc.id) slot.id = tc.id;
        if (tc.function?.name) slot.name = tc.function.name;
        slot.args += tc.function?.arguments ?? "";
      }
      finish = choice.finish_reason ?? finish;
    }
    expect(text).toBe("Reading the file and running the tests.");
    expect(calls.map((c) => [c.id, c.name])).toEqual([
      ["call_a", "read_file"],
      ["call_b", "run_command"],
    ]);
    expect(JSON.parse(calls[0]!.args)).toEqual(args0);
    expect(JSON.parse(calls[1]!.args)).toEqual(args1);
    // Fragments interleave: index 0 appears again after index 1 has started.
    expect(indexOrder.indexOf(1)).toBeLessThan(indexOrder.lastIndexOf(0));
    expect(finish).toBe("tool_calls");
    expect(usage).toMatchObject({
      prompt_tokens: 120,
      completion_tokens: 40,
      prompt_tokens_details: { cached_tokens: 100 },
    });
    expect(chunks).toBeGreaterThan(10);
  });

  it("splits argument fragments round-robin across tool-call indices", () => {
    const deltas = streamDeltas(
      {
        content: null,
        calls: [
          { id: "a", name: "x", args: "0123456789" },
          { id: "b", name: "y", args: "abcdef" },
        ],
        finish: "tool_calls",
      },
      4,
      3,
    );
    const indices = deltas.flatMap((d) =>
      ((d.delta.tool_calls as Array<{ index: number }> | undefined) ?? []).map((t) => t.index),
    );
    expect(indices).toEqual([0, 1, 0, 1, 0, 1, 0, 0]);
  });

  it("omits the usage chunk when include_usage is not requested", async () => {
    fake = await startFakeOpenAI();
    fake.enqueue({ content: "hello" });
    const stream = await client(fake).chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    const seen: unknown[] = [];
    for await (const chunk of stream) seen.push(chunk.usage);
    expect(seen.every((u) => u === undefined)).toBe(true);
  });

  it("injects 401, 429 with Retry-After and 503", async () => {
    fake = await startFakeOpenAI({ apiKey: "sk-right-key-0000" });
    const wrong = client(fake, "sk-wrong-key-1111");
    await expect(
      wrong.chat.completions.create({ model: "m", messages: [] }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    const ok = client(fake, "sk-right-key-0000");
    fake.enqueue({ kind: "error", status: 429, retryAfter: 7, message: "slow down" });
    const rate = await ok.chat.completions
      .create({ model: "m", messages: [] })
      .catch((e: unknown) => e);
    expect(rate).toBeInstanceOf(RateLimitError);
    expect((rate as RateLimitError).headers?.get("retry-after")).toBe("7");
    expect((rate as RateLimitError).message).toContain("slow down");
    fake.enqueue({ kind: "error", status: 503 });
    await expect(ok.chat.completions.create({ model: "m", messages: [] })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(fake.pending()).toBe(0);
  });

  it("lists models with context lengths and lets a handler script per request", async () => {
    fake = await startFakeOpenAI({
      models: [{ id: "m-large", context_length: 200000 }, { id: "m-small" }],
    });
    const models: Array<Record<string, unknown>> = [];
    for await (const m of client(fake).models.list())
      models.push(m as unknown as Record<string, unknown>);
    expect(models.map((m) => m.id)).toEqual(["m-large", "m-small"]);
    expect(models[0]?.context_length).toBe(200000);

    fake.setHandler((req) =>
      req.body?.model === "echo" ? { content: `model was ${req.body.model}` } : undefined,
    );
    const res = await client(fake).chat.completions.create({ model: "echo", messages: [] });
    expect(res.choices[0]?.message.content).toBe("model was echo");
  });

  it("reports an unscripted chat request as a 500 instead of inventing an answer", async () => {
    fake = await startFakeOpenAI();
    await expect(
      client(fake).chat.completions.create({ model: "m", messages: [] }),
    ).rejects.toThrow(/no scripted reply/);
  });
});
