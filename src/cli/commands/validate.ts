/** `oompah validate [WORKFLOW.md]`: parse, resolve, validate and test-render without starting anything. */
import type { Command } from "commander";
import { dirname } from "node:path";
import { validateWorkflow } from "../../config/load.js";
import { validateStateDocuments } from "../../documents/validate.js";
import { EXIT } from "../exit-codes.js";
import { printError, printJson, printWarnings } from "../output.js";
import type { CliContext } from "../main.js";

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command("validate [workflow]")
    .description("check a WORKFLOW.md (and .oompah/*.json) without starting the service")
    .option("--env-file <file>", "load environment variables from this file")
    .action(async (workflow: string | undefined, opts: { envFile?: string }, cmd: Command) => {
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      const workflowReport = await validateWorkflow({
        ...(workflow === undefined ? {} : { path: workflow }),
        ...(opts.envFile === undefined ? {} : { envFile: opts.envFile }),
        cwd: ctx.cwd,
        env: ctx.env,
      });
      const serviceDir = workflowReport.path === null ? ctx.cwd : dirname(workflowReport.path);
      const documentErrors = await validateStateDocuments(serviceDir);
      const report = {
        ...workflowReport,
        valid: workflowReport.valid && documentErrors.length === 0,
        errors: [...workflowReport.errors, ...documentErrors],
      };
      if (json) {
        printJson(ctx.output, { schema_version: 1, kind: "validation", ...report });
      } else {
        printWarnings(ctx.output, report.warnings);
        for (const e of report.errors) printError(ctx.output, e);
        if (report.valid)
          ctx.output.out(`ok: ${report.path ?? "built-in default workflow"} is valid`);
      }
      ctx.exitCode = report.valid ? EXIT.ok : EXIT.error;
    });
}
