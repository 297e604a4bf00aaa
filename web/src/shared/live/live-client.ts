/**
 * The browser end of `/ws` (§17.4): connects, follows the cursor rules of
 * `cursor.ts`, sends `{"type":"resync"}` on a gap or epoch change, answers
 * pings, and reconnects with `after=<last seq>&epoch=` after a drop, with a
 * growing delay. Listeners receive every applied message.
 */
import type { LiveMessage } from "../wire.js";
import {
  advanceCursor,
  EMPTY_CURSOR,
  liveUrl,
  reconnectDelayMs,
  type LiveCursor,
} from "./cursor.js";

export type LiveStatus = "connecting" | "live" | "offline";

export interface LiveClientOptions {
  onMessage: (msg: LiveMessage) => void;
  onStatus: (status: LiveStatus) => void;
}

export class LiveClient {
  private cursor: LiveCursor = EMPTY_CURSOR;
  private socket: WebSocket | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly opts: LiveClientOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.socket?.close(1000, "page closed");
    this.socket = null;
  }

  private connect(): void {
    this.opts.onStatus("connecting");
    const ws = new WebSocket(liveUrl(window.location, this.cursor));
    this.socket = ws;
    ws.onopen = () => {
      this.attempts = 0;
      this.opts.onStatus("live");
    };
    ws.onmessage = (ev: MessageEvent<unknown>) => {
      if (typeof ev.data === "string") this.receive(ws, ev.data);
    };
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = null;
      if (this.stopped) return;
      this.opts.onStatus("offline");
      this.timer = setTimeout(() => this.connect(), reconnectDelayMs(this.attempts++));
    };
  }

  private receive(ws: WebSocket, text: string): void {
    let msg: LiveMessage;
    try {
      msg = JSON.parse(text) as LiveMessage;
    } catch {
      return;
    }
    if (msg.type === "ping") {
      ws.send(JSON.stringify({ type: "pong" }));
      return;
    }
    const decision = advanceCursor(this.cursor, msg);
    this.cursor = decision.cursor;
    if (decision.kind === "duplicate") return;
    if (decision.kind === "resync") {
      ws.send(JSON.stringify({ type: "resync" }));
      return;
    }
    this.opts.onMessage(msg);
  }
}
