/**
 * The single decision authority (SPEC §1.4, §7). This file holds what the
 * service needs from the first start — the coalescing tick loop, the
 * persisted manual pause, configuration alerts and the published state hash.
 * Dispatch, reconciliation, retries and recovery live in the Dispatcher,
 * attached by the composition root once trackers and projects exist; each
 * tick runs it after the config check and before publishing.
 */
import { createHash } from "node:crypto";
import type { OompahError } from "../domain/errors.js";
import type { Logger } from "../logging/logger.js";
import type { Store } from "../store/db.js";
import type { Alert, AlertBoard } from "./alerts.js";
import type { DispatchDeps } from "./dispatch-deps.js";
import { Dispatcher } from "./dispatcher.js";
import { pruneRunLogs } from "./run-log-retention.js";
import { TickLoop, type WakeReason } from "./tick-loop.js";

/** What the orchestrator needs of the config watcher. */
export interface ConfigSource {
  readonly current: {
    config: {
      polling: { interval_ms: number };
      data_dir: string;
      observability: { agent_log_retention_days: number };
    };
    path: string | null;
    hash: string;
  };
  readonly lastError: { code: string; message: string; path?: string; at: string } | null;
  checkNow(): Promise<void>;
}

export interface PauseState {
  manual: boolean;
  reason: string | null;
  at: string | null;
}

const PAUSE_KEY = "paused";
/** How often the event log is pruned (§6 retention); pruning itself keeps the newest hour. */
const PRUNE_EVERY_MS = 3_600_000;
/** Run logs are pruned daily (§20). */
const RUN_LOG_PRUNE_EVERY_MS = 86_400_000;

/** What the composition root supplies to attach the dispatcher. */
export type DispatcherParts = Omit<
  DispatchDeps,
  "store" | "alerts" | "logger" | "now" | "wake" | "paused"
>;

export interface OrchestratorDeps {
  store: Store;
  alerts: AlertBoard;
  config: ConfigSource;
  logger: Logger;
  now?: () => Date;
}

export class Orchestrator {
  readonly startedAt: Date;
  private pause: PauseState = { manual: false, reason: null, at: null };
  private configLoadedAt: Date;
  private lastPublishedHash = "";
  private lastPruneAt = 0;
  private lastRunLogPruneAt = 0;
  private readonly loop: TickLoop;
  private readonly now: () => Date;
  private unsubscribeAlerts: (() => void) | null = null;
  private dispatcherRef: Dispatcher | null = null;
  /** Ticks completed since start (observability, and how tests see the loop run). */
  tickCount = 0;
  /** Extra state the snapshot publisher hashes (set by later features). */
  snapshotExtras: () => unknown = () => null;

  constructor(private readonly deps: OrchestratorDeps) {
    this.now = deps.now ?? (() => new Date());
    this.startedAt = this.now();
    this.configLoadedAt = this.startedAt;
    this.loop = new TickLoop({
      tick: (reasons) => this.tick(reasons),
      intervalMs: () => deps.config.current.config.polling.interval_ms,
      onError: (e) =>
        deps.logger.error({ component: "orchestrator", err: String(e) }, "tick failed"),
    });
  }

  /** Restores the persisted pause; `--paused` sets the manual pause before the first tick. */
  async init(opts: { paused: boolean }): Promise<void> {
    const saved = await this.deps.store.serviceState.get<PauseState>(PAUSE_KEY);
    if (saved) this.pause = saved;
    if (opts.paused && !this.pause.manual) await this.setPause(true, "started with --paused");
    this.unsubscribeAlerts = this.deps.alerts.subscribe(({ kind, alert }) => {
      void this.recordAlert(kind, alert);
    });
  }

  /** Attaches dispatch (§7); call before `start()`. */
  attachDispatcher(parts: DispatcherParts): Dispatcher {
    this.dispatcherRef = new Dispatcher({
      ...parts,
      store: this.deps.store,
      alerts: this.deps.alerts,
      // Not a child with a component: every dispatch-side log line names its own
      // (orchestrator, review, focus…), and pino would repeat the key.
      logger: this.deps.logger,
      now: this.now,
      wake: (reason) => this.wake(reason),
      paused: () => this.pause.manual,
    });
    return this.dispatcherRef;
  }

  /** The attached dispatcher, or null before `attachDispatcher`. */
  get dispatcher(): Dispatcher | null {
    return this.dispatcherRef;
  }

  start(): void {
    this.loop.start();
  }

  /** Stops new ticks, then shuts dispatch down gracefully (§7.10). */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.dispatcherRef?.shutdown();
    this.unsubscribeAlerts?.();
  }

  wake(reason: WakeReason): void {
    this.loop.wake(reason);
  }

  get paused(): PauseState {
    return { ...this.pause };
  }

  get configLoaded(): Date {
    return this.configLoadedAt;
  }

  async setPause(manual: boolean, reason: string | null = null): Promise<void> {
    this.pause = { manual, reason: manual ? reason : null, at: this.now().toISOString() };
    await this.deps.store.serviceState.set(PAUSE_KEY, this.pause);
    await this.deps.store.events.append({ type: "state", payload: { paused: this.pause } });
    this.wake("refresh_requested");
  }

  /** Called by the config watcher after a valid reload. */
  configApplied(): void {
    this.configLoadedAt = this.now();
    this.deps.alerts.clear("config_invalid");
    this.wake("config_reloaded");
  }

  /** Called by the config watcher when an edit is invalid; the last good config stays in force. */
  configFailed(err: OompahError): void {
    this.deps.alerts.raise({
      code: "config_invalid",
      severity: "error",
      message: `${err.code}: ${err.message}`,
      ...(err.hint === undefined ? {} : { hint: err.hint }),
    });
  }

  private async tick(reasons: WakeReason[]): Promise<void> {
    // A missed file event must not leave stale config (§3.7).
    await this.deps.config.checkNow();
    await this.dispatcherRef?.tick(reasons);
    await this.publishIfChanged(reasons);
    await this.pruneEventsIfDue();
    await this.pruneRunLogsIfDue();
    this.tickCount += 1;
  }

  private async publishIfChanged(reasons: WakeReason[]): Promise<void> {
    const content = {
      paused: this.pause,
      config_hash: this.deps.config.current.hash,
      last_error: this.deps.config.lastError,
      alerts: this.deps.alerts.list().map((a) => [a.code, a.project_id, a.message]),
      extras: this.snapshotExtras(),
      dispatch: this.dispatchDigest(),
    };
    const hash = createHash("sha256").update(JSON.stringify(content)).digest("hex");
    if (hash === this.lastPublishedHash) return;
    this.lastPublishedHash = hash;
    await this.deps.store.events.append({ type: "state", payload: { hash, reasons } });
  }

  private dispatchDigest(): unknown {
    const d = this.dispatcherRef;
    if (!d) return null;
    const v = d.view();
    return [v.candidates, v.cooldowns, v.orphaned.length, d.activeRunIds];
  }

  private async pruneEventsIfDue(): Promise<void> {
    const now = this.now();
    if (now.getTime() - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now.getTime();
    await this.deps.store.events.prune(now);
  }

  private async pruneRunLogsIfDue(): Promise<void> {
    const now = this.now();
    if (now.getTime() - this.lastRunLogPruneAt < RUN_LOG_PRUNE_EVERY_MS) return;
    this.lastRunLogPruneAt = now.getTime();
    const { data_dir, observability } = this.deps.config.current.config;
    const removed = await pruneRunLogs(data_dir, observability.agent_log_retention_days, now);
    if (removed > 0)
      this.deps.logger.info({ component: "orchestrator", removed }, "pruned old run logs");
  }

  private async recordAlert(kind: "raised" | "cleared", alert: Alert): Promise<void> {
    try {
      await this.deps.store.events.append({
        type: "alert",
        project_id: alert.project_id ?? null,
        payload: { ...alert, active: kind === "raised" },
      });
    } catch (e) {
      this.deps.logger.error(
        { component: "orchestrator", err: String(e) },
        "could not record alert",
      );
    }
  }
}
