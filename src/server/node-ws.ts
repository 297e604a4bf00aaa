/**
 * WebSocket support for the Node adapter, over `@hono/node-ws`. An upgrade
 * request is first run through the whole Hono app — Host and Origin checks,
 * authentication, query validation — and the socket is upgraded only when
 * the `/ws` handler accepted it; otherwise the client gets that HTTP status.
 * The live hub sees each socket through the transport-neutral `LiveSocket`.
 */
import type { Server } from "node:http";
import { createNodeWebSocket } from "@hono/node-ws";
import type { Hono } from "hono";
import type { WebSocket } from "ws";
import { OompahError } from "../domain/errors.js";
import type { AppEnv } from "./context.js";
import type { LiveSocket, LiveSocketEvents, LiveUpgrade } from "./live/socket.js";

export interface NodeWebSocketSupport {
  /** Passed to the live routes. */
  upgrade: LiveUpgrade;
  /** Attaches the upgrade listener to a TCP server. */
  inject(server: Server): void;
  /** Waits up to `graceMs` for open sockets to finish closing, then drops the rest. */
  close(graceMs?: number): Promise<void>;
}

function liveSocket(raw: WebSocket): LiveSocket {
  return {
    duplex: true,
    send: (frame, written) => raw.send(frame.text, written),
    bufferedAmount: () => raw.bufferedAmount,
    close: (code, reason) => raw.close(code, reason),
    terminate: () => raw.terminate(),
    ping: () => raw.ping(),
  };
}

function text(data: unknown): string {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return String(data);
}

/**
 * `app` must be the app the server serves (the one whose `fetch` reaches the
 * `/ws` route), since the upgrade listener replays the request through it.
 */
export function createWebSocketSupport(
  app: Hono<AppEnv>,
  opts: { onError?: (err: unknown) => void } = {},
): NodeWebSocketSupport {
  const nodeWs = createNodeWebSocket({ app });
  const onError = opts.onError ?? ((err: unknown) => process.emitWarning(String(err)));

  const upgrade: LiveUpgrade = (c, open) => {
    // A plain request (not replayed by the upgrade listener) has a response object.
    if (c.env.incoming === undefined || c.env.outgoing !== undefined) {
      throw new OompahError("invalid_request", "WebSocket upgrades are served on the TCP listener");
    }
    let events: LiveSocketEvents | null = null;
    return nodeWs.upgradeWebSocket(
      c,
      {
        onOpen: (_evt, ws) => {
          const raw = ws.raw;
          if (raw === undefined) return ws.close(1011, "no socket");
          events = open(liveSocket(raw));
          raw.on("pong", () => events?.pong());
        },
        onMessage: (evt: { data: unknown }) => events?.message(text(evt.data)),
        onClose: () => events?.closed(),
        onError: (evt) => onError(evt),
      },
      { onError },
    );
  };

  return {
    upgrade,
    inject: (server) => nodeWs.injectWebSocket(server),
    async close(graceMs = 1000) {
      const open = [...nodeWs.wss.clients];
      await Promise.race([
        Promise.all(
          open.map(
            (ws) =>
              new Promise<void>((resolve) => {
                if (ws.readyState === ws.CLOSED) resolve();
                else ws.once("close", () => resolve());
              }),
          ),
        ),
        new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
      for (const ws of nodeWs.wss.clients) ws.terminate();
      await new Promise<void>((resolve) => nodeWs.wss.close(() => resolve()));
    },
  };
}
