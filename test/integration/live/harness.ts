/**
 * A live-channel server for tests: a real store in a temp dir, the real HTTP
 * app with its security middleware, the hub with injectable timing, and the
 * Node TCP listener with WebSocket support on 127.0.0.1 port 0. Plus a small
 * `ws` client that records every envelope it receives.
 */
import { afterEach } from "vitest";
import WebSocket from "ws";
import { createHttpApp } from "../../../src/server/app.js";
import type { HttpSecurityOptions } from "../../../src/server/context.js";
import { LiveHub } from "../../../src/server/live/hub.js";
import { mountLiveRoutes } from "../../../src/server/live/routes.js";
import type { LiveTiming } from "../../../src/server/live/timing.js";
import { serveHttp } from "../../../src/server/node.js";
import { createWebSocketSupport } from "../../../src/server/node-ws.js";
import { openStore, type Store } from "../../../src/store/db.js";
import { tempDir, waitFor } from "../../helpers/sandbox.js";
import { securityOptions } from "../../unit/server/fake-service.js";

export interface Envelope {
  v: number;
  epoch: string;
  seq: number;
  type: string;
  ts: string;
  data: Record<string, unknown>;
  sub?: number;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

export interface LiveServer {
  store: Store;
  hub: LiveHub;
  port: number;
  url: (path: string) => string;
  /** Appends one durable event and returns its seq. */
  append(type?: string, payload?: unknown): Promise<number>;
  stop(): Promise<void>;
}

export async function startLiveServer(
  opts: {
    timing?: Partial<LiveTiming>;
    security?: Partial<HttpSecurityOptions>;
    dataDir?: string;
  } = {},
): Promise<LiveServer> {
  const store = await openStore({ dataDir: opts.dataDir ?? tempDir("oompah-live-") });
  const hub = new LiveHub({
    store,
    state: () => Promise.resolve({ fake_state: true }),
    board: () => Promise.resolve({ columns: [] }),
    serverVersion: "test",
    ...(opts.timing ? { timing: opts.timing } : {}),
  });
  hub.start();
  let security = securityOptions(opts.security);
  const app = createHttpApp({ routes: [], security: () => security });
  const websocket = createWebSocketSupport(app);
  mountLiveRoutes(app, { hub, upgrade: websocket.upgrade });
  const listener = await serveHttp(app, { host: "127.0.0.1", port: 0, websocket });
  security = { ...security, port: listener.port };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await hub.stop();
    await websocket.close();
    await listener.close();
    await store.close();
  };
  cleanups.push(stop);
  return {
    store,
    hub,
    port: listener.port,
    url: (path) => `127.0.0.1:${listener.port}${path}`,
    append: async (type = "issue_changed", payload = { n: 1 }) =>
      (await store.events.append({ type, project_id: "p1", payload })).seq,
    stop,
  };
}

/** A WebSocket client recording envelopes; `close` resolves with the close code. */
export class LiveClient {
  readonly messages: Envelope[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => this.messages.push(JSON.parse(data.toString()) as Envelope));
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static open(url: string, opts: WebSocket.ClientOptions = {}): Promise<LiveClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, opts);
      const client = new LiveClient(ws);
      ws.once("open", () => resolve(client));
      ws.once("error", reject);
      cleanups.push(async () => {
        ws.terminate();
        await client.closed;
      });
    });
  }

  /** The HTTP status a refused upgrade was answered with. */
  static refusal(url: string, opts: WebSocket.ClientOptions = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, opts);
      ws.once("unexpected-response", (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once("open", () => reject(new Error("upgrade unexpectedly accepted")));
      ws.once("error", () => undefined);
    });
  }

  send(msg: object): void {
    this.ws.send(JSON.stringify(msg));
  }

  /** Waits until a message matching `pred` arrived and returns it. */
  async next(pred: (m: Envelope) => boolean, what = "a message"): Promise<Envelope> {
    return waitFor(() => this.messages.find(pred), { what });
  }

  durable(): Envelope[] {
    return this.messages.filter((m) => m.sub === undefined);
  }
}
