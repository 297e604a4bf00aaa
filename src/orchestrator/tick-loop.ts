/**
 * The orchestrator's wake-up queue (SPEC §7.1). A tick runs every polling
 * interval and whenever something wakes it; ticks never overlap, and every
 * wake that arrives while a tick runs is coalesced into exactly one following
 * tick. The interval is read on every re-arm so a hot-reloaded
 * `polling.interval_ms` applies without a restart.
 */
export type WakeReason =
  | "tick"
  | "refresh_requested"
  | "webhook"
  | "issue_mutated"
  | "run_exited"
  | "retry_due"
  | "config_reloaded"
  | "budget_changed"
  | "project_changed"
  | "full_sync"
  | "startup";

export interface TickLoopOptions {
  tick: (reasons: WakeReason[]) => Promise<void>;
  intervalMs: () => number;
  onError: (e: unknown) => void;
}

export class TickLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private pending: WakeReason[] = [];
  private stopped = true;

  constructor(private readonly opts: TickLoopOptions) {}

  start(): void {
    this.stopped = false;
    this.wake("startup");
  }

  /** Requests a tick as soon as possible; coalesced with any other pending wake. */
  wake(reason: WakeReason): void {
    if (this.stopped) return;
    if (!this.pending.includes(reason)) this.pending.push(reason);
    if (this.running) return;
    this.schedule(0);
  }

  get isTicking(): boolean {
    return this.running !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.pending.length) this.pending.push("tick");
      this.run();
    }, delayMs);
  }

  private run(): void {
    const reasons = this.pending;
    this.pending = [];
    this.running = this.opts
      .tick(reasons)
      .catch((e: unknown) => this.opts.onError(e))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        this.schedule(this.pending.length ? 0 : this.opts.intervalMs());
      });
  }
}
