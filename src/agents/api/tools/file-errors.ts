/**
 * Filesystem failures as tool errors the model can act on: a missing file
 * names the path and points at `list_files`, instead of leaking an errno.
 * And the one way the file tools read a text file.
 */
import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { OompahError } from "../../../domain/errors.js";

/** Largest file `read_file` and `edit_file` read (a 16 MiB text is far beyond any context window). */
const MAX_READ_BYTES = 16 * 1024 * 1024;

/** Files up to this size are read synchronously (see {@link readTextFile}). */
const SYNC_READ_BYTES = 1024 * 1024;

/** Maps an fs error for `path` to an `OompahError`; rethrows anything else. */
export function fsError(e: unknown, path: string): OompahError {
  if (e instanceof OompahError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") {
    return new OompahError("file_not_found", `${path} does not exist`, {
      hint: "check the path with list_files",
      details: { path },
    });
  }
  if (code === "EISDIR") {
    return new OompahError("is_directory", `${path} is a directory`, {
      hint: "use list_files to see a directory",
      details: { path },
    });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new OompahError("file_error", `${path}: ${message}`, { details: { path } });
}

/** True when the buffer looks binary (a NUL byte in its first 8 KiB). */
function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/**
 * The text of the file at `abs` (already contained; `path` as the model gave
 * it). Files up to 1 MiB — nearly every source file — are read synchronously,
 * as the containment check is: that takes microseconds, far less than the
 * four thread-pool round trips of an async read. A bigger file goes through
 * the thread pool so it cannot stall the event loop. Refuses binary files and
 * files over {@link MAX_READ_BYTES}.
 */
export async function readTextFile(abs: string, path: string): Promise<string> {
  let buf: Buffer;
  try {
    const { size } = statSync(abs);
    if (size > MAX_READ_BYTES)
      throw new OompahError("file_too_large", `${path} is ${size} bytes; the limit is 16 MiB`, {
        hint: "read parts of it with run_command, e.g. `sed -n '1,200p' FILE` or `grep -n PATTERN FILE`",
        details: { path, bytes: size },
      });
    buf = size <= SYNC_READ_BYTES ? readFileSync(abs) : await readFile(abs);
  } catch (e) {
    throw fsError(e, path);
  }
  if (looksBinary(buf))
    throw new OompahError("binary_file", `${path} is a binary file`, {
      hint: "inspect it with run_command (e.g. `file` or `xxd | head`)",
      details: { path },
    });
  return buf.toString("utf8");
}
