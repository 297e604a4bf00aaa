/**
 * Everything a run writes about itself (SPEC §4.5, §6, §13.1, §20): the runs
 * row, typed events in the store's event log (small payloads), the bounded
 * `run_activity` stream, one `cost_ledger` row per usage event, and the JSONL
 * run log under `<data_dir>/agent-logs/<project-key>/<issue-key>/<run_id>.jsonl`.
 * Every line of the run log passes through the redactor, plus the run's own
 * secrets (its token, the provider key), before it reaches the disk.
 *
 * Store records are collected and written together on the next turn of the
 * event loop (an agent's events arrive in bursts: a model response is text,
 * usage and tool calls at once), in order, one batch after the other.
 * `flush()` waits for them; `phase()` and `close()` flush.
 */
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname, join } from "node:path";
import type { Store } from "../store/db.js";
import type { NewEvent } from "../store/events.js";
import type { NewLedgerEntry } from "../store/ledger.js";
import type { Run, RunPatch } from "../store/runs.js";
import type { RunPhase } from "../store/schema.js";
import { issueKey, projectKey } from "../workspace/keys.js";
import type { UsageDelta } from "./usage-meter.js";

/** Longest string kept per field in the run log and the activity stream. */
const LOG_FIELD_CAP = 16_000;
const ACTIVITY_FIELD_CAP = 2_000;

/** Records collected between two writes. */
interface Batch {
  activity: Array<{ ts: string; type: string; payload: unknown }>;
  events: NewEvent[];
  ledger: NewLedgerEntry[];
  patch: RunPatch;
}

/** Minimal structured logger (pino satisfies it). */
export interface AttemptLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RecorderOptions {
  store: Store;
  run: Run;
  projectName: string;
  identifier: string;
  dataDir: string;
  redact: (text: string) => string;
  logger: AttemptLogger;
  now: () => Date;
}

/** `<data_dir>/agent-logs/<project-key>/<issue-key>/<run_id>.jsonl`. */
export function runLogPath(
  dataDir: string,
  projectName: string,
  identifier: string,
  runId: string,
): string {
  return join(
    dataDir,
    "agent-logs",
    projectKey(projectName),
    issueKey(identifier),
    `${runId}.jsonl`,
  );
}

/** Copies `v` with every string longer than `max` elided in the middle. */
export function capStrings(v: unknown, max: number): unknown {
  if (typeof v === "string") {
    if (v.length <= max) return v;
    const half = Math.floor(max / 2);
    return `${v.slice(0, half)}…[${v.length - 2 * half} chars elided]…${v.slice(v.length - half)}`;
  }
  if (Array.isArray(v)) return v.map((x) => capStrings(x, max));
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, capStrings(x, max)]));
  return v;
}

export class RunRecorder {
  readonly logPath: string;
  private stream: WriteStream | null = null;
  private readonly secrets: string[] = [];
  private lastTouch = 0;
  /** Records not yet written; written together on the next turn of the event loop. */
  private pending: Batch | null = null;
  /** Settles when every batch handed to the store so far is written (never rejects). */
  private written: Promise<void> = Promise.resolve();
  /** Why a batch written in the background failed; reported by the next record or `flush()`. */
  private failure: Error | null = null;

  constructor(private readonly o: RecorderOptions) {
    this.logPath = runLogPath(o.dataDir, o.projectName, o.identifier, o.run.run_id);
  }

  get run(): Run {
    return this.o.run;
  }

  /** Values redacted from the run log in addition to the service's known secrets. */
  addSecret(value: string | null | undefined): void {
    if (value && value.length >= 8) this.secrets.push(value);
  }

  /** Appends one redacted line to the JSONL log. */
  log(type: string, payload: Record<string, unknown> = {}): void {
    try {
      if (!this.stream) {
        mkdirSync(dirname(this.logPath), { recursive: true });
        this.stream = createWriteStream(this.logPath, { flags: "a", mode: 0o600 });
        this.stream.on("error", (e) =>
          this.o.logger.warn({ run_id: this.o.run.run_id, err: String(e) }, "run log write failed"),
        );
      }
      const line = JSON.stringify({
        ts: this.o.now().toISOString(),
        run_id: this.o.run.run_id,
        type,
        ...(capStrings(payload, LOG_FIELD_CAP) as Record<string, unknown>),
      });
      this.stream.write(`${this.scrub(line)}\n`);
    } catch (e) {
      this.o.logger.warn({ run_id: this.o.run.run_id, err: String(e) }, "run log write failed");
    }
  }

  /** Patches the runs row (written with the next batch). */
  update(patch: RunPatch): void {
    const b = this.batch();
    b.patch = { ...b.patch, ...patch };
  }

  /** Moves the run to `phase` with a `run_phase` event, and writes everything pending. */
  async phase(phase: RunPhase, patch: RunPatch = {}): Promise<void> {
    this.update({ ...patch, phase });
    this.event("run_phase", { phase });
    this.log("run_phase", { phase });
    await this.flush();
  }

  /** Appends a typed event to the store's event log (with the next batch). */
  event(type: string, payload: Record<string, unknown>): void {
    const r = this.o.run;
    // The service log carries run activity too, keyed so it can be grepped per run (§20);
    // the logger is the run component's child, which names the component once.
    this.o.logger.info(
      {
        run_id: r.run_id,
        project_id: r.project_id,
        issue_identifier: this.o.identifier,
        attempt: r.attempt,
        event: type,
        ...pickScalars(payload),
      },
      type,
    );
    this.batch().events.push({
      type,
      project_id: r.project_id,
      issue_key: r.issue_key,
      run_id: r.run_id,
      payload: JSON.parse(this.scrub(JSON.stringify({ run_id: r.run_id, ...payload }))) as unknown,
    });
  }

  /** One entry of the dashboard activity stream (with the next batch). */
  activity(type: string, payload: Record<string, unknown>): void {
    const safe = JSON.parse(
      this.scrub(JSON.stringify(capStrings(payload, ACTIVITY_FIELD_CAP))),
    ) as unknown;
    this.batch().activity.push({ ts: this.o.now().toISOString(), type, payload: safe });
  }

  /** Records `last_event_at` (at most once a second unless `force`) with `patch`, in one write. */
  touch(force = false, patch: RunPatch = {}): void {
    const now = this.o.now();
    if (!force && now.getTime() - this.lastTouch < 1000) {
      if (Object.keys(patch).length > 0) this.update(patch);
      return;
    }
    this.lastTouch = now.getTime();
    this.update({ ...patch, last_event_at: now.toISOString() });
  }

  /** One `cost_ledger` row for a usage event (§13.1), with the next batch. */
  ledger(d: UsageDelta): void {
    const r = this.o.run;
    this.batch().ledger.push({
      ts: this.o.now().toISOString(),
      run_id: r.run_id,
      project_id: r.project_id,
      issue_key: r.issue_key,
      kind: "run",
      profile: r.profile,
      focus: r.focus,
      provider_id: r.provider_id,
      model: r.model,
      input_tokens: d.input_tokens,
      cached_input_tokens: d.cached_input_tokens,
      output_tokens: d.output_tokens,
      cost_usd: d.cost_usd,
      billable: d.billable,
      price_source: d.price_source,
    });
  }

  /**
   * Writes everything recorded so far. Rejects with the failure of a batch
   * written in the background, if one failed since it was last reported.
   */
  async flush(): Promise<void> {
    await this.write();
    this.throwFailure();
  }

  /** Writes everything pending, then flushes and closes the run log. */
  async close(): Promise<void> {
    await this.flush();
    const s = this.stream;
    this.stream = null;
    if (!s) return;
    await new Promise<void>((resolve) => s.end(() => resolve()));
  }

  /** Reports (once) the failure of a batch written in the background. */
  private throwFailure(): void {
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }

  /**
   * The batch being collected; the first record of a batch schedules its
   * write. Throws the failure of an earlier batch, so the caller stops as it
   * would have had its own write failed.
   */
  private batch(): Batch {
    this.throwFailure();
    if (this.pending) return this.pending;
    this.pending = { activity: [], events: [], ledger: [], patch: {} };
    setImmediate(() => void this.write());
    return this.pending;
  }

  /** Queues the pending batch behind the writes under way; resolves once it is written. */
  private write(): Promise<void> {
    const b = this.pending;
    if (!b) return this.written;
    this.pending = null;
    this.written = this.written.then(() => this.writeBatch(b));
    return this.written;
  }

  /** Writes one batch; a failure is kept for the next `flush()`. */
  private async writeBatch(b: Batch): Promise<void> {
    const { store } = this.o;
    const run_id = this.o.run.run_id;
    try {
      if (b.activity.length > 0) await store.runActivity.append(run_id, b.activity);
      for (const row of b.ledger) await store.ledger.insert(row);
      if (Object.keys(b.patch).length > 0) {
        const next = await store.runs.update(run_id, b.patch);
        if (next) this.o.run = next;
      }
      await store.events.appendMany(b.events);
    } catch (e) {
      this.o.logger.error({ run_id, err: String(e) }, "run record write failed");
      this.failure ??= e instanceof Error ? e : new Error(String(e));
    }
  }

  private scrub(text: string): string {
    let out = this.o.redact(text);
    for (const secret of this.secrets) out = out.split(secret).join("[REDACTED]");
    return out;
  }
}

/** The short scalar fields of an event payload (phase, n, tool name…), for a log line. */
function pickScalars(payload: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (k === "run_id") continue;
    if (
      typeof v === "number" ||
      typeof v === "boolean" ||
      (typeof v === "string" && v.length <= 200)
    )
      out[k] = v;
  }
  return out;
}
