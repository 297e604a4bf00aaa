/**
 * Hot reload of WORKFLOW.md (SPEC §3.7). Three triggers feed one serialised
 * check: filesystem events (chokidar on the file's directory, so editors that
 * save by writing a new file and renaming it are seen; debounced), a stat poll
 * as a safety net, and `checkNow()` which the orchestrator calls every tick.
 * A check re-hashes the file; on a change the workflow is loaded completely and
 * swapped in one assignment, or rejected as a whole (last-known-good kept).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { OompahError, toOompahError, type Warning } from "../domain/errors.js";
import type { LoadedWorkflow } from "./load.js";
import { keepRestartKeys } from "./restart-keys.js";

/**
 * chokidar drops a second `change` for the same path within 50 ms; a debounce
 * longer than that guarantees the check reads the file after the last
 * throttled write of a burst.
 */
const MIN_DEBOUNCE_MS = 60;

export interface ReloaderOptions {
  /** The watched WORKFLOW.md; null/absent = built-in default (nothing to watch). */
  path?: string | null;
  initial: LoadedWorkflow;
  /** Loads the workflow again with the same options as at start. */
  load: () => Promise<LoadedWorkflow>;
  /** Called after a successful swap with every warning of the new config (incl. `restart_required`). */
  onApply: (next: LoadedWorkflow, warnings: Warning[]) => void;
  /** Called once per rejected file version; the previous config stays in force. */
  onError: (err: OompahError) => void;
  debounceMs?: number;
  pollMs?: number;
}

/** `state.config.last_error`. */
export interface ConfigLoadError {
  code: string;
  message: string;
  path?: string;
  at: string;
}

export class ConfigReloader {
  #current: LoadedWorkflow;
  #lastError: ConfigLoadError | null = null;
  /** Hash of the last file version that failed, so a bad file is reported once, not every tick. */
  #failedHash: string | null = null;
  #watcher: FSWatcher | null = null;
  #poll: NodeJS.Timeout | null = null;
  #debounce: NodeJS.Timeout | null = null;
  #queue: Promise<void> = Promise.resolve();
  #ready: Promise<void> = Promise.resolve();
  #readyDone: () => void = () => undefined;
  #stopped = false;
  readonly #path: string | null;
  readonly #opts: ReloaderOptions;

  constructor(opts: ReloaderOptions) {
    this.#opts = opts;
    this.#current = opts.initial;
    this.#path = opts.path ? resolve(opts.path) : null;
  }

  /** The config in force (swapped atomically on a good reload). */
  get current(): LoadedWorkflow {
    return this.#current;
  }

  get lastError(): ConfigLoadError | null {
    return this.#lastError;
  }

  /** Starts the watcher and the stat poll; no-op for the built-in default workflow. */
  start(): void {
    const file = this.#path;
    if (file === null || this.#watcher !== null) return;
    this.#stopped = false;
    const dir = dirname(file);
    const name = basename(file);
    this.#watcher = watch(dir, {
      depth: 0,
      ignoreInitial: true,
      ignored: (p: string) => resolve(p) !== dir && basename(p) !== name,
    });
    const watcher = this.#watcher;
    this.#ready = new Promise<void>((done) => {
      this.#readyDone = done;
      watcher.once("ready", () => done());
    });
    this.#watcher.on("all", (_event, p) => {
      if (resolve(p) === file) this.#schedule();
    });
    // A watcher error (e.g. the directory vanished) must not crash the service; the poll still runs.
    this.#watcher.on("error", () => undefined);
    this.#poll = setInterval(() => void this.checkNow(), this.#opts.pollMs ?? 5000);
    this.#poll.unref();
  }

  /** Resolves once the file watcher is live (immediately when there is none). */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Stops watching and waits for an in-flight check to settle. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#debounce) clearTimeout(this.#debounce);
    if (this.#poll) clearInterval(this.#poll);
    this.#debounce = null;
    this.#poll = null;
    const w = this.#watcher;
    this.#watcher = null;
    if (w) await w.close();
    this.#readyDone();
    await this.#queue;
  }

  /** Re-hashes the file and reloads when it changed (serialised with every other trigger). */
  checkNow(): Promise<void> {
    const run = this.#queue.then(() => this.#check());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #schedule(): void {
    if (this.#stopped) return;
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#debounce = setTimeout(
      () => {
        this.#debounce = null;
        void this.checkNow();
      },
      Math.max(MIN_DEBOUNCE_MS, this.#opts.debounceMs ?? 250),
    );
  }

  async #check(): Promise<void> {
    const file = this.#path;
    if (file === null || this.#stopped) return;
    let hash: string;
    try {
      hash = createHash("sha256")
        .update(await readFile(file))
        .digest("hex");
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
      const marker = missing ? "missing" : "unreadable";
      if (this.#failedHash === marker) return;
      this.#fail(
        missing
          ? new OompahError(
              "missing_workflow_file",
              `workflow file ${file} disappeared; keeping the last good configuration`,
              { details: { file } },
            )
          : toOompahError(e, "workflow_parse_error"),
        marker,
      );
      return;
    }
    if (hash === this.#current.hash && this.#lastError === null) return;
    if (hash === this.#failedHash) return;

    let next: LoadedWorkflow;
    try {
      next = await this.#opts.load();
    } catch (e) {
      this.#fail(toOompahError(e), hash);
      return;
    }
    if (this.#stopped) return;
    const { merged, warnings: restart } = keepRestartKeys(this.#current, next);
    const warnings = [...next.warnings, ...restart];
    const applied: LoadedWorkflow = { ...merged, warnings };
    this.#current = applied;
    this.#lastError = null;
    this.#failedHash = null;
    try {
      this.#opts.onApply(applied, warnings);
    } catch (e) {
      this.#opts.onError(toOompahError(e, "config_apply_failed"));
    }
  }

  #fail(err: OompahError, hash: string | null): void {
    this.#failedHash = hash;
    const keyPath = typeof err.details?.path === "string" ? err.details.path : this.#path;
    this.#lastError = {
      code: err.code,
      message: err.message,
      ...(keyPath ? { path: keyPath } : {}),
      at: new Date().toISOString(),
    };
    if (!this.#stopped) this.#opts.onError(err);
  }
}
