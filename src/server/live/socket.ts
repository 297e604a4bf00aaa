/**
 * The transport seen by the live hub: a WebSocket (duplex, with protocol
 * pings) or a Server-Sent Events stream (server to client only). Keeping the
 * hub behind this small interface lets it stay free of Node and `ws`.
 */
import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import type { LiveFrame } from "./envelope.js";

/** Close codes of the live channel. */
export const LIVE_CLOSE = {
  /** Server shutting down. */
  goingAway: 1001,
  /** Unexpected server failure. */
  internalError: 1011,
  /** Unsent buffer above the limit: reconnect with `after` (§17.4). */
  tryAgainLater: 1013,
  /** No sign of life from the client within the idle timeout. */
  idleTimeout: 4408,
} as const;

export interface LiveSocket {
  /** True when the client can send messages (WebSocket); SSE clients cannot, so they are never idle-closed. */
  readonly duplex: boolean;
  /** Queues a frame; `written` runs once it has been handed to the OS (or with an error if it never will be). */
  send(frame: LiveFrame, written?: (err?: Error) => void): void;
  /** Bytes accepted by `send` and not yet handed to the OS. */
  bufferedAmount(): number;
  /** Starts a clean close. */
  close(code: number, reason: string): void;
  /** Drops the connection at once. */
  terminate(): void;
  /** Transport keep-alive: a WebSocket ping frame, an SSE comment line. */
  ping(): void;
}

/** What the transport reports back to the hub. */
export interface LiveSocketEvents {
  message(text: string): void;
  /** A protocol-level pong arrived. */
  pong(): void;
  /** The connection is gone. */
  closed(): void;
}

/**
 * Upgrades an already authorised request to a WebSocket; the Node adapter
 * implements it. `open` runs once the socket is open.
 */
export type LiveUpgrade = (
  c: Context<AppEnv>,
  open: (socket: LiveSocket) => LiveSocketEvents,
) => Promise<Response>;
