/**
 * The one wrapper around the git CLI. Every git invocation in oompah goes
 * through `git()`: an argument array (never a shell string), an explicit
 * environment, a timeout that kills the whole process group, an output cap,
 * and failures turned into typed `OompahError`s (see `git-errors.ts`).
 *
 * The environment is always given by the caller (the project identity lives in
 * GIT_AUTHOR_* / GIT_COMMITTER_*); we only force non-interactive, English
 * output so that stderr can be classified reliably.
 */
import { spawn } from "node:child_process";
import { OompahError } from "../domain/errors.js";
import { classifyGitFailure } from "./git-errors.js";

/** Options for one git invocation. */
export interface GitRunOptions {
  /** Working directory (the repository or the directory a clone goes into). */
  cwd: string;
  /** Complete child environment; nothing is inherited implicitly. */
  env: NodeJS.ProcessEnv;
  /** Aborts the command (the process group is killed). */
  signal?: AbortSignal;
  /** Kill the command after this long; default 120 s. */
  timeoutMs?: number;
  /** Cap for captured stdout and stderr, each; default 32 MiB. */
  maxOutputBytes?: number;
  /** Exit codes other than 0 that count as success (e.g. `diff --quiet` → 1). */
  okExitCodes?: readonly number[];
}

/** Captured result of a successful invocation. */
export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_OUTPUT = 32 * 1024 * 1024;

/** Runs `git <args>` and resolves with its output, or rejects with a typed OompahError. */
export function git(args: readonly string[], opts: GitRunOptions): Promise<GitResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutput = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const env: NodeJS.ProcessEnv = {
    ...opts.env,
    GIT_TERMINAL_PROMPT: "0",
    LC_ALL: "C",
    LANGUAGE: "C",
  };
  return new Promise<GitResult>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(abortError(args, opts.signal));
      return;
    }
    const child = spawn("git", [...args], {
      cwd: opts.cwd,
      env,
      detached: true, // own process group, so a kill reaches hooks and helpers too
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let failure: OompahError | null = null;
    let settled = false;

    const killGroup = (why: OompahError): void => {
      failure ??= why;
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const timer = setTimeout(() => {
      killGroup(
        new OompahError("git_timeout", `git ${args[0] ?? ""} timed out after ${timeoutMs} ms`, {
          details: { args: [...args], timeout_ms: timeoutMs },
        }),
      );
    }, timeoutMs);
    const onAbort = (): void => killGroup(abortError(args, opts.signal));
    opts.signal?.addEventListener("abort", onAbort, { once: true });

    const cleanup = (): void => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
    };
    const overLimit = (): OompahError =>
      new OompahError("git_failed", `git ${args[0] ?? ""} produced more than ${maxOutput} bytes`, {
        details: { args: [...args], exit_code: null, stderr_tail: "", reason: "output_limit" },
      });

    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOutput) killGroup(overLimit());
      else out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      errBytes += chunk.length;
      err.push(chunk);
      // Keep only the recent part of stderr; the tail is what explains a failure.
      while (errBytes > maxOutput && err.length > 1) errBytes -= err.shift()?.length ?? 0;
    });
    child.on("error", (e: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(
        e.code === "ENOENT"
          ? new OompahError("git_not_found", "git executable not found on PATH", {
              hint: "install git ≥ 2.38 and make sure it is on PATH",
              cause: e,
            })
          : new OompahError("git_failed", `could not run git: ${e.message}`, {
              details: { args: [...args], exit_code: null, stderr_tail: "" },
              cause: e,
            }),
      );
    });
    child.on("close", (code) => {
      if (settled) return;
      settled = true;
      cleanup();
      const stdout = Buffer.concat(out).toString("utf8");
      const stderr = Buffer.concat(err).toString("utf8");
      if (failure) {
        reject(failure);
        return;
      }
      const exitCode = code ?? -1;
      if (exitCode === 0 || (opts.okExitCodes ?? []).includes(exitCode)) {
        resolve({ stdout, stderr, exitCode });
        return;
      }
      reject(classifyGitFailure(args, exitCode, stderr, stdout));
    });
  });
}

function abortError(args: readonly string[], signal: AbortSignal | undefined): OompahError {
  return new OompahError("aborted", `git ${args[0] ?? ""} was aborted`, {
    details: { args: [...args] },
    cause: signal?.reason,
  });
}

/** Environment entries that make commits carry a given identity. */
export function identityEnv(identity: { name: string; email: string }): NodeJS.ProcessEnv {
  return {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
}
