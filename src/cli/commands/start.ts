/**
 * `oompah start [WORKFLOW.md]`: runs the service until SIGINT/SIGTERM. The
 * first signal shuts down gracefully; a second one exits at once with 130
 * (SPEC §2).
 */
import { InvalidArgumentError, type Command } from "commander";
import { startService } from "../../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliContext } from "../main.js";

function parseIntOption(name: string) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw.trim())) throw new InvalidArgumentError(`${name} must be a whole number`);
    return Number(raw);
  };
}

interface StartOptions {
  port?: number;
  host?: string;
  paused?: boolean;
  envFile?: string;
  workers?: number;
}

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command("start [workflow]")
    .description("run the service (dashboard, API and orchestrator)")
    .option("--port <n>", "HTTP port (0 = any free port)", parseIntOption("--port"))
    .option("--host <host>", "bind address (non-loopback needs OOMPAH_API_TOKEN)")
    .option("--paused", "start with dispatch paused")
    .option("--env-file <file>", "load environment variables from this file")
    .option("--workers <n>", "compatibility option; must be 1", parseIntOption("--workers"))
    .action(async (workflow: string | undefined, opts: StartOptions, cmd: Command) => {
      const logLevel = cmd.optsWithGlobals<{ logLevel?: string }>().logLevel;
      const service = await startService({
        ...(workflow === undefined ? {} : { workflowPath: workflow }),
        ...(opts.envFile === undefined ? {} : { envFile: opts.envFile }),
        ...(logLevel === undefined ? {} : { logLevel }),
        cwd: ctx.cwd,
        env: ctx.env,
        cli: {
          ...(opts.port === undefined ? {} : { port: opts.port }),
          ...(opts.host === undefined ? {} : { host: opts.host }),
          ...(opts.workers === undefined ? {} : { workers: opts.workers }),
        },
        paused: Boolean(opts.paused),
      });
      if (service.httpPort !== null) {
        const host = service.reloader.current.config.server.host;
        ctx.output.err(
          `oompah is running: API at http://${host.includes(":") ? `[${host}]` : host}:${service.httpPort}/ (Ctrl-C to stop)`,
        );
      }
      await new Promise<void>((resolve) => {
        let signals = 0;
        const onSignal = (sig: NodeJS.Signals): void => {
          signals += 1;
          if (signals > 1) process.exit(130);
          service.logger.info({ component: "service", signal: sig }, "shutting down");
          service.stop().then(resolve, (e: unknown) => {
            service.logger.error({ component: "service", err: String(e) }, "shutdown failed");
            resolve();
          });
        };
        process.on("SIGINT", onSignal);
        process.on("SIGTERM", onSignal);
      });
      ctx.exitCode = EXIT.ok;
    });
}
