/**
 * Creates the data directory (§1.5) private to the service user: 0700 for the
 * directory and its working subfolders, because it holds the secret key, the
 * database and agent logs.
 */
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** Working subfolders created with the data directory. */
export const DATA_SUBDIRS = ["logs", "tmp", "agent-logs", "repos"] as const;

/** Ensures `dataDir` and its subfolders exist; newly created ones get mode 0700. */
export function ensureDataDir(dataDir: string): void {
  for (const dir of [dataDir, ...DATA_SUBDIRS.map((d) => join(dataDir, d))]) {
    // mkdirSync returns the first directory it created, or undefined if all existed.
    const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The process umask may have narrowed the mode; an operator's existing dir is left as is.
    if (created !== undefined) chmodSync(dir, 0o700);
  }
}
