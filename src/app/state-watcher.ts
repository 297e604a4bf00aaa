/**
 * Hot reload of the state directory's JSON documents (SPEC §1.5): chokidar on
 * `.oompah/` (depth 0, so editors that save by rename are seen), debounced per
 * file, calling the document's `reload()`, plus a slow poll as a safety net
 * for missed events (a reload of an unchanged file is a cheap text compare). An invalid hand edit raises the
 * `config_invalid` alert naming the file and field while the last good value
 * stays in use; fixing the file clears it.
 *
 * The alert board keys alerts by code, and WORKFLOW.md errors use
 * `config_invalid` too. So this module only clears an alert it raised (same
 * message), and raises its own again if a WORKFLOW.md fix clears the code
 * while a document is still invalid: neither source hides the other for good.
 */
import { mkdir } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { watch, type FSWatcher } from "chokidar";
import type { OompahError } from "../domain/errors.js";
import type { AlertBoard } from "../orchestrator/alerts.js";

/** What a watched document exposes (every JsonDocument-backed store has it). */
export interface ReloadableDocument {
  reload(): Promise<{ changed: boolean; error: OompahError | null }>;
}

export interface WatcherLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface StateWatcherOptions {
  stateDir: string;
  alerts: AlertBoard;
  logger: WatcherLogger;
  /** Debounce per file (at least 60 ms, see MIN_DEBOUNCE_MS). */
  debounceMs?: number;
  /** Safety-net poll interval (default 5 s). */
  pollMs?: number;
  /** Called after a document reloaded with a change. */
  onChanged?: (file: string) => void;
}

const ALERT = "config_invalid";

/**
 * chokidar drops a second `change` for the same path within 50 ms; a debounce
 * longer than that guarantees the reload reads the file after the last write
 * of a burst.
 */
const MIN_DEBOUNCE_MS = 60;

export class StateDirWatcher {
  private readonly docs = new Map<string, ReloadableDocument>();
  private readonly errors = new Map<string, OompahError>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Set<Promise<void>>();
  private raised: string | null = null;
  private watcher: FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: StateWatcherOptions) {
    this.unsubscribe = opts.alerts.subscribe((change) => {
      if (change.kind === "cleared" && change.alert.code === ALERT && !change.alert.project_id) {
        this.raised = null;
        if (this.errors.size) this.syncAlert();
      }
    });
  }

  /** Watches `file` (an absolute path inside the state directory). */
  add(file: string, doc: ReloadableDocument): void {
    this.docs.set(resolve(file), doc);
  }

  /** Records the outcome of a load done elsewhere (the first load at startup). */
  report(file: string, error: OompahError | null): void {
    const key = resolve(file);
    if (error) this.errors.set(key, error);
    else this.errors.delete(key);
    this.syncAlert();
  }

  /** Creates the state directory if needed and starts watching; resolves when the watcher is live. */
  async start(): Promise<void> {
    if (this.watcher) return;
    const dir = resolve(this.opts.stateDir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const watcher = watch(dir, {
      depth: 0,
      ignoreInitial: true,
      // Every JSON file is watched (documents may be added after start); events are filtered in schedule().
      ignored: (p: string) => resolve(p) !== dir && !p.endsWith(".json"),
    });
    this.watcher = watcher;
    watcher.on("all", (_event, p) => this.schedule(resolve(p)));
    // A watcher error (the directory vanished) must not crash the service.
    watcher.on("error", (e) =>
      this.opts.logger.error(
        { component: "documents", err: String(e) },
        "state directory watcher error",
      ),
    );
    await new Promise<void>((done) => watcher.once("ready", () => done()));
    this.poll = setInterval(() => {
      for (const file of this.docs.keys()) this.schedule(file);
    }, this.opts.pollMs ?? 5000);
    this.poll.unref();
  }

  /** Re-reads one document now (also what a file event triggers). */
  async reloadNow(file: string): Promise<void> {
    const key = resolve(file);
    const doc = this.docs.get(key);
    if (!doc) return;
    const result = await doc.reload();
    const previous = this.errors.get(key)?.message;
    if (result.error && result.error.message !== previous) {
      this.opts.logger.error(
        { component: "documents", code: result.error.code, file: key },
        result.error.message,
      );
    } else if (result.changed) {
      this.opts.logger.info({ component: "documents", file: key }, `${basename(key)} reloaded`);
      this.opts.onChanged?.(key);
    }
    this.report(key, result.error);
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.unsubscribe();
    const w = this.watcher;
    this.watcher = null;
    if (w) await w.close();
    await Promise.all([...this.pending]);
  }

  private schedule(file: string): void {
    if (!this.docs.has(file) || this.watcher === null) return;
    clearTimeout(this.timers.get(file));
    const timer = setTimeout(
      () => {
        this.timers.delete(file);
        const run = this.reloadNow(file).catch((e: unknown) =>
          this.opts.logger.error(
            { component: "documents", file, err: String(e) },
            "document reload failed",
          ),
        );
        this.pending.add(run);
        void run.finally(() => this.pending.delete(run));
      },
      Math.max(MIN_DEBOUNCE_MS, this.opts.debounceMs ?? 100),
    );
    this.timers.set(file, timer);
  }

  private syncAlert(): void {
    const { alerts } = this.opts;
    if (this.errors.size) {
      const list = [...this.errors.values()];
      const message = list.map((e) => e.message).join("; ");
      const hint = list.find((e) => e.hint)?.hint;
      alerts.raise({ code: ALERT, severity: "error", message, ...(hint ? { hint } : {}) });
      this.raised = message;
      return;
    }
    if (this.raised === null) return;
    const active = alerts.list().find((a) => a.code === ALERT && !a.project_id);
    const mine = active?.message === this.raised;
    this.raised = null;
    if (mine) alerts.clear(ALERT);
  }
}
