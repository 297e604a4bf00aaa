/**
 * One live-channel client. It starts in `syncing` (hello, then replay or
 * resync + snapshot) while durable events that arrive meanwhile wait in
 * `pending`; switching to `live` flushes those newer than its cursor, so the
 * client sees every durable seq exactly once and in order. Replay is paced by
 * write completions, and a client whose unsent bytes pass the limit is closed
 * with 1013 (§17.4).
 */
import { OompahError } from "../../domain/errors.js";
import type { EventLog } from "../../store/events.js";
import { ClientMessageSchema, controlFrame, durableFrame, type LiveFrame } from "./envelope.js";
import { LIVE_CLOSE, type LiveSocket, type LiveSocketEvents } from "./socket.js";
import { planStart, type LiveCursor } from "./start-plan.js";
import type { LiveTiming } from "./timing.js";

/** What a connection needs from its hub. */
export interface ConnectionContext {
  epoch: string;
  serverVersion: string;
  events: Pick<EventLog, "after" | "lastSeq" | "oldestSeq">;
  snapshot(topics: ReadonlySet<string>): Promise<unknown>;
  refresh(): void;
  consoleInput: ((projectId: string, text: string) => Promise<void>) | undefined;
  timing: LiveTiming;
  now(): Date;
  detach(conn: LiveConnection): void;
  onError(err: unknown): void;
}

type Mode = "syncing" | "live" | "closed";

export class LiveConnection implements LiveSocketEvents {
  private mode: Mode = "syncing";
  private cursor = 0;
  private sub = 0;
  private pending: LiveFrame[] = [];
  private pendingBytes = 0;
  private syncs = 0;
  private work: Promise<void> = Promise.resolve();
  private lastActivity: number;
  private graceTimer: NodeJS.Timeout | null = null;
  private topics: Set<string>;

  constructor(
    private readonly socket: LiveSocket,
    private readonly ctx: ConnectionContext,
    topics: readonly string[],
  ) {
    this.topics = new Set(topics);
    this.lastActivity = ctx.now().getTime();
  }

  get isOpen(): boolean {
    return this.mode !== "closed";
  }

  /** Sends `hello`, then replays from the cursor or resyncs with a snapshot. */
  start(cursor: LiveCursor): void {
    this.sync(async () => {
      const [lastSeq, oldestSeq] = await Promise.all([
        this.ctx.events.lastSeq(),
        this.ctx.events.oldestSeq(),
      ]);
      const plan = planStart(cursor, { epoch: this.ctx.epoch, lastSeq, oldestSeq });
      this.cursor = plan.kind === "replay" ? plan.after : lastSeq;
      this.control("hello", {
        epoch: this.ctx.epoch,
        last_seq: lastSeq,
        server_version: this.ctx.serverVersion,
      });
      if (plan.kind === "replay") await this.replay();
      else await this.resync(plan.reason, lastSeq);
    });
  }

  /** A committed durable event, in seq order. */
  deliver(frame: LiveFrame): void {
    if (this.mode === "closed") return;
    if (this.mode === "live") return this.sendDurable(frame);
    this.pending.push(frame);
    this.pendingBytes += frame.text.length;
    this.checkBuffer();
  }

  /** A non-replayable message for clients subscribed to `topic`. */
  ephemeral(topic: string, type: string, data: unknown): void {
    if (this.mode === "live" && this.topics.has(topic)) this.control(type, data);
  }

  /** Periodic check: closes a silent WebSocket client, otherwise pings. */
  heartbeat(nowMs: number): void {
    if (this.mode === "closed") return;
    if (this.socket.duplex && nowMs - this.lastActivity > this.ctx.timing.idleTimeoutMs) {
      return this.close(LIVE_CLOSE.idleTimeout, "no pong within the idle timeout");
    }
    if (this.socket.duplex) this.control("ping", {});
    this.socket.ping();
  }

  message(text: string): void {
    this.lastActivity = this.ctx.now().getTime();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.error("invalid_message", "Messages must be JSON objects");
    }
    const parsed = ClientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      return this.error("invalid_message", parsed.error.issues[0]?.message ?? "invalid message");
    }
    const msg = parsed.data;
    switch (msg.type) {
      case "ping":
        return this.control("pong", msg.data ?? {});
      case "pong":
        return;
      case "resync":
        return this.sync(() => this.resync("requested"));
      case "refresh":
        return this.ctx.refresh();
      case "subscribe":
        this.topics = new Set(msg.topics);
        return;
      case "console_input":
        return this.consoleInput(msg.project_id, msg.text);
    }
  }

  pong(): void {
    this.lastActivity = this.ctx.now().getTime();
  }

  closed(): void {
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    if (this.mode !== "closed") this.detach();
  }

  /** Starts a clean close; the socket is dropped if the peer does not finish it in time. */
  close(code: number, reason: string): void {
    if (this.mode === "closed") return;
    this.detach();
    this.socket.close(code, reason);
    this.graceTimer = setTimeout(() => this.socket.terminate(), this.ctx.timing.closeGraceMs);
    this.graceTimer.unref();
  }

  private detach(): void {
    this.mode = "closed";
    this.pending = [];
    this.pendingBytes = 0;
    this.ctx.detach(this);
  }

  /** Runs one synchronisation step; events are held back until the last queued step ends. */
  private sync(step: () => Promise<void>): void {
    if (this.mode === "closed") return;
    this.mode = "syncing";
    this.syncs += 1;
    this.work = this.work
      .then(async () => {
        if (this.mode !== "closed") await step();
      })
      .then(
        () => {
          this.syncs -= 1;
          if (this.syncs === 0) this.goLive();
        },
        (err: unknown) => {
          this.syncs -= 1;
          this.ctx.onError(err);
          this.close(LIVE_CLOSE.internalError, "live channel failure");
        },
      );
  }

  private goLive(): void {
    if (this.mode === "closed") return;
    this.mode = "live";
    const frames = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    for (const f of frames) this.sendDurable(f);
  }

  private async resync(reason: string, knownLastSeq?: number): Promise<void> {
    this.cursor = knownLastSeq ?? (await this.ctx.events.lastSeq());
    this.control("resync", { reason });
    const snapshot = await this.ctx.snapshot(this.topics);
    this.control("snapshot", snapshot);
  }

  /** Sends the retained events after the cursor, waiting for the OS to take each batch. */
  private async replay(): Promise<void> {
    const { replayPageSize, maxBufferBytes } = this.ctx.timing;
    for (;;) {
      const page = await this.ctx.events.after(this.cursor, replayPageSize);
      if (page.length === 0) return;
      let unflushed = 0;
      for (const [i, e] of page.entries()) {
        if (this.mode === "closed") return;
        const frame = durableFrame(this.ctx.epoch, e);
        unflushed += frame.text.length;
        if (unflushed < maxBufferBytes / 4 && i < page.length - 1) {
          this.sendDurable(frame);
          continue;
        }
        await new Promise<void>((resolve) => this.sendDurable(frame, () => resolve()));
        unflushed = 0;
      }
    }
  }

  private sendDurable(frame: LiveFrame, written?: () => void): void {
    if (frame.seq <= this.cursor) return written?.();
    this.cursor = frame.seq;
    this.write(frame, written);
  }

  private control(type: string, data: unknown): void {
    this.sub += 1;
    this.write(controlFrame(this.ctx.epoch, this.cursor, this.sub, type, data, this.ctx.now()));
  }

  private error(code: string, message: string): void {
    this.control("error", { code, message });
  }

  private write(frame: LiveFrame, written?: (err?: Error) => void): void {
    if (this.mode === "closed") return written?.(new Error("connection closed"));
    this.socket.send(frame, written);
    this.checkBuffer();
  }

  private checkBuffer(): void {
    if (this.socket.bufferedAmount() + this.pendingBytes > this.ctx.timing.maxBufferBytes) {
      this.close(LIVE_CLOSE.tryAgainLater, "client too slow; reconnect with after");
    }
  }

  private consoleInput(projectId: string, text: string): void {
    const handler = this.ctx.consoleInput;
    if (handler === undefined) {
      return this.error("console_unavailable", "The project console is not available");
    }
    handler(projectId, text).catch((err: unknown) => {
      if (err instanceof OompahError) this.error(err.code, err.message);
      else this.ctx.onError(err);
    });
  }
}
