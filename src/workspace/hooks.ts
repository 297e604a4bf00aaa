/**
 * Workspace hooks (SPEC §11.3): operator shell scripts run in the worktree
 * with the scrubbed child environment. Which failures matter is decided here,
 * once: `after_create` and `before_run` failures (including timeouts) throw
 * `hook_failed` and so fail the run; `after_run` and `before_remove` failures
 * come back as a report for the caller to log and are otherwise ignored.
 */
import { OompahError } from "../domain/errors.js";
import { textTail } from "./output-cap.js";
import { runShell, type ShellResult } from "./process.js";

export const HOOK_NAMES = ["after_create", "before_run", "after_run", "before_remove"] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** Hooks whose failure fails the run (the others are logged only). */
export const FATAL_HOOKS: ReadonlySet<HookName> = new Set<HookName>(["after_create", "before_run"]);

/** Effective hook settings of one project. */
export interface HookSettings {
  scripts: Record<HookName, string | null>;
  timeoutMs: number;
}

type HookMap = Partial<Record<HookName, string | null | undefined>> & { timeout_ms?: number };

/** Global `hooks.*` with the project's overrides applied per key (absent = global, null = none). */
export function resolveHooks(global: HookMap, project?: HookMap): HookSettings {
  const scripts = {} as Record<HookName, string | null>;
  for (const name of HOOK_NAMES) {
    const own = project?.[name];
    const script = own === undefined ? global[name] : own;
    scripts[name] = script?.trim() ? script : null;
  }
  return { scripts, timeoutMs: project?.timeout_ms ?? global.timeout_ms ?? 60_000 };
}

/** How to run a hook. */
export interface HookRunOptions {
  /** The worktree. */
  cwd: string;
  /** Child environment of §19.5 (build it with `childEnv` + {@link hookVariables}). */
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs: number;
  loginShell?: boolean;
  signal?: AbortSignal;
  /** SIGTERM → SIGKILL grace; default 5 s. */
  graceMs?: number;
}

/** What happened when a hook ran (or that it was not configured). */
export interface HookReport {
  name: HookName;
  /** False when no script is configured. */
  ran: boolean;
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** Captured output (≤ 64 KiB), for the run log. */
  output: string;
  durationMs: number;
  /** The `hook_failed` error when `ok` is false. */
  error: OompahError | null;
}

/** The extra variables hooks get on top of the child environment. */
export function hookVariables(v: { attempt: number; branch: string }): Record<string, string> {
  return { OOMPAH_ATTEMPT: String(v.attempt), OOMPAH_BRANCH: v.branch };
}

function failure(name: HookName, r: ShellResult, timeoutMs: number): OompahError {
  const why = r.timedOut
    ? `timed out after ${timeoutMs} ms`
    : r.aborted
      ? "was cancelled"
      : r.signal
        ? `was killed by ${r.signal}`
        : `exited with code ${r.exitCode ?? "?"}`;
  return new OompahError("hook_failed", `hook ${name} ${why}`, {
    hint: r.timedOut ? "raise hooks.timeout_ms or make the hook faster" : undefined,
    details: {
      hook: name,
      exit_code: r.exitCode,
      signal: r.signal,
      timed_out: r.timedOut,
      output_tail: textTail(r.output),
    },
  });
}

/**
 * Runs hook `name` with `script` (null/blank = not configured → ok). Throws
 * `hook_failed` when a fatal hook fails; returns the report otherwise.
 */
export async function runHook(
  name: HookName,
  script: string | null | undefined,
  opts: HookRunOptions,
): Promise<HookReport> {
  if (!script?.trim()) {
    return {
      name,
      ran: false,
      ok: true,
      exitCode: null,
      timedOut: false,
      output: "",
      durationMs: 0,
      error: null,
    };
  }
  const r = await runShell(script, {
    cwd: opts.cwd,
    env: opts.env,
    timeoutMs: opts.timeoutMs,
    loginShell: opts.loginShell ?? false,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.graceMs === undefined ? {} : { graceMs: opts.graceMs }),
  });
  const ok = r.exitCode === 0 && !r.timedOut && !r.aborted;
  const error = ok ? null : failure(name, r, opts.timeoutMs);
  if (error && FATAL_HOOKS.has(name)) throw error;
  return {
    name,
    ran: true,
    ok,
    exitCode: r.exitCode,
    timedOut: r.timedOut,
    output: r.output,
    durationMs: r.durationMs,
    error,
  };
}
