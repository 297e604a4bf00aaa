/** `oompah init [WORKFLOW.md]`: writes the built-in default workflow as a commented file. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { writeDefaultWorkflow } from "../../config/default-workflow.js";
import type { CliContext } from "../main.js";

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command("init [workflow]")
    .description("write the default WORKFLOW.md, with every setting commented, to edit")
    .option("--force", "overwrite an existing file")
    .action(async (workflow: string | undefined, opts: { force?: boolean }) => {
      const path = resolve(ctx.cwd, workflow ?? "WORKFLOW.md");
      await writeDefaultWorkflow(path, { force: Boolean(opts.force) });
      ctx.output.out(`wrote ${path}`);
      ctx.output.out("next: edit it, then run `oompah validate` and `oompah start`");
    });
}
