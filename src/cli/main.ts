/**
 * The `oompah` command line. Each command lives in commands/<name>.ts and
 * registers itself on the program; this file only wires them and turns any
 * failure into the SPEC §18 error format and exit code.
 */
import { Command, CommanderError } from "commander";
import { OompahError, toOompahError } from "../domain/errors.js";
import { VERSION } from "../version.js";
import { EXIT, exitCodeFor } from "./exit-codes.js";
import { processOutput, printError, type Output } from "./output.js";
import { registerDemo } from "./commands/demo.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerInit } from "./commands/init.js";
import { registerProject } from "./commands/project.js";
import { registerRoute } from "./commands/route.js";
import { registerStart } from "./commands/start.js";
import { registerTask } from "./commands/task.js";
import { registerValidate } from "./commands/validate.js";

/** What a command handler receives besides its own options. */
export interface CliContext {
  output: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Set by a handler that finished with a non-zero status without throwing. */
  exitCode: number;
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command("oompah")
    .description("Turns issue-tracker work into merged code.")
    .version(VERSION, "-V, --version")
    .option("--json", "machine-readable output")
    .option("--log-level <level>", "log level (trace|debug|info|warn|error|fatal|silent)")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.output.out(s),
      writeErr: (s) => ctx.output.err(s),
    });
  registerStart(program, ctx);
  registerValidate(program, ctx);
  registerInit(program, ctx);
  registerDoctor(program, ctx);
  registerRoute(program, ctx);
  registerTask(program, ctx);
  registerProject(program, ctx);
  registerDemo(program, ctx);
  return program;
}

export async function main(
  argv: string[],
  opts: { output?: Output; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<number> {
  const ctx: CliContext = {
    output: opts.output ?? processOutput,
    env: opts.env ?? process.env,
    cwd: opts.cwd ?? process.cwd(),
    exitCode: EXIT.ok,
  };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return EXIT.ok;
      if (e.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    const err = e instanceof OompahError ? e : toOompahError(e);
    printError(ctx.output, err);
    return exitCodeFor(err.code);
  }
}
