/**
 * The Prometheus metrics of SPEC §20. Each service owns its own registry
 * (never prom-client's global one) so several services can run in one
 * process — as tests do. Other parts record through the small methods here
 * rather than touching prom-client, which keeps metric names and labels in
 * this one file, exactly as the §20 table spells them.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Inputs of the gauges read at scrape time (runs, retries, budget). */
export interface RuntimeGauges {
  runsActive: number;
  retriesPending: number;
  budgetLimitUsd: number;
  budgetSpentUsd: number;
  budgetExceeded: boolean;
}

export interface MetricsOptions {
  /** Refreshes the scrape-time gauges; failures leave the previous values. */
  collect?: () => Promise<void>;
  /** Sampling resolution of the event-loop delay monitor (default 20 ms). */
  loopResolutionMs?: number;
}

const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
const TICK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The registry with every §20 metric and the recorders other modules call. */
export class Metrics {
  readonly registry = new Registry();
  private readonly loop: IntervalHistogram;
  private collectHook: (() => Promise<void>) | undefined;
  /** Statuses currently exported per project, so vanished ones can be removed. */
  private readonly issueSeries = new Map<string, Set<string>>();

  private readonly runsStarted = this.counter("oompah_runs_started_total", "Runs started", [
    "project",
    "backend",
    "profile",
    "focus",
  ]);
  private readonly runsFinished = this.counter("oompah_runs_finished_total", "Runs finished", [
    "project",
    "backend",
    "outcome",
  ]);
  private readonly runsActive = this.gauge("oompah_runs_active", "Runs in progress");
  private readonly retriesPending = this.gauge("oompah_retries_pending", "Queued retries");
  private readonly runDuration = new Histogram({
    name: "oompah_run_duration_seconds",
    help: "Run wall-clock duration",
    labelNames: ["outcome"],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly tokens = this.counter("oompah_tokens_total", "Model tokens", [
    "direction",
    "model",
  ]);
  private readonly cost = this.counter("oompah_cost_usd_total", "Spend in USD", [
    "model",
    "profile",
    "focus",
    "project",
  ]);
  private readonly budgetLimit = this.gauge("oompah_budget_limit_usd", "Budget limit (0 = none)");
  private readonly budgetSpent = this.gauge("oompah_budget_spent_usd", "Spent in the window");
  private readonly budgetExceeded = this.gauge("oompah_budget_exceeded", "1 when exceeded");
  private readonly tick = new Histogram({
    name: "oompah_tick_duration_seconds",
    help: "Orchestrator tick duration",
    buckets: TICK_BUCKETS,
    registers: [this.registry],
  });
  private readonly issues = this.gauge("oompah_issues", "Issues per canonical status", [
    "project",
    "status",
  ]);
  private readonly trackerRequests = this.counter(
    "oompah_tracker_requests_total",
    "Tracker requests",
    ["kind", "op", "result"],
  );
  private readonly webhookDeliveries = this.counter(
    "oompah_webhook_deliveries_total",
    "Webhook deliveries",
    ["forge", "event", "result"],
  );
  private readonly httpRequests = this.counter("oompah_http_requests_total", "HTTP requests", [
    "route",
    "status",
  ]);
  private readonly configReloads = this.counter("oompah_config_reloads_total", "Config reloads", [
    "result",
  ]);

  constructor(opts: MetricsOptions = {}) {
    this.collectHook = opts.collect;
    this.loop = monitorEventLoopDelay({ resolution: opts.loopResolutionMs ?? 20 });
    this.loop.enable();
    const loop = this.loop;
    new Gauge({
      name: "oompah_event_loop_lag_seconds",
      help: "Mean event-loop delay since the previous scrape",
      registers: [this.registry],
      collect() {
        // `mean` is NaN before the first sample.
        this.set(Number.isFinite(loop.mean) ? loop.mean / 1e9 : 0);
        loop.reset();
      },
    });
  }

  /** Sets (or replaces) the hook that refreshes scrape-time gauges. */
  setCollector(collect: () => Promise<void>): void {
    this.collectHook = collect;
  }

  /** The exposition text; runs the collector first. */
  async render(): Promise<string> {
    await this.collectHook?.().catch(() => undefined);
    return this.registry.metrics();
  }

  /** `text/plain; version=0.0.4; charset=utf-8`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  recordHttpRequest(route: string, status: number): void {
    this.httpRequests.inc({ route, status: String(status) });
  }

  observeTick(seconds: number): void {
    this.tick.observe(seconds);
  }

  recordRunStarted(l: { project: string; backend: string; profile: string; focus: string }): void {
    this.runsStarted.inc(l);
  }

  recordRunFinished(
    l: { project: string; backend: string; outcome: string },
    durationSeconds: number,
  ): void {
    this.runsFinished.inc(l);
    this.runDuration.observe({ outcome: l.outcome }, durationSeconds);
  }

  recordTokens(model: string, t: { input?: number; cached?: number; output?: number }): void {
    for (const direction of ["input", "cached", "output"] as const) {
      const n = t[direction] ?? 0;
      if (n > 0) this.tokens.inc({ direction, model }, n);
    }
  }

  recordCost(
    l: { model: string; profile: string; focus: string; project: string },
    usd: number,
  ): void {
    if (usd > 0) this.cost.inc(l, usd);
  }

  /** Replaces one project's issue counts (statuses missing from `counts` are removed). */
  setIssueCounts(project: string, counts: Readonly<Record<string, number>>): void {
    for (const status of this.issueSeries.get(project) ?? []) {
      if (!(status in counts)) this.issues.remove({ project, status });
    }
    for (const [status, n] of Object.entries(counts)) this.issues.set({ project, status }, n);
    this.issueSeries.set(project, new Set(Object.keys(counts)));
  }

  /** `result`: `ok`, `error` or a more specific failure code. */
  recordTrackerRequest(kind: string, op: string, result: string): void {
    this.trackerRequests.inc({ kind, op, result });
  }

  recordWebhookDelivery(forge: string, event: string, result: string): void {
    this.webhookDeliveries.inc({ forge, event, result });
  }

  recordConfigReload(result: "ok" | "error"): void {
    this.configReloads.inc({ result });
  }

  setRuntime(g: RuntimeGauges): void {
    this.runsActive.set(g.runsActive);
    this.retriesPending.set(g.retriesPending);
    this.budgetLimit.set(g.budgetLimitUsd);
    this.budgetSpent.set(g.budgetSpentUsd);
    this.budgetExceeded.set(g.budgetExceeded ? 1 : 0);
  }

  /** Stops the event-loop monitor. */
  close(): void {
    this.loop.disable();
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
