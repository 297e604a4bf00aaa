/**
 * The write path of the native tracker. Callers hold the repository lock.
 * Each write re-reads its file from disk (never trusting the cache, which may
 * lag another adapter instance), writes atomically to the directory of the
 * task's status, removes the old path after a move, absorbs the result into
 * the cache and records the mutation for git sync. An edit that changes no
 * byte does nothing at all (a legacy-directory file moves on its next real write).
 */
import { readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { OompahError } from "../../domain/errors.js";
import type { CanonicalStatus } from "../../domain/status.js";
import { writeFileAtomic } from "./atomic-write.js";
import {
  docNativeStatus,
  docStatus,
  parseTaskFile,
  serializeTaskFile,
  type TaskDocument,
} from "./format/index.js";
import type { FreshIndex } from "./fresh-index.js";
import type { TaskGitSync } from "./git-sync.js";
import { nextTaskId } from "./ids.js";
import { readTaskPrefix, stemOf, taskRelPath } from "./layout.js";
import type { TaskEntry } from "./task-index.js";

function notFound(id: string): OompahError {
  return new OompahError("tracker_not_found", `task ${id} does not exist`, { details: { id } });
}

function statusOf(doc: TaskDocument, fallback: CanonicalStatus): CanonicalStatus {
  return docNativeStatus(doc) === null ? fallback : (docStatus(doc) ?? "Backlog");
}

/** Creates and rewrites task files for one repository. */
export class TaskWriter {
  constructor(
    private readonly repoPath: string,
    private readonly fresh: FreshIndex,
    private readonly sync: TaskGitSync | null,
    private readonly now: () => Date,
  ) {}

  private abs(rel: string): string {
    return join(this.repoPath, rel);
  }

  /** Allocates the next id, writes the new task, returns its cache entry. */
  async create(build: (id: string) => TaskDocument): Promise<TaskEntry> {
    await this.sync?.assertOnDefaultBranch();
    await this.fresh.ensureFresh();
    const index = this.fresh.index;
    // Fresh directory listing: files another instance created count too.
    const known = [...index.idsAndStems(), ...(await index.listTaskPaths()).map(stemOf)];
    const id = nextTaskId(await readTaskPrefix(this.repoPath), known);
    const doc = build(id);
    const rel = taskRelPath(statusOf(doc, "Backlog"), id);
    await this.write(rel, serializeTaskFile(doc), id);
    await this.fresh.noteWritten([rel]);
    this.sync?.record({ verb: "create", id });
    return this.entryAt(rel, id);
  }

  /** Applies `apply` to the current file of `id` and writes the result if anything changed. */
  async update(
    id: string,
    apply: (doc: TaskDocument, now: Date) => { doc: TaskDocument },
    verb: "update" | "comment",
  ): Promise<TaskEntry> {
    await this.sync?.assertOnDefaultBranch();
    const { entry, text } = await this.readCurrent(id);
    const parsed = parseTaskFile(text, { stem: entry.stem, dirSlug: entry.dirName });
    if (parsed.kind === "corrupt") {
      throw new OompahError("tracker_write_refused", `task file ${entry.relPath} is unreadable`, {
        hint: `fix or remove ${entry.relPath} by hand; oompah never rewrites an unreadable task file`,
        details: { id, path: entry.relPath, reason: parsed.reason },
      });
    }
    const before = statusOf(parsed.doc, entry.dirStatus);
    const next = apply(parsed.doc, this.now()).doc;
    const after = statusOf(next, entry.dirStatus);
    const rel = taskRelPath(after, entry.stem);
    const out = serializeTaskFile(next);
    // Unchanged content is not a write, even for a file in a legacy directory.
    if (out === text) return entry;
    await this.write(rel, out, id);
    if (rel !== entry.relPath) {
      await unlink(this.abs(entry.relPath)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "ENOENT") throw e;
      });
    }
    await this.fresh.noteWritten([rel, entry.relPath]);
    this.sync?.record(
      verb === "update" && after !== before ? { verb: "move", id, status: after } : { verb, id },
    );
    return this.entryAt(rel, id);
  }

  /** The winning file of `id` and its text as on disk now. */
  private async readCurrent(id: string): Promise<{ entry: TaskEntry; text: string }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt === 0) await this.fresh.ensureFresh();
      else await this.fresh.rescan();
      const entry = this.fresh.index.get(id);
      if (!entry) continue;
      try {
        const text = await readFile(this.abs(entry.relPath), "utf8");
        return { entry, text };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
    }
    throw notFound(id);
  }

  private async write(rel: string, text: string, id: string): Promise<void> {
    try {
      await writeFileAtomic(this.abs(rel), text);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new OompahError("tracker_write_failed", `could not write ${rel}: ${err.message}`, {
        hint: "check the permissions and free space of the project checkout",
        details: { id, path: rel, errno: err.code ?? null },
        cause: e,
      });
    }
  }

  private entryAt(rel: string, id: string): TaskEntry {
    const entry = this.fresh.index.at(rel);
    if (!entry || (entry.corruptReason === null && entry.id !== id)) {
      throw new OompahError("internal_error", `task ${id} was written to ${rel} but not re-read`);
    }
    return entry;
  }
}
