/**
 * Run logs (`<data_dir>/agent-logs/<project-key>/<issue-key>/<run_id>.jsonl`,
 * SPEC §20) are kept for `observability.agent_log_retention_days`; the daily
 * prune deletes older files and the folders it leaves empty.
 */
import { readdir, rmdir, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

const DAY_MS = 86_400_000;

/** Deletes run logs last written before `now - retentionDays`; returns how many. */
export async function pruneRunLogs(
  dataDir: string,
  retentionDays: number,
  now: Date,
): Promise<number> {
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  return pruneDir(join(dataDir, "agent-logs"), cutoff, false);
}

async function pruneDir(dir: string, cutoff: number, removeIfEmpty: boolean): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (entries === null) return 0;
  let removed = 0;
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      removed += await pruneDir(path, cutoff, true);
    } else if (e.isFile() && e.name.endsWith(".jsonl")) {
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < cutoff) {
        await unlink(path);
        removed += 1;
      }
    }
  }
  if (removeIfEmpty) await rmdir(dir).catch(() => undefined); // fails (and is left) while not empty
  return removed;
}
