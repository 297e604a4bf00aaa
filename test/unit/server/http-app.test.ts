import { describe, expect, it } from "vitest";
import { BASE, PORT, json, makeApp } from "./fake-service.js";

async function errorOf(
  res: Response,
): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  const body = (await res.json()) as {
    error: { code: string; message: string; details?: Record<string, unknown> };
  };
  expect(Object.keys(body)).toEqual(["error"]);
  return body.error;
}

describe("routing and the error envelope", () => {
  it("[C177] answers an unknown route with 404 not_found in the envelope", async () => {
    const res = await makeApp().request("/api/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const err = await errorOf(res);
    expect(err.code).toBe("not_found");
    expect(typeof err.message).toBe("string");
  });

  it("[C177] answers a wrong method on a known path with 405 method_not_allowed and Allow", async () => {
    const { request } = makeApp();
    const res = await request("/api/v1/state", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect((await errorOf(res)).code).toBe("method_not_allowed");

    const both = await request("/api/v1/session", json({}, {}, "PUT"));
    expect(both.status).toBe(405);
    expect(both.headers.get("allow")?.split(", ").sort()).toEqual(["DELETE", "POST"]);
  });

  it("matches parameterised paths when computing Allow", async () => {
    const res = await makeApp().request("/api/v1/things/t-1", { method: "GET" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("refuses preflight requests without any CORS header", async () => {
    const res = await makeApp().request("/api/v1/refresh", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(405);
    for (const name of res.headers.keys()) expect(name).not.toMatch(/^access-control-/);
  });

  it("serves the core routes with the declared shapes", async () => {
    const { request, service } = makeApp();
    const health = await request("/healthz");
    expect(await health.json()).toEqual({
      status: "ok",
      version: "0.1.0-test",
      epoch: "epoch-1",
      uptime_s: 3,
    });
    const state = (await (await request("/api/v1/state")).json()) as {
      running: Array<{ model: string }>;
    };
    expect(state.running[0]?.model).toBe("gpt-test");
    const refresh = await request("/api/v1/refresh", { method: "POST" });
    expect(refresh.status).toBe(202);
    expect(await refresh.json()).toEqual({ accepted: true });
    expect(service.refreshes).toBe(1);
    const head = await request("/healthz", { method: "HEAD" });
    expect(head.status).toBe(200);
  });

  it("maps OompahError codes to statuses and hides unexpected errors behind a generic 500", async () => {
    const { request, errors } = makeApp();
    const missing = await request("/api/v1/boom/missing");
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe("issue_not_found");

    const boom = await request("/api/v1/boom/crash");
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal_error", message: "Internal server error" },
    });
    expect(text).not.toContain("exploded");
    expect(text).not.toContain("at ");
    expect(errors).toHaveLength(1);
  });

  it("strips fields a handler returns beyond its response schema", async () => {
    const res = await makeApp().request("/api/v1/boom/leak");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"ok":true}');
  });
});

describe("request bodies", () => {
  it("[C178] rejects a mutating request with Content-Type text/plain with 415", async () => {
    const res = await makeApp().request("/api/v1/session", {
      method: "POST",
      body: JSON.stringify({ token: "x" }),
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe("unsupported_media_type");
  });

  it("[C178] rejects a body above max_body_bytes with 413, by Content-Length and by counting", async () => {
    const { request } = makeApp({ maxBodyBytes: 100 });
    const big = JSON.stringify({ title: "x".repeat(200) });
    const declared = await request("/api/v1/things/t-1", {
      ...json({ title: "x".repeat(200) }),
      headers: { "content-type": "application/json", "content-length": String(big.length) },
    });
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).code).toBe("payload_too_large");

    // A stream without Content-Length: the limit is enforced while reading.
    const chunks = [
      new TextEncoder().encode(big.slice(0, 80)),
      new TextEncoder().encode(big.slice(80)),
    ];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(next);
      },
    });
    const streamed = await request("/api/v1/things/t-1", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
  });

  it("accepts other media types only on routes that declare them, with their own limit", async () => {
    const { request } = makeApp();
    const ok = await request("/api/v1/hooks/text", {
      method: "POST",
      body: "hello",
      headers: { "content-type": "text/plain" },
    });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ bytes: 5 });
    const asJson = await request("/api/v1/hooks/text", json({ a: 1 }));
    expect(asJson.status).toBe(415);
    const tooBig = await request("/api/v1/hooks/text", {
      method: "POST",
      body: "x".repeat(65),
      headers: { "content-type": "text/plain" },
    });
    expect(tooBig.status).toBe(413);
  });

  it("answers unparseable JSON with 400 invalid_request without echoing the body", async () => {
    const res = await makeApp().request("/api/v1/session", {
      method: "POST",
      body: '{"token": "hunter2-secret',
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "invalid_request" } });
    expect(text).not.toContain("hunter2");
  });

  it("answers schema violations with 422 validation_failed listing every field", async () => {
    const res = await makeApp().request(
      "/api/v1/things/bad?limit=500",
      json({ title: "", priority: 9 }),
    );
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err.code).toBe("validation_failed");
    const issues = (err.details as { issues: Array<{ in: string; path: string; message: string }> })
      .issues;
    expect(issues.map((i) => `${i.in}:${i.path}`).sort()).toEqual([
      "body:priority",
      "body:title",
      "params:tid",
      "query:limit",
    ]);
    expect(issues.find((i) => i.in === "params")?.message).toBe("must look like t-<number>");
  });

  it("passes validated and coerced input to the handler", async () => {
    const res = await makeApp().request("/api/v1/things/t-42?limit=5", json({ title: "Hello" }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: "t-42", title: "Hello", limit: 5 });
  });

  it("treats a missing body on a route with a body schema as a validation failure", async () => {
    const res = await makeApp().request("/api/v1/session", { method: "POST" });
    expect(res.status).toBe(422);
  });
});

describe("Host and Origin checks", () => {
  it("[C179] rejects Host: evil.example with 403 host_not_allowed", async () => {
    const { app } = makeApp();
    const res = await app.request("http://evil.example/healthz", {
      headers: { host: "evil.example" },
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("host_not_allowed");
  });

  it("accepts the loopback spellings with the bound port and configured allowed_hosts", async () => {
    const { app } = makeApp({ allowedHosts: ["oompah.example.com"] });
    for (const host of [
      `localhost:${PORT}`,
      `127.0.0.1:${PORT}`,
      `[::1]:${PORT}`,
      "oompah.example.com",
    ]) {
      const res = await app.request(`http://${host}/healthz`, { headers: { host } });
      expect(res.status, host).toBe(200);
    }
    const wrongPort = await app.request("http://localhost:9/healthz", {
      headers: { host: "localhost:9" },
    });
    expect(wrongPort.status).toBe(403);
  });

  it("[C179] rejects a mutating request with Origin: https://evil.example with 403 origin_not_allowed", async () => {
    const res = await makeApp().request("/api/v1/refresh", {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("origin_not_allowed");
  });

  it("[C179] rejects a WebSocket upgrade with a foreign Origin", async () => {
    const res = await makeApp().request("/ws", {
      headers: { origin: "https://evil.example", upgrade: "websocket", connection: "Upgrade" },
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("origin_not_allowed");
  });

  it("accepts the server's own origin, its loopback spellings and allowed_origins", async () => {
    const { request } = makeApp({ allowedOrigins: ["https://dash.example.com"] });
    for (const origin of [
      BASE,
      `http://localhost:${PORT}`,
      `http://[::1]:${PORT}`,
      "https://dash.example.com",
    ]) {
      const res = await request("/api/v1/refresh", { method: "POST", headers: { origin } });
      expect(res.status, origin).toBe(202);
    }
    const get = await request("/api/v1/state", { headers: { origin: "https://evil.example" } });
    expect(get.status).toBe(200);
  });

  it("skips Host and Origin checks for requests on the Unix socket", async () => {
    const { app } = makeApp();
    const res = await app.request(
      "http://evil.example/api/v1/refresh",
      { method: "POST", headers: { host: "evil.example", origin: "https://evil.example" } },
      { transport: "unix" },
    );
    expect(res.status).toBe(202);
  });
});
