/**
 * Everything a run writes about itself (SPEC §4.5, §6, §13.1, §20): the runs
 * row, typed events in the store's event log (small payloads), the bounded
 * `run_activity` stream, one `cost_ledger` row per usage event, and the JSONL
 * run log under `<data_dir>/agent-logs/<project-key>/<issue-key>/<run_id>.jsonl`.
 * Every line of the run log passes through the redactor, plus the run's own
 * secrets (its token, the provider key), before it reaches the disk.
 */
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname, join } from "node:path";
import type { Store } from "../store/db.js";
import type { Run, RunPatch } from "../store/runs.js";
import type { RunPhase } from "../store/schema.js";
import { issueKey, projectKey } from "../workspace/keys.js";
import type { UsageDelta } from "./usage-meter.js";

/** Longest string kept per field in the run log and the activity stream. */
const LOG_FIELD_CAP = 16_000;
const ACTIVITY_FIELD_CAP = 2_000;

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

  /** Patches the runs row (and remembers it). */
  async update(patch: RunPatch): Promise<void> {
    const next = await this.o.store.runs.update(this.o.run.run_id, patch);
    if (next) this.o.run = next;
  }

  /** Moves the run to `phase` with a `run_phase` event. */
  async phase(phase: RunPhase, patch: RunPatch = {}): Promise<void> {
    await this.update({ ...patch, phase });
    await this.event("run_phase", { phase });
    this.log("run_phase", { phase });
  }

  /** Appends a typed event to the store's event log. */
  async event(type: string, payload: Record<string, unknown>): Promise<void> {
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
    await this.o.store.events.append({
      type,
      project_id: r.project_id,
      issue_key: r.issue_key,
      run_id: r.run_id,
      payload: JSON.parse(this.scrub(JSON.stringify({ run_id: r.run_id, ...payload }))) as unknown,
    });
  }

  /** One entry of the dashboard activity stream. */
  async activity(type: string, payload: Record<string, unknown>): Promise<void> {
    const safe = JSON.parse(
      this.scrub(JSON.stringify(capStrings(payload, ACTIVITY_FIELD_CAP))),
    ) as unknown;
    await this.o.store.runActivity.append(this.o.run.run_id, [
      { ts: this.o.now().toISOString(), type, payload: safe },
    ]);
  }

  /** Records `last_event_at` (at most once a second unless `force`) with `patch`, in one write. */
  async touch(force = false, patch: RunPatch = {}): Promise<void> {
    const now = this.o.now();
    if (!force && now.getTime() - this.lastTouch < 1000) {
      if (Object.keys(patch).length > 0) await this.update(patch);
      return;
    }
    this.lastTouch = now.getTime();
    await this.update({ ...patch, last_event_at: now.toISOString() });
  }

  /** One `cost_ledger` row for a usage event (§13.1). */
  async ledger(d: UsageDelta): Promise<void> {
    const r = this.o.run;
    await this.o.store.ledger.insert({
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

  /** Flushes and closes the run log. */
  async close(): Promise<void> {
    const s = this.stream;
    this.stream = null;
    if (!s) return;
    await new Promise<void>((resolve) => s.end(() => resolve()));
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
