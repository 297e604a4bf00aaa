/**
 * Turning a failed clone into the `repo_clone_failed` error a user can act
 * on. URLs are shown without any userinfo (a token pasted into an https URL
 * must never reach the API, the dashboard or a log).
 */
import { OompahError, toOompahError } from "../domain/errors.js";

/** `url` with any `user:password@` part replaced by `***@`. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, "$1***@");
}

/** Redacts URL credentials anywhere inside a message (git echoes URLs in its errors). */
export function redactUrlsIn(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@/\s'"]*@/gi, "$1***@");
}

/** The `repo_clone_failed` error for a clone of `url` that threw `cause`. */
export function cloneFailure(url: string, cause: unknown): OompahError {
  const err = toOompahError(cause, "git_failed");
  const stderr = typeof err.details?.stderr_tail === "string" ? err.details.stderr_tail : "";
  const reason =
    stderr
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "")
      .find((l) => /^(fatal|error|remote):/i.test(l)) ?? err.message;
  const hint =
    err.code === "auth_failed"
      ? "the remote refused the credentials: set access_token_env (https) or load an SSH key, then sync the project"
      : err.code === "git_timeout"
        ? "the clone took too long; check the network and sync the project to retry"
        : "check that repo_url is correct and reachable from this machine, then sync the project (POST …/sync) to retry";
  return new OompahError(
    "repo_clone_failed",
    redactUrlsIn(`git clone of ${redactUrl(url)} failed: ${reason}`),
    { hint, details: { code: err.code }, cause: err },
  );
}

/** A clone error as kept in `project_runtime.clone_error`. */
export interface StoredCloneError {
  code: string;
  message: string;
  hint?: string;
}

export function encodeCloneError(err: OompahError): string {
  return JSON.stringify({
    code: err.code,
    message: err.message,
    ...(err.hint ? { hint: err.hint } : {}),
  });
}

/** Reads the column back; plain text (or anything unexpected) becomes a `repo_clone_failed` message. */
export function decodeCloneError(text: string | null): StoredCloneError | null {
  if (text === null || text === "") return null;
  try {
    const v = JSON.parse(text) as Partial<StoredCloneError> | null;
    if (v && typeof v.code === "string" && typeof v.message === "string")
      return {
        code: v.code,
        message: v.message,
        ...(typeof v.hint === "string" ? { hint: v.hint } : {}),
      };
  } catch {
    // not JSON: a message written by hand or by an older version
  }
  return { code: "repo_clone_failed", message: text };
}
