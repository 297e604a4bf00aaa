/**
 * Decides how much of the task cache must be re-read before a read is
 * answered. Reads are served from the current generation unless something
 * invalidated it: HEAD moved (a pull, a human's git command), the watcher
 * reported paths (re-stat just those), the watcher is not running, or the
 * safety-net full scan interval elapsed (mtime/size comparison; unchanged
 * files are not re-parsed). External changes also wake the orchestrator
 * through `onChange`.
 */
import { readHead } from "../../git/head.js";
import type { Warning } from "../../domain/errors.js";
import { defaultSnapshotPath } from "./index-snapshot.js";
import { TaskIndex } from "./task-index.js";
import { TaskWatcher } from "./task-watcher.js";

/** A full scan that parsed at least this many files is persisted soon after. */
const SNAPSHOT_AFTER_PARSES = 200;

/** Options of a {@link FreshIndex}. */
export interface FreshIndexOptions {
  repoPath: string;
  projectId: string;
  /** Persist the cache between processes here; null disables, undefined → `.git/oompah/`. */
  snapshotPath?: string | null;
  /** Watch the task directories (default true). */
  watch?: boolean;
  /** Full mtime/size rescan at least this often even when the watcher is healthy; default 60 s. */
  fullRescanMs?: number;
  /** Delay that coalesces watcher events before they are checked; default 30 ms. */
  eventDebounceMs?: number;
  onWarning?: (w: Warning) => void;
  /** Task files changed outside this adapter (after the cache has absorbed it). */
  onChange?: () => void;
}

/** The task index plus the rules that keep it current. */
export class FreshIndex {
  readonly index: TaskIndex;
  private readonly watcher: TaskWatcher | null;
  private readonly dirty = new Set<string>();
  private readonly dirtyDirs = new Set<string>();
  private needFull = true;
  private lastFullAt = 0;
  private lastHead: string | null = null;
  private inFlight: Promise<void> | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  /** A snapshot write started by the save timer, awaited by `close`. */
  private saving: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly opts: FreshIndexOptions) {
    this.index = new TaskIndex({
      repoPath: opts.repoPath,
      projectId: opts.projectId,
      snapshotPath:
        opts.snapshotPath === undefined ? defaultSnapshotPath(opts.repoPath) : opts.snapshotPath,
      ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    });
    this.watcher =
      opts.watch === false
        ? null
        : new TaskWatcher(opts.repoPath, {
            onPath: (rel) => {
              this.dirty.add(rel);
              this.scheduleProbe();
            },
            onDir: (name) => {
              this.dirtyDirs.add(name);
              this.scheduleProbe();
            },
            onRescan: () => {
              this.needFull = true;
              this.scheduleProbe();
            },
          });
  }

  /** Forces the next read to rescan everything (e.g. HEAD moved through a pull). */
  invalidate(): void {
    this.needFull = true;
  }

  /** Brings the cache up to date; refreshes never overlap. */
  async ensureFresh(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    const run = this.refresh().finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    this.inFlight = run;
    await run;
  }

  private async refresh(): Promise<void> {
    const head = readHead(this.opts.repoPath);
    const headKey = `${head.branch ?? ""}@${head.sha ?? ""}`;
    if (headKey !== this.lastHead) this.needFull = true;
    const wasWatching = this.watcher?.healthy ?? false;
    if (this.watcher && !wasWatching) await this.watcher.start();
    // Changes made before a watcher (re)started were never reported: scan fully.
    const stale = Date.now() - this.lastFullAt > (this.opts.fullRescanMs ?? 60_000);
    if (this.needFull || !wasWatching || stale) {
      this.needFull = false;
      this.dirty.clear();
      this.dirtyDirs.clear();
      this.lastHead = headKey;
      await this.index.refreshAll();
      this.lastFullAt = Date.now();
      if (this.index.unsavedParses >= SNAPSHOT_AFTER_PARSES) this.scheduleSave();
      return;
    }
    for (const dir of [...this.dirtyDirs]) {
      this.dirtyDirs.delete(dir);
      await this.index.refreshDir(dir);
    }
    if (this.dirty.size > 0) {
      const paths = [...this.dirty];
      this.dirty.clear();
      await this.index.refreshPaths(paths);
    }
  }

  /** Absorbs files this process just wrote, so their watcher events are no-ops. */
  async noteWritten(relPaths: readonly string[]): Promise<void> {
    await this.index.refreshPaths(relPaths);
  }

  /** Full rescan now (used before concluding that an id does not exist). */
  async rescan(): Promise<void> {
    this.needFull = true;
    await this.ensureFresh();
  }

  private scheduleSave(): void {
    if (this.closed || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      // Only a start-up accelerator: failures are ignored.
      const run: Promise<void> = this.index
        .saveSnapshot()
        .catch(() => undefined)
        .finally(() => {
          if (this.saving === run) this.saving = null;
        });
      this.saving = run;
    }, 1_000);
    this.saveTimer.unref();
  }

  private scheduleProbe(): void {
    if (this.closed || this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      const before = this.index.generation;
      this.ensureFresh().then(
        () => {
          if (this.index.generation !== before) this.opts.onChange?.();
        },
        () => this.opts.onChange?.(),
      );
    }, this.opts.eventDebounceMs ?? 30);
    this.probeTimer.unref();
  }

  /** Stops the watcher and timers; persists the cache when it has news (unless `save` is false). */
  async close(opts: { save?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of [this.probeTimer, this.saveTimer]) if (t) clearTimeout(t);
    this.probeTimer = null;
    this.saveTimer = null;
    this.watcher?.close();
    while (this.inFlight) await this.inFlight.catch(() => undefined);
    // A timer-started save may still be writing; a process started right after must find it.
    if (this.saving) await this.saving;
    if (opts.save !== false && this.index.unsavedParses > 0) {
      await this.index.saveSnapshot().catch(() => undefined);
    }
  }
}
