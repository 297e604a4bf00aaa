/**
 * Where native task files live (SPEC §5.2): `.oompah/tasks/<status-slug>/<ID>.md`
 * in the project repository. Directories of the original oompah with legacy
 * names (`proposed`, `in-validation`, …) are read through the status alias
 * table; writes always go to the canonical slug directory.
 */
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { STATUS_SLUGS, type CanonicalStatus } from "../../domain/status.js";
import { cachedCanonicalStatus } from "./format/index.js";

/** Task root, relative to the repository. */
export const TASKS_DIR = ".oompah/tasks";
/** Attachment root, relative to the repository (committed by the same sync). */
export const ATTACHMENTS_DIR = ".oompah/attachments";
/** Directory names written by the original oompah that are still read. */
export const LEGACY_STATUS_DIRS = [
  "proposed",
  "in-validation",
  "ready-to-integrate",
  "decomposed",
  "duplicate-candidate",
] as const;
/** Prefix of in-flight atomic-write temp files; they never end in `.md`. */
export const TEMP_PREFIX = ".oompah_tmp_";

/** The canonical status a status directory name stands for, or null for unrelated dirs. */
export function statusOfDir(dirName: string): CanonicalStatus | null {
  return cachedCanonicalStatus(dirName);
}

/** Relative path (POSIX separators) of a task file in the canonical directory for `status`. */
export function taskRelPath(status: CanonicalStatus, stem: string): string {
  return `${TASKS_DIR}/${STATUS_SLUGS[status]}/${stem}.md`;
}

/** True for names that are task files (`*.md`, not a temp file, not hidden). */
export function isTaskFileName(name: string): boolean {
  return name.endsWith(".md") && !name.startsWith(".");
}

/** The file stem of a task path (`X-1` for `.../open/X-1.md`). */
export function stemOf(path: string): string {
  return basename(path, ".md");
}

/** Absolute task root of a repository. */
export function tasksRoot(repoPath: string): string {
  return join(repoPath, TASKS_DIR);
}

/**
 * The id prefix for new tasks: `task_prefix:` / `taskPrefix:` from
 * `.oompah/tasks/config.yml`, else the repository directory name upper-cased
 * with everything outside [A-Z0-9] removed (falling back to `TASK`).
 */
export async function readTaskPrefix(repoPath: string): Promise<string> {
  let text: string | null = null;
  try {
    text = await readFile(join(tasksRoot(repoPath), "config.yml"), "utf8");
  } catch {
    text = null;
  }
  if (text !== null) {
    try {
      const cfg: unknown = parseYaml(text);
      if (cfg && typeof cfg === "object") {
        const rec = cfg as Record<string, unknown>;
        const raw = rec.task_prefix ?? rec.taskPrefix;
        if (typeof raw === "string" && raw.trim() !== "") return raw.trim();
      }
    } catch {
      // An unreadable config falls back to the directory name, as if absent.
    }
  }
  const fromDir = basename(repoPath)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
  return fromDir === "" ? "TASK" : fromDir;
}
