/**
 * `oompah demo [--port N] [--keep] [--no-open] [--pace MS]` (SPEC §18): runs the whole
 * pipeline on a throw-away sandbox with the mock agent until Ctrl-C. The
 * first SIGINT/SIGTERM stops the service and removes the sandbox (unless
 * `--keep`); a second one exits at once with 130. `--no-open` only
 * suppresses opening a browser — oompah never opens one, so it is accepted
 * for compatibility and changes nothing.
 */
import { InvalidArgumentError, type Command } from "commander";
import { startDemo } from "../../demo/index.js";
import { EXIT } from "../exit-codes.js";
import type { CliContext } from "../main.js";

interface DemoFlags {
  port?: number;
  keep?: boolean;
  open?: boolean;
  pace?: number;
}

function parsePace(raw: string): number {
  if (!/^\d+$/.test(raw.trim()))
    throw new InvalidArgumentError("--pace must be a whole number of milliseconds");
  return Number(raw);
}

function parsePort(raw: string): number {
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || n > 65_535)
    throw new InvalidArgumentError("--port must be a whole number from 0 to 65535");
  return n;
}

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command("demo")
    .description(
      "run a sandboxed demo: sample repo, seeded tasks, mock agent (no network, no API key)",
    )
    .option(
      "--port <n>",
      "HTTP port (default 8080; a busy port falls back to a free one)",
      parsePort,
    )
    .option("--keep", "keep the sandbox directory after exit")
    .option(
      "--pace <ms>",
      "pause between the demo agent's turns, to follow along (default 0)",
      parsePace,
    )
    .option(
      "--no-open",
      "do not open a browser (oompah never opens one; accepted for compatibility)",
    )
    .action(async (opts: DemoFlags, cmd: Command) => {
      const logLevel = cmd.optsWithGlobals<{ logLevel?: string }>().logLevel;
      const print = (line: string): void => ctx.output.out(line + "\n");
      const demo = await startDemo({
        ...(opts.port === undefined ? {} : { port: opts.port }),
        keep: Boolean(opts.keep),
        ...(opts.pace === undefined ? {} : { paceMs: opts.pace }),
        env: ctx.env,
        print,
        ...(logLevel === undefined ? {} : { logLevel }),
      });
      await new Promise<void>((resolve) => {
        let signals = 0;
        const onSignal = (): void => {
          signals += 1;
          if (signals > 1) process.exit(130);
          print("Stopping the demo…");
          demo.stop().then(
            ({ removed }) => {
              print(
                removed
                  ? `Removed the sandbox ${demo.paths.root}`
                  : `The sandbox is kept in ${demo.paths.root}`,
              );
              resolve();
            },
            (e: unknown) => {
              print(
                `The demo did not stop cleanly (${String(e)}); the sandbox is ${demo.paths.root}`,
              );
              resolve();
            },
          );
        };
        process.on("SIGINT", onSignal);
        process.on("SIGTERM", onSignal);
      });
      ctx.exitCode = EXIT.ok;
    });
}
