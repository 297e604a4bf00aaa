/**
 * The browser end of `/ws` (§17.4): connects, follows the cursor rules of
 * `cursor.ts`, sends `{"type":"resync"}` on a gap or epoch change, answers
 * pings, and reconnects with `after=<last seq>&epoch=` after a drop, with a
 * growing delay. Listeners receive every applied message. The connection
 * carries the board and every topic watched in `topics.ts`; their messages
 * also go to the topic's watchers.
 */
import type { LiveMessage } from "../wire.js";
import {
  advanceCursor,
  EMPTY_CURSOR,
  liveUrl,
  reconnectDelayMs,
  type LiveCursor,
} from "./cursor.js";
import { liveTopics, type LiveTopics } from "./topics.js";

export type LiveStatus = "connecting" | "live" | "offline";

export interface LiveClientOptions {
  onMessage: (msg: LiveMessage) => void;
  onStatus: (status: LiveStatus) => void;
  /** Topics beyond the board (default: the page-wide registry). */
  topics?: LiveTopics;
}

export class LiveClient {
  private cursor: LiveCursor = EMPTY_CURSOR;
  private socket: WebSocket | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private unwatchTopics: (() => void) | null = null;
  private readonly topics: LiveTopics;

  constructor(private readonly opts: LiveClientOptions) {
    this.topics = opts.topics ?? liveTopics;
  }

  start(): void {
    this.stopped = false;
    this.unwatchTopics = this.topics.onChange(() => this.resubscribe());
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.unwatchTopics?.();
    this.unwatchTopics = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.socket?.close(1000, "page closed");
    this.socket = null;
  }

  private connect(): void {
    this.opts.onStatus("connecting");
    const ws = new WebSocket(liveUrl(window.location, this.cursor, this.topics.topics()));
    this.socket = ws;
    ws.onopen = () => {
      this.attempts = 0;
      this.opts.onStatus("live");
      this.topics.subscribed();
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
    if (msg.sub !== undefined) this.topics.deliver(msg);
  }

  /** Sends the current topic set on an open connection (a closed one sends it on reconnect). */
  private resubscribe(): void {
    const ws = this.socket;
    if (ws?.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ type: "subscribe", topics: this.topics.topics() }));
    this.topics.subscribed();
  }
}
