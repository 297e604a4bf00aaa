/**
 * `run_command` (§10.2): bash in the worktree through `runShell` (new process
 * group, stdin closed, group kill on timeout/abort), with the session's
 * scrubbed environment (§19.5) plus the no-prompt git variables, output
 * elided to 64,000 characters, a best-effort `cd` guard and the in-process
 * `oompah task` interception.
 */
import { z } from "zod";
import { OompahError } from "../../../domain/errors.js";
import { runShell } from "../../../workspace/process.js";
import { cdOutsideWorktree } from "./command-guard.js";
import { defineTool, errorOutput, loadDescription } from "./define-tool.js";
import { interceptTaskCommand, type TaskCommandRunner } from "./task-command.js";
import { elideMiddle } from "./truncate.js";

/** Output cap of `run_command` in characters (§10.2). */
export const RUN_COMMAND_OUTPUT_CHARS = 64_000;

/** Options of {@link runCommandTool}. */
export interface RunCommandOptions {
  /** The scrubbed child environment of §19.5 (`SessionOptions.env`); nothing else is inherited. */
  env: Readonly<Record<string, string>>;
  /** `agent.command_timeout_ms`: default and upper bound of `timeout_s`. */
  commandTimeoutMs: number;
  /** `agent.login_shell`. */
  loginShell?: boolean;
  /** SIGTERM → SIGKILL grace (default 5 s). */
  graceMs?: number;
  /** The run's in-process `oompah task`; without it such lines run in bash like any other. */
  taskCommand?: TaskCommandRunner;
}

export const runCommandParameters = z.object({
  command: z.string().min(1).describe("Shell command line, run with bash in the worktree root"),
  timeout_s: z
    .number()
    .positive()
    .optional()
    .describe("Time limit in seconds (default and maximum: the configured command timeout)"),
});

/** The child environment: the session env with interactive git disabled. */
export function commandEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...env, GIT_TERMINAL_PROMPT: "0", GIT_EDITOR: "true" };
  delete out.GIT_ASKPASS;
  delete out.SSH_ASKPASS;
  return out;
}

export function runCommandTool(opts: RunCommandOptions) {
  return defineTool({
    name: "run_command",
    kind: "execute",
    description: loadDescription(new URL("./run-command.txt", import.meta.url)),
    parameters: runCommandParameters,
    // The command output is elided below; leave room for the status lines.
    maxOutputChars: RUN_COMMAND_OUTPUT_CHARS + 1_000,
    async execute(args, ctx) {
      const taskArgv = opts.taskCommand ? interceptTaskCommand(args.command) : null;
      if (taskArgv !== null && opts.taskCommand) {
        const r = await opts.taskCommand(taskArgv);
        return {
          ok: r.exitCode === 0,
          output: `${r.output}\n[exit code ${r.exitCode}]`,
          exit_code: r.exitCode,
        };
      }
      const outside = cdOutsideWorktree(args.command, ctx.worktree);
      if (outside !== null) {
        throw new OompahError(
          "path_outside_workspace",
          `the command changes directory to ${outside}, outside the worktree`,
          {
            hint: "stay inside the worktree: use relative paths such as `cd src && ls`",
            details: { target: outside },
          },
        );
      }
      const timeoutMs = Math.min(opts.commandTimeoutMs, (args.timeout_s ?? Infinity) * 1000);
      const r = await runShell(args.command, {
        cwd: ctx.worktree,
        env: commandEnv(opts.env),
        timeoutMs,
        signal: ctx.signal,
        loginShell: opts.loginShell ?? false,
        // Bytes, not chars: enough for 64,000 multi-byte characters; the rest is elided here.
        maxOutputBytes: RUN_COMMAND_OUTPUT_CHARS * 4,
        ...(opts.graceMs === undefined ? {} : { graceMs: opts.graceMs }),
      });
      const dropped = r.truncated ? Math.max(0, r.outputBytes - RUN_COMMAND_OUTPUT_CHARS * 4) : 0;
      const output = elideMiddle(r.output, RUN_COMMAND_OUTPUT_CHARS, dropped);
      if (r.timedOut) {
        const err = new OompahError(
          "command_timeout",
          `the command ran longer than ${timeoutMs / 1000} s and was killed`,
          {
            hint: "run long jobs with a shorter scope, or in the background with output to a file",
          },
        );
        return { ok: false, output: `${output}\n${errorOutput(err)}` };
      }
      if (r.aborted)
        return { ok: false, output: `${output}\nerror cancelled: the command was cancelled` };
      const code = r.exitCode ?? 128;
      const status =
        r.exitCode === null ? `killed by ${r.signal ?? "a signal"}` : `exit code ${code}`;
      return {
        ok: code === 0,
        output: `${output}${output.endsWith("\n") || output === "" ? "" : "\n"}[${status}]`,
        exit_code: code,
      };
    },
  });
}
