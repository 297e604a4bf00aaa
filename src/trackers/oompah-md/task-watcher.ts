/**
 * Watches the task root and each status directory (non-recursive `fs.watch`,
 * one handle per directory; there are about a dozen) and reports which task
 * paths may have changed. New status directories get a watcher as they
 * appear. Events are hints only: the index re-stats the reported paths, and
 * `healthy` turns false when a watcher fails so the index falls back to full
 * scans.
 */
import { watch, type FSWatcher } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { isTaskFileName, statusOfDir, TASKS_DIR } from "./layout.js";

/** Callbacks of a {@link TaskWatcher}. */
export interface TaskWatcherEvents {
  /** A task file (repo-relative path) may have been added, changed or removed. */
  onPath(relPath: string): void;
  /** A status directory appeared, vanished or was renamed. */
  onDir(dirName: string): void;
  /** Something happened that needs a full rescan (watcher error, unnamed event). */
  onRescan(): void;
}

/** fs.watch handles over `.oompah/tasks` and its status directories. */
export class TaskWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private rootWatched = false;
  private failed = false;
  private closed = false;

  constructor(
    private readonly repoPath: string,
    private readonly events: TaskWatcherEvents,
  ) {}

  /** True when every directory is watched and no watcher has failed. */
  get healthy(): boolean {
    return this.rootWatched && !this.failed && !this.closed;
  }

  /** Starts (or completes) watching; safe to call repeatedly, e.g. before each full scan. */
  async start(): Promise<void> {
    if (this.closed) return;
    if (this.failed) {
      this.failed = false;
      this.rootWatched = false;
    }
    const root = join(this.repoPath, TASKS_DIR);
    if (!this.rootWatched) {
      if (!this.add(root, "")) return;
      this.rootWatched = true;
    }
    let names: string[];
    try {
      names = (await readdir(root, { withFileTypes: true }))
        .filter((d) => d.isDirectory() && statusOfDir(d.name) !== null)
        .map((d) => d.name);
    } catch {
      return;
    }
    for (const name of names) if (!this.watchers.has(name)) this.add(join(root, name), name);
  }

  private add(absDir: string, dirName: string): boolean {
    try {
      const w = watch(absDir, { persistent: false }, (_event, filename) => {
        this.onEvent(dirName, filename === null ? null : filename.toString());
      });
      w.on("error", () => {
        // Drop every handle; the next read restarts watching after a full scan.
        this.failed = true;
        this.closeAll();
        this.events.onRescan();
      });
      this.watchers.set(dirName, w);
      return true;
    } catch {
      return false;
    }
  }

  private onEvent(dirName: string, filename: string | null): void {
    if (this.closed) return;
    if (filename === null) {
      this.events.onRescan();
      return;
    }
    if (dirName === "") {
      // The root itself: a status directory appeared, vanished or was renamed.
      if (statusOfDir(filename) !== null) {
        this.watchers.get(filename)?.close();
        this.watchers.delete(filename);
        this.events.onDir(filename);
        this.start().catch(() => (this.failed = true));
      }
      return;
    }
    if (isTaskFileName(filename)) this.events.onPath(`${TASKS_DIR}/${dirName}/${filename}`);
  }

  private closeAll(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  /** Releases every handle. */
  close(): void {
    this.closed = true;
    this.closeAll();
  }
}
