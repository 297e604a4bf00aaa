/**
 * The live hub: tails the store's event log and fans committed events out to
 * every connection, in seq order and without gaps. Events are dispatched one
 * at a time; if a publish overtakes an earlier commit, the missing rows are
 * read back from the log first. It also carries ephemeral messages (activity
 * deltas, console chunks) to subscribed connections and pings every client.
 */
import type { EventLog, StoredEvent } from "../../store/events.js";
import { LiveConnection } from "./connection.js";
import { DEFAULT_TOPICS, durableFrame } from "./envelope.js";
import { LIVE_CLOSE, type LiveSocket, type LiveSocketEvents } from "./socket.js";
import type { LiveCursor } from "./start-plan.js";
import { DEFAULT_LIVE_TIMING, type LiveTiming } from "./timing.js";

export interface LiveHubOptions {
  store: { readonly epoch: string; readonly events: EventLog };
  /** The `state` part of a snapshot (`GET /api/v1/state`). */
  state: () => Promise<unknown>;
  /** The `board` part of a snapshot; omitted or null until an issues service exists. */
  board?: () => Promise<unknown>;
  /** Client `refresh`: a coalesced orchestrator tick. */
  refresh?: () => void;
  /** Client `console_input`; without it the client gets `console_unavailable`. */
  consoleInput?: (projectId: string, text: string) => Promise<void>;
  serverVersion: string;
  timing?: Partial<LiveTiming>;
  now?: () => Date;
  onError?: (err: unknown) => void;
}

/** Where a new client starts and what it listens to. */
export interface LiveAttach extends LiveCursor {
  topics?: readonly string[];
}

export class LiveHub {
  private readonly connections = new Set<LiveConnection>();
  private readonly timing: LiveTiming;
  private readonly now: () => Date;
  private lastDispatched = 0;
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private pinger: NodeJS.Timeout | null = null;

  constructor(private readonly opts: LiveHubOptions) {
    this.timing = { ...DEFAULT_LIVE_TIMING, ...opts.timing };
    this.now = opts.now ?? (() => new Date());
  }

  /** Number of open connections. */
  get size(): number {
    return this.connections.size;
  }

  /** Starts tailing the log; call once, after the store is open. */
  start(): void {
    if (this.unsubscribe !== null) return;
    const { events } = this.opts.store;
    this.unsubscribe = events.subscribe((e) => this.enqueue(e));
    this.chain = events.lastSeq().then((s) => {
      this.lastDispatched = s;
    }, this.onError);
    this.pinger = setInterval(() => this.heartbeat(), this.timing.pingIntervalMs);
    this.pinger.unref();
  }

  /** Registers a client; the returned handlers receive its transport events. */
  attach(socket: LiveSocket, at: LiveAttach): LiveSocketEvents {
    const conn = new LiveConnection(
      socket,
      {
        epoch: this.opts.store.epoch,
        serverVersion: this.opts.serverVersion,
        events: this.opts.store.events,
        snapshot: (topics) => this.snapshot(topics),
        refresh: this.opts.refresh ?? (() => undefined),
        consoleInput: this.opts.consoleInput,
        timing: this.timing,
        now: this.now,
        detach: (c) => this.connections.delete(c),
        onError: this.onError,
      },
      at.topics ?? DEFAULT_TOPICS,
    );
    this.connections.add(conn);
    conn.start({ after: at.after, epoch: at.epoch });
    return conn;
  }

  /** Sends a non-replayable message to the live clients subscribed to `topic`. */
  publishEphemeral(topic: string, type: string, data: unknown): void {
    for (const c of [...this.connections]) c.ephemeral(topic, type, data);
  }

  /** Closes every client (1001) and stops tailing. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.pinger !== null) clearInterval(this.pinger);
    this.pinger = null;
    for (const c of [...this.connections]) c.close(LIVE_CLOSE.goingAway, "server shutting down");
    await this.chain;
  }

  private readonly onError = (err: unknown): void => {
    if (this.opts.onError) this.opts.onError(err);
    else process.emitWarning(err instanceof Error ? err : new Error(String(err)), "LiveHubError");
  };

  private enqueue(e: StoredEvent): void {
    this.chain = this.chain.then(() => this.dispatch(e)).catch(this.onError);
  }

  private async dispatch(e: StoredEvent): Promise<void> {
    if (e.seq <= this.lastDispatched) return;
    if (e.seq > this.lastDispatched + 1) {
      const missing = await this.opts.store.events.after(
        this.lastDispatched,
        e.seq - this.lastDispatched - 1,
      );
      for (const m of missing) if (m.seq < e.seq) this.fanOut(m);
    }
    this.fanOut(e);
  }

  private fanOut(e: StoredEvent): void {
    this.lastDispatched = e.seq;
    const frame = durableFrame(this.opts.store.epoch, e);
    for (const c of [...this.connections]) c.deliver(frame);
  }

  private async snapshot(topics: ReadonlySet<string>): Promise<unknown> {
    const [state, board] = await Promise.all([
      this.opts.state(),
      topics.has("board") && this.opts.board ? this.boardOrNull(this.opts.board) : null,
    ]);
    return { state, board: board ?? null };
  }

  /** A board that cannot be read must not cost the client its state snapshot. */
  private async boardOrNull(board: () => Promise<unknown>): Promise<unknown> {
    try {
      return await board();
    } catch (err) {
      this.onError(err);
      return null;
    }
  }

  private heartbeat(): void {
    const now = this.now().getTime();
    for (const c of [...this.connections]) c.heartbeat(now);
  }
}
