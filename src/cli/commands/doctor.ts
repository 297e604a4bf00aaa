/** `oompah doctor [--online]`: checks the machine and the configuration; exit 1 on any failure. */
import type { Command } from "commander";
import { loadWorkflow } from "../../config/load.js";
import { toOompahError } from "../../domain/errors.js";
import {
  checkDataDir,
  checkNode,
  checkOptionalPackages,
  checkPortFree,
  checkTools,
  checkToken,
  type CheckResult,
} from "../../doctor/checks.js";
import { checkProviders } from "../../doctor/provider-checks.js";
import { EXIT } from "../exit-codes.js";
import { printJson } from "../output.js";
import type { CliContext } from "../main.js";

const MARK = { ok: "ok  ", warn: "warn", fail: "FAIL" } as const;

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command("doctor [workflow]")
    .description("check tools, data directory, port, configuration and providers")
    .option("--online", "also make a live test call to every provider")
    .action(async (workflow: string | undefined, opts: { online?: boolean }, cmd: Command) => {
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      const results: CheckResult[] = [
        checkNode(),
        ...(await checkTools(ctx.env)),
        ...checkOptionalPackages(),
      ];
      try {
        const loaded = await loadWorkflow({
          ...(workflow === undefined ? {} : { path: workflow }),
          cwd: ctx.cwd,
          env: ctx.env,
        });
        results.push({
          name: "workflow",
          status: "ok",
          detail: loaded.path ?? "built-in default workflow",
        });
        results.push(...(await checkDataDir(loaded.config.data_dir)));
        results.push(await checkPortFree(loaded.config.server.host, loaded.config.server.port));
        results.push(checkToken(loaded));
        results.push(
          ...(await checkProviders({
            serviceDir: loaded.serviceDir,
            dataDir: loaded.config.data_dir,
            env: loaded.env,
            online: Boolean(opts.online),
          })),
        );
      } catch (e) {
        const err = toOompahError(e);
        results.push({
          name: "workflow",
          status: "fail",
          detail: `${err.code}: ${err.message}`,
          hint: err.hint ?? "run `oompah validate` for details",
        });
      }
      const failed = results.some((r) => r.status === "fail");
      if (json) {
        printJson(ctx.output, { schema_version: 1, kind: "doctor", ok: !failed, checks: results });
      } else {
        for (const r of results) {
          ctx.output.out(
            `${MARK[r.status]}  ${r.name.padEnd(32)} ${r.detail}${r.hint ? `\n      fix: ${r.hint}` : ""}`,
          );
        }
        ctx.output.out(failed ? "some checks failed" : "all required checks passed");
      }
      ctx.exitCode = failed ? EXIT.error : EXIT.ok;
    });
}
