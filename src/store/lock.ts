/**
 * The data-dir lock of SPEC §1.5. `<data_dir>/oompah.lock` is a tiny SQLite
 * database opened with `locking_mode=EXCLUSIVE`; after its first write the
 * connection keeps an exclusive file lock until it is closed. The lock is a
 * POSIX advisory lock, so the kernel drops it when the process dies, even by
 * `kill -9` — unlike a pid file, it can never go stale.
 */
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Sqlite from "better-sqlite3";
import { OompahError } from "../domain/errors.js";

/** Unix socket paths above this many bytes are moved to `$TMPDIR` (sun_path is ~104–108 bytes). */
export const MAX_SOCKET_PATH_BYTES = 100;

/** A held data-dir lock. */
export interface DataDirLock {
  /** Absolute path of the lock file. */
  readonly path: string;
  /** Releases the lock; idempotent. */
  release(): void;
}

/**
 * Where the API socket for `dataDir` lives: `<data_dir>/oompah.sock`, or, when
 * that path would exceed 100 bytes, `$TMPDIR/oompah-<12 hex of sha256(data_dir)>.sock`.
 */
export function socketPathFor(dataDir: string): string {
  const dir = resolve(dataDir);
  const inside = join(dir, "oompah.sock");
  if (Buffer.byteLength(inside) <= MAX_SOCKET_PATH_BYTES) return inside;
  const digest = createHash("sha256").update(dir).digest("hex").slice(0, 12);
  return join(tmpdir(), `oompah-${digest}.sock`);
}

/**
 * Takes the exclusive lock on `<dataDir>/oompah.lock` (the directory must
 * exist) or throws `data_dir_locked`. Once held, a stale `socketPath` left by
 * a dead process is removed — safe because no live oompah can own it now.
 */
export function acquireDataDirLock(
  dataDir: string,
  opts: { socketPath?: string } = {},
): DataDirLock {
  const path = join(resolve(dataDir), "oompah.lock");
  const conn = new Sqlite(path, { timeout: 0 });
  try {
    conn.pragma("journal_mode = DELETE");
    conn.pragma("locking_mode = EXCLUSIVE");
    // The first write takes the exclusive lock; EXCLUSIVE mode keeps it after commit.
    conn.exec(
      "CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, since TEXT)",
    );
    conn
      .prepare("INSERT OR REPLACE INTO holder (id, pid, since) VALUES (1, ?, ?)")
      .run(process.pid, new Date().toISOString());
  } catch (e) {
    conn.close();
    if (isBusy(e)) {
      throw new OompahError(
        "data_dir_locked",
        `another oompah process is using the data directory ${resolve(dataDir)}`,
        {
          hint: `stop the other oompah process (it holds the lock ${path}) or set data_dir / OOMPAH_HOME to another directory`,
          details: { lock_path: path },
          cause: e,
        },
      );
    }
    throw e;
  }
  if (opts.socketPath !== undefined) rmSync(opts.socketPath, { force: true });
  let held = true;
  return {
    path,
    release() {
      if (!held) return;
      held = false;
      conn.close();
    },
  };
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}
