/**
 * Filesystem failures as tool errors the model can act on: a missing file
 * names the path and points at `list_files`, instead of leaking an errno.
 */
import { OompahError } from "../../../domain/errors.js";

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
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}
