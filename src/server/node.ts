/**
 * The Node adapter: binds a Hono app to a TCP port or to the Unix socket.
 * Requests on the socket are tagged `transport: "unix"` so the security
 * middleware skips the Host and Origin checks there (§17.1). Both listeners
 * close their keep-alive sockets on close so shutdown never hangs.
 */
import { chmod, lstat, unlink } from "node:fs/promises";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";
import type { AppEnv, HttpBindings } from "./context.js";

/** A running listener; `close` stops accepting and drops open connections. */
export interface HttpListener {
  close(): Promise<void>;
}

function serverFor(app: Hono<AppEnv>, transport: HttpBindings["transport"]): Server {
  const listener = getRequestListener((request, env) => {
    const bindings: HttpBindings = { ...(env as HttpBindings), transport };
    return app.fetch(request, bindings);
  });
  // The listener answers every failure itself (500 envelope), so its promise never rejects.
  return createServer((req, res) => void listener(req, res));
}

async function listen(server: Server, bind: (done: () => void) => void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    bind(() => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve, reject) => {
      server.close((err) => (err === undefined ? resolve() : reject(err)));
      server.closeAllConnections();
    });
}

/**
 * Serves `app` over TCP; `port: 0` picks a free port, reported in the result.
 * `websocket` (see `node-ws.ts`) attaches the upgrade listener of the live channel.
 */
export async function serveHttp(
  app: Hono<AppEnv>,
  opts: { host: string; port: number; websocket?: { inject(server: Server): void } },
): Promise<HttpListener & { port: number }> {
  const server = serverFor(app, "tcp");
  opts.websocket?.inject(server);
  await listen(server, (done) => server.listen(opts.port, opts.host, done));
  return { port: (server.address() as AddressInfo).port, close: closer(server) };
}

/** Serves `app` on a Unix socket at `path` (mode 0600), replacing a stale socket file. */
export async function serveUnixSocket(app: Hono<AppEnv>, path: string): Promise<HttpListener> {
  const stale = await lstat(path).catch(() => null);
  if (stale?.isSocket() === true) await unlink(path);
  const server = serverFor(app, "unix");
  await listen(server, (done) => server.listen(path, done));
  try {
    await chmod(path, 0o600);
  } catch (err) {
    await closer(server)();
    throw err;
  }
  return { close: closer(server) };
}
