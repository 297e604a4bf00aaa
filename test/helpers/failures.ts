/**
 * Assertion helpers for the OompahError a call must fail with, and for
 * whether a process is still alive (zombies count as gone).
 */
import { readFileSync } from "node:fs";
import { isOompahError, type OompahError } from "../../src/domain/errors.js";

/** The OompahError `fn` throws; anything else (or no error) fails the test. */
export function thrownBy(fn: () => unknown): OompahError {
  try {
    fn();
  } catch (e) {
    if (isOompahError(e)) return e;
    throw e;
  }
  throw new Error("expected an OompahError");
}

/** The OompahError `p` (or the promise `p` returns) rejects with. */
export async function rejectionOf(p: Promise<unknown> | (() => unknown)): Promise<OompahError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    if (isOompahError(e)) return e;
    throw e;
  }
  throw new Error("expected an OompahError");
}

/** True while `pid` runs (a zombie waiting to be reaped has already ended). */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}
