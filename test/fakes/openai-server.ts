/**
 * A faithful fake of an OpenAI-compatible server, on real HTTP (127.0.0.1,
 * port 0), for tests of anything that speaks chat completions: the provider
 * test, fetch-models and the built-in `api` agent loop.
 *
 * Wire behaviour (as the OpenAI API and the `openai` SDK expect it):
 * - `POST /v1/chat/completions`: non-streaming JSON, or with `stream: true`
 *   Server-Sent Events — `data: {chunk}` lines, `data: [DONE]` at the end,
 *   and with `stream_options.include_usage` a final chunk with `choices: []`
 *   and `usage` (every earlier chunk then carries `usage: null`). Text is split
 *   into several deltas; tool calls are streamed across several deltas whose
 *   argument fragments interleave between tool-call indices (the first delta
 *   of each call carries `index`, `id`, `type` and `function.name`).
 * - `GET /v1/models`: `{object: "list", data: [{id, object: "model", created,
 *   owned_by, context_length?}]}`.
 * - A bearer key check (`apiKey` option): a wrong or missing key gets 401 with
 *   OpenAI's error body (`invalid_api_key`).
 * - Error injection: any status with an OpenAI error body and optional
 *   `Retry-After` header; redirects; a stream that is cut after N chunks.
 *
 * Scripting per test: `enqueue(...)` appends replies consumed in order by
 * chat-completion requests, or `setHandler(fn)` decides per request (return
 * undefined to fall back to the queue). With nothing scripted, a chat request
 * gets a 500 saying so, so a test never silently passes on a default. Every
 * request is recorded in `requests` (method, path, headers, parsed JSON body).
 *
 * @example
 *   const fake = await startFakeOpenAI({ apiKey: "sk-test" });
 *   fake.enqueue({ toolCalls: [{ name: "read_file", arguments: { path: "a.ts" } }] });
 *   fake.enqueue({ content: "Done." });
 *   const client = new OpenAI({ baseURL: fake.baseUrl, apiKey: "sk-test" });
 *   ...
 *   expect(fake.requests).toHaveLength(2);
 *   await fake.close();
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One tool call the fake model makes; `arguments` objects are JSON-encoded. */
export interface FakeToolCall {
  /** Defaults to `call_<n>`. */
  id?: string;
  name: string;
  arguments: string | Record<string, unknown>;
}

/** Token usage the fake reports; defaults are estimated from the request (chars ÷ 4). */
export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
}

/** A model reply. Rendered as JSON or SSE according to the request's `stream`. */
export interface FakeCompletion {
  kind?: "completion";
  content?: string | null;
  toolCalls?: FakeToolCall[];
  /** Defaults to `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: "stop" | "length" | "tool_calls" | "content_filter";
  usage?: FakeUsage;
  /** Defaults to the requested model. */
  model?: string;
  /** Characters per text delta when streaming (default 4). */
  textChunkSize?: number;
  /** Characters per argument fragment when streaming (default 5). */
  argChunkSize?: number;
  /** Destroys the socket after this many SSE events (simulates a dropped connection). */
  dropAfterChunks?: number;
  /** Waits before answering (for timeout tests; prefer small values). */
  delayMs?: number;
}

/** An HTTP error with OpenAI's error body. */
export interface FakeError {
  kind: "error";
  status: number;
  message?: string;
  type?: string;
  code?: string | null;
  /** `Retry-After` header: seconds, or an HTTP date string. */
  retryAfter?: number | string;
  headers?: Record<string, string>;
}

/** Anything else: full control of status, headers and body. */
export interface FakeRaw {
  kind: "raw";
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A redirect (to test clients that must re-check redirect targets). */
export interface FakeRedirect {
  kind: "redirect";
  status?: 301 | 302 | 303 | 307 | 308;
  location: string;
}

export type FakeReply = FakeCompletion | FakeError | FakeRaw | FakeRedirect;

/** What the fake recorded for one request. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or null when absent or not JSON. */
  body: ChatRequestBody | null;
  rawBody: string;
  at: Date;
}

/** The fields of a chat-completions request the fake reads (everything else is kept as sent). */
export interface ChatRequestBody {
  model?: string;
  messages?: Array<Record<string, unknown>>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  tools?: unknown[];
  [key: string]: unknown;
}

export type FakeHandler = (
  req: RecordedRequest,
) => FakeReply | undefined | Promise<FakeReply | undefined>;

export interface FakeModel {
  id: string;
  context_length?: number;
  max_model_len?: number;
  owned_by?: string;
}

export interface FakeOpenAIOptions {
  /** Required bearer key; undefined accepts any request (keyless servers). */
  apiKey?: string;
  /** Served by `GET /v1/models`. */
  models?: FakeModel[];
  /** Prefix of every route (default `/v1`). */
  basePath?: string;
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>/v1` — what a provider's `base_url` is set to. */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Chat-completion requests only. */
  chatRequests(): RecordedRequest[];
  enqueue(...replies: FakeReply[]): void;
  /** Replies not consumed yet. */
  pending(): number;
  setHandler(handler: FakeHandler | null): void;
  setModels(models: FakeModel[]): void;
  close(): Promise<void>;
}

let counter = 0;

function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += Math.max(1, size))
    out.push(text.slice(i, i + Math.max(1, size)));
  return out;
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function argsText(call: FakeToolCall): string {
  return typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
}

interface Rendered {
  id: string;
  created: number;
  model: string;
  content: string | null;
  calls: Array<{ id: string; name: string; args: string }>;
  finish: string;
  usage: Record<string, unknown>;
}

function render(reply: FakeCompletion, req: ChatRequestBody): Rendered {
  const calls = (reply.toolCalls ?? []).map((c) => ({
    id: c.id ?? `call_${++counter}`,
    name: c.name,
    args: argsText(c),
  }));
  const content = reply.content ?? (calls.length ? null : "");
  const prompt = reply.usage?.prompt_tokens ?? estimateTokens(JSON.stringify(req.messages ?? []));
  const completion =
    reply.usage?.completion_tokens ??
    estimateTokens((content ?? "") + calls.map((c) => c.name + c.args).join(""));
  return {
    id: `chatcmpl-${randomUUID()}`,
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? req.model ?? "fake-model",
    content,
    calls,
    finish: reply.finishReason ?? (calls.length ? "tool_calls" : "stop"),
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: reply.usage?.cached_tokens ?? 0 },
    },
  };
}

function completionBody(r: Rendered): unknown {
  return {
    id: r.id,
    object: "chat.completion",
    created: r.created,
    model: r.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: r.content,
          refusal: null,
          ...(r.calls.length
            ? {
                tool_calls: r.calls.map((c) => ({
                  id: c.id,
                  type: "function",
                  function: { name: c.name, arguments: c.args },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: r.finish,
      },
    ],
    usage: r.usage,
  };
}

/**
 * The SSE deltas of a reply: role, text pieces, then tool calls — each call's
 * header delta first, then argument fragments taken round-robin across calls
 * so indices interleave — then the finish reason.
 */
export function streamDeltas(
  r: Pick<Rendered, "content" | "calls" | "finish">,
  textChunkSize = 4,
  argChunkSize = 5,
): Array<{ delta: Record<string, unknown>; finish_reason: string | null }> {
  const out: Array<{ delta: Record<string, unknown>; finish_reason: string | null }> = [
    { delta: { role: "assistant", content: "" }, finish_reason: null },
  ];
  for (const piece of chunked(r.content ?? "", textChunkSize))
    out.push({ delta: { content: piece }, finish_reason: null });
  const fragments = r.calls.map((c) => chunked(c.args, argChunkSize));
  r.calls.forEach((c, index) =>
    out.push({
      delta: {
        tool_calls: [
          { index, id: c.id, type: "function", function: { name: c.name, arguments: "" } },
        ],
      },
      finish_reason: null,
    }),
  );
  while (fragments.some((f) => f.length)) {
    fragments.forEach((f, index) => {
      const piece = f.shift();
      if (piece !== undefined)
        out.push({
          delta: { tool_calls: [{ index, function: { arguments: piece } }] },
          finish_reason: null,
        });
    });
  }
  out.push({ delta: {}, finish_reason: r.finish });
  return out;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, e: FakeError): void {
  const headers: Record<string, string> = { ...e.headers };
  if (e.retryAfter !== undefined) headers["retry-after"] = String(e.retryAfter);
  sendJson(
    res,
    e.status,
    {
      error: {
        message: e.message ?? `fake error ${e.status}`,
        type:
          e.type ??
          (e.status === 429
            ? "rate_limit_exceeded"
            : e.status >= 500
              ? "server_error"
              : "invalid_request_error"),
        param: null,
        code: e.code ?? null,
      },
    },
    headers,
  );
}

function sendCompletion(res: ServerResponse, reply: FakeCompletion, req: ChatRequestBody): void {
  const r = render(reply, req);
  if (!req.stream) return sendJson(res, 200, completionBody(r));
  const includeUsage = req.stream_options?.include_usage === true;
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  const events: Array<Record<string, unknown>> = streamDeltas(
    r,
    reply.textChunkSize,
    reply.argChunkSize,
  ).map((d) => ({
    id: r.id,
    object: "chat.completion.chunk",
    created: r.created,
    model: r.model,
    choices: [{ index: 0, delta: d.delta, logprobs: null, finish_reason: d.finish_reason }],
    ...(includeUsage ? { usage: null } : {}),
  }));
  if (includeUsage)
    events.push({
      id: r.id,
      object: "chat.completion.chunk",
      created: r.created,
      model: r.model,
      choices: [],
      usage: r.usage,
    });
  let sent = 0;
  for (const e of events) {
    if (reply.dropAfterChunks !== undefined && sent >= reply.dropAfterChunks) {
      res.socket?.destroy();
      return;
    }
    res.write(`data: ${JSON.stringify(e)}\n\n`);
    sent++;
  }
  res.end("data: [DONE]\n\n");
}

function send(res: ServerResponse, reply: FakeReply, req: ChatRequestBody): void {
  switch (reply.kind) {
    case "error":
      return sendError(res, reply);
    case "raw":
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? "");
      return;
    case "redirect":
      res.writeHead(reply.status ?? 302, { location: reply.location });
      res.end();
      return;
    case undefined:
    case "completion":
      return sendCompletion(res, reply, req);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): ChatRequestBody | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as ChatRequestBody) : null;
  } catch {
    return null;
  }
}

/** Starts the fake; close it in `afterEach`/`finally`. */
export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const base = opts.basePath ?? "/v1";
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let handler: FakeHandler | null = null;
  let models = opts.models ?? [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const rawBody = await readBody(req);
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const record: RecordedRequest = {
        method: req.method ?? "GET",
        path,
        headers: { ...req.headers },
        body: parseJson(rawBody),
        rawBody,
        at: new Date(),
      };
      requests.push(record);
      if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
        return sendError(res, {
          kind: "error",
          status: 401,
          message: "Incorrect API key provided.",
          type: "invalid_request_error",
          code: "invalid_api_key",
        });
      }
      const scripted = handler ? await handler(record) : undefined;
      if (scripted) {
        if (scripted.kind === undefined || scripted.kind === "completion")
          await new Promise((r) => setTimeout(r, scripted.delayMs ?? 0));
        return send(res, scripted, record.body ?? {});
      }
      if (record.method === "GET" && path === `${base}/models`) {
        return sendJson(res, 200, {
          object: "list",
          data: models.map((m) => ({
            object: "model",
            created: 1700000000,
            owned_by: m.owned_by ?? "fake",
            ...m,
          })),
        });
      }
      if (record.method === "POST" && path === `${base}/chat/completions`) {
        const next = queue.shift();
        if (!next)
          return sendError(res, {
            kind: "error",
            status: 500,
            message: "fake-openai: no scripted reply left",
          });
        if (next.kind === undefined || next.kind === "completion")
          await new Promise((r) => setTimeout(r, next.delayMs ?? 0));
        return send(res, next, record.body ?? {});
      }
      sendError(res, {
        kind: "error",
        status: 404,
        message: `fake-openai: no route ${record.method} ${path}`,
      });
    })().catch((e: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { error: { message: String(e), type: "server_error" } });
      else res.destroy();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}${base}`,
    origin,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === `${base}/chat/completions`),
    enqueue: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    setHandler: (h) => void (handler = h),
    setModels: (m) => void (models = m),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
