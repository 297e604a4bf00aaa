/**
 * Runs one shell command the way every hook (and later `run_command`) must
 * run (SPEC §11.3, §19.6): bash without profile files unless the operator
 * asked for a login shell, in its own process group, with a timeout, an
 * AbortSignal and a capped capture of stdout+stderr interleaved.
 *
 * Stopping is always group-wide: SIGTERM to the group, SIGKILL after the
 * grace period. When the shell itself exits, whatever it left behind in its
 * group is killed too — a hook's background job must not outlive the hook or
 * keep its output pipe (and so this promise) open.
 */
import { spawn } from "node:child_process";
import { OompahError } from "../domain/errors.js";
import { HeadTailBuffer } from "./output-cap.js";

/** Default output cap: 64 KiB, head and tail kept. */
export const DEFAULT_OUTPUT_CAP_BYTES = 64 * 1024;

/** Options of {@link runShell}. */
export interface ShellOptions {
  cwd: string;
  /** Complete environment of the child (see `childEnv`); nothing is inherited. */
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs: number;
  /** `bash -lc` instead of `bash --noprofile --norc -c` (`agent.login_shell`). */
  loginShell?: boolean;
  signal?: AbortSignal;
  /** Captured output cap; default 64 KiB. */
  maxOutputBytes?: number;
  /** Time between SIGTERM and SIGKILL; default 5 s. */
  graceMs?: number;
  /** Written to stdin, which is then closed; absent = stdin is /dev/null. */
  stdin?: string;
}

/** How the command ended. */
export interface ShellResult {
  /** Exit status, null when a signal ended it. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** stdout and stderr interleaved, capped (middle elided). */
  output: string;
  outputBytes: number;
  truncated: boolean;
  durationMs: number;
  pid: number | null;
}

/** The argv that runs `command` under bash (§11.3 shells). */
export function shellArgv(command: string, loginShell = false): [string, string[]] {
  return ["bash", loginShell ? ["-lc", command] : ["--noprofile", "--norc", "-c", command]];
}

function killGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Runs `command`; resolves with how it ended (rejects only when bash cannot be started). */
export function runShell(command: string, opts: ShellOptions): Promise<ShellResult> {
  const started = Date.now();
  const graceMs = opts.graceMs ?? 5_000;
  const capture = new HeadTailBuffer(opts.maxOutputBytes ?? DEFAULT_OUTPUT_CAP_BYTES);
  return new Promise<ShellResult>((resolve, reject) => {
    const result = (pid: number | null, code: number | null, sig: NodeJS.Signals | null) => ({
      exitCode: code,
      signal: sig,
      timedOut,
      aborted,
      output: capture.text(),
      outputBytes: capture.receivedBytes,
      truncated: capture.truncated,
      durationMs: Date.now() - started,
      pid,
    });
    let timedOut = false;
    let aborted = opts.signal?.aborted ?? false;
    if (aborted) {
      resolve(result(null, null, null));
      return;
    }
    const [file, args] = shellArgv(command, opts.loginShell);
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: [opts.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const timers: NodeJS.Timeout[] = [];
    let exit: { code: number | null; sig: NodeJS.Signals | null } | null = null;
    let settled = false;

    const terminate = (): void => {
      killGroup(child.pid, "SIGTERM");
      timers.push(setTimeout(() => killGroup(child.pid, "SIGKILL"), graceMs));
    };
    const onAbort = (): void => {
      aborted = true;
      terminate();
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener("abort", onAbort);
      resolve(result(child.pid ?? null, exit?.code ?? null, exit?.sig ?? null));
    };

    timers.push(
      setTimeout(() => {
        timedOut = true;
        terminate();
      }, opts.timeoutMs),
    );
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout?.on("data", (c: Buffer) => capture.push(c));
    child.stderr?.on("data", (c: Buffer) => capture.push(c));
    if (child.stdin) {
      child.stdin.on("error", () => undefined); // the child may exit without reading
      child.stdin.end(opts.stdin);
    }
    child.on("error", (e: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener("abort", onAbort);
      reject(
        new OompahError("spawn_failed", `could not start bash in ${opts.cwd}: ${e.message}`, {
          hint: "check that bash is installed and the working directory exists",
          cause: e,
        }),
      );
    });
    child.on("exit", (code, sig) => {
      exit = { code, sig };
      killGroup(child.pid, "SIGKILL"); // leftovers of the group
      // A descendant that left the group may still hold the pipes: stop waiting after the grace.
      timers.push(
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish();
        }, graceMs),
      );
    });
    child.on("close", finish);
  });
}
