import { spawnSync } from "node:child_process";
import { lstatSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createHttpApp } from "../../../src/server/app.js";
import type { HttpSecurityOptions } from "../../../src/server/context.js";
import { serveHttp, serveUnixSocket } from "../../../src/server/node.js";
import type { HttpListener } from "../../../src/server/node.js";
import { defineRoute } from "../../../src/server/route.js";
import { coreRoutes } from "../../../src/server/routes/core.js";
import { tempDir, waitFor } from "../../helpers/sandbox.js";
import {
  FakeService,
  TOKEN,
  probeRoutes,
  securityOptions,
} from "../../unit/server/fake-service.js";

const listeners: HttpListener[] = [];
afterEach(async () => {
  while (listeners.length > 0) await listeners.pop()?.close();
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

type Target = { port: number } | { socketPath: string };

/** One HTTP/1.1 request; `chunks` are written one by one with chunked encoding. */
function send(
  target: Target,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    chunks?: string[];
    keepOpen?: boolean;
  },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        ...target,
        host: "127.0.0.1",
        method: opts.method ?? "GET",
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    for (const chunk of opts.chunks ?? []) req.write(chunk);
    // keepOpen: never end the upload; the server must answer from what it has read.
    if (opts.keepOpen !== true) req.end();
  });
}

async function start(over: Partial<HttpSecurityOptions> = {}) {
  const service = new FakeService();
  let security = securityOptions(over);
  const app = createHttpApp({
    routes: [...coreRoutes(service), ...probeRoutes()],
    security: () => security,
  });
  const server = await serveHttp(app, { host: "127.0.0.1", port: 0 });
  listeners.push(server);
  security = { ...security, port: server.port };
  return { server, service, app };
}

describe("serveHttp on 127.0.0.1", () => {
  it("serves the app on an ephemeral port with the real Host header", async () => {
    const { server } = await start();
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("ok");
    const evil = await send(
      { port: server.port },
      { path: "/healthz", headers: { host: "evil.example" } },
    );
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ error: { code: "host_not_allowed" } });
  });

  it("[C178] rejects a chunked body without Content-Length once it passes the limit", async () => {
    const { server } = await start({ maxBodyBytes: 1000 });
    const res = await send(
      { port: server.port },
      {
        method: "POST",
        path: "/api/v1/things/t-1",
        headers: {
          host: `127.0.0.1:${server.port}`,
          "content-type": "application/json",
          "transfer-encoding": "chunked",
        },
        chunks: [`{"title":"${"x".repeat(600)}`, "y".repeat(600)],
        keepOpen: true,
      },
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("[C180] requires the token over real HTTP", async () => {
    const { server } = await start({ apiToken: TOKEN });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/api/v1/state`)).status).toBe(401);
    const ok = await fetch(`${base}/api/v1/state`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.status).toBe(200);
  });

  it("closes promptly while a request is still in flight", async () => {
    let entered = false;
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = defineRoute({
      method: "GET",
      path: "/api/v1/slow",
      summary: "Never answers until released",
      responses: { 200: z.object({}) },
      handler: async () => {
        entered = true;
        await held;
        return { status: 200, body: {} };
      },
    });
    let security = securityOptions();
    const app = createHttpApp({ routes: [slow], security: () => security });
    const server = await serveHttp(app, { host: "127.0.0.1", port: 0 });
    security = { ...security, port: server.port };
    try {
      const pending = send(
        { port: server.port },
        { path: "/api/v1/slow", headers: { host: `127.0.0.1:${server.port}` } },
      );
      await waitFor(() => entered, { what: "handler entered" });
      await server.close();
      await expect(pending).rejects.toThrow();
      await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
    } finally {
      release();
    }
  });
});

describe("serveUnixSocket", () => {
  it("serves the API on a 0600 socket without Host/Origin checks but with auth", async () => {
    const path = join(tempDir(), "oompah.sock");
    const service = new FakeService();
    const app = createHttpApp({
      routes: coreRoutes(service),
      security: () => securityOptions({ apiToken: TOKEN }),
    });
    const socket = await serveUnixSocket(app, path);
    listeners.push(socket);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const foreign = { host: "evil.example", origin: "https://evil.example" };
    const noAuth = await send(
      { socketPath: path },
      { method: "POST", path: "/api/v1/refresh", headers: foreign },
    );
    expect(noAuth.status).toBe(401);
    const ok = await send(
      { socketPath: path },
      {
        method: "POST",
        path: "/api/v1/refresh",
        headers: { ...foreign, authorization: `Bearer ${TOKEN}` },
      },
    );
    expect(ok.status).toBe(202);
    expect(service.refreshes).toBe(1);
  });

  it("replaces a stale socket file left by a crashed process", async () => {
    const path = join(tempDir(), "oompah.sock");
    const crash =
      "require('net').createServer().listen(process.argv[1], () => process.kill(process.pid, 'SIGKILL'))";
    spawnSync(process.execPath, ["-e", crash, path]);
    expect(lstatSync(path).isSocket()).toBe(true);
    const app = createHttpApp({
      routes: coreRoutes(new FakeService()),
      security: () => securityOptions(),
    });
    const socket = await serveUnixSocket(app, path);
    listeners.push(socket);
    const res = await send({ socketPath: path }, { path: "/healthz" });
    expect(res.status).toBe(200);
  });
});
