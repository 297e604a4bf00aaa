/**
 * `oompah project add|list|show|remove` (SPEC §18): through the server API,
 * or `--offline` on projects.json directly. `add --wait` follows the clone
 * until it is ready (progress on stderr) and fails with the clone error.
 */
import { isAbsolute, join, resolve } from "node:path";
import { homedir } from "node:os";
import { Option, type Command } from "commander";
import { OompahError } from "../../domain/errors.js";
import { classifyRepoUrl } from "../../domain/project.js";
import type { ProjectCreateInput, ProjectView } from "../../projects/project-wire.js";
import { clientFromEnv } from "../api-client.js";
import type { CliContext } from "../main.js";
import { printJson } from "../output.js";
import { offlineBackend, serverBackend, type ProjectBackend } from "./project-backends.js";
import { projectDetails, projectTable } from "./project-format.js";

interface ModeOptions {
  server?: string;
  offline?: boolean;
}

interface AddOptions extends ModeOptions {
  name?: string;
  tracker?: string;
  scm?: "github" | "gitlab" | "local";
  branch?: string;
  wait?: boolean;
  timeout?: string;
}

function withMode(cmd: Command): Command {
  return cmd
    .option("--server <url>", "server URL (default OOMPAH_SERVER_URL, else http://127.0.0.1:8080)")
    .option("--offline", "edit .oompah/projects.json directly instead of calling the server");
}

/** A local path is resolved against the caller's directory before it reaches the server. */
function localized(url: string, cwd: string): string {
  if (classifyRepoUrl(url) !== "local") return url;
  if (url.startsWith("~")) return join(homedir(), url.slice(1));
  return isAbsolute(url) ? url : resolve(cwd, url);
}

async function waitUntilSettled(
  ctx: CliContext,
  backend: ProjectBackend,
  project: ProjectView,
  timeoutMs: number,
): Promise<ProjectView> {
  const started = Date.now();
  let current = project;
  let lastReport = 0;
  while (current.status === "cloning") {
    const elapsed = Date.now() - started;
    if (elapsed > timeoutMs)
      throw new OompahError(
        "timeout",
        `${project.name} is still cloning after ${Math.round(elapsed / 1000)} s`,
        {
          hint: `follow it with \`oompah project show ${project.name}\``,
        },
      );
    if (elapsed - lastReport >= 2000) {
      ctx.output.err(`cloning ${project.name}… ${Math.round(elapsed / 1000)} s`);
      lastReport = elapsed;
    }
    await new Promise((r) => setTimeout(r, 250));
    current = await backend.get(project.id);
  }
  if (current.status === "error")
    throw new OompahError(
      current.error?.code ?? "repo_clone_failed",
      current.error?.message ?? "clone failed",
      {
        ...(current.error?.hint ? { hint: current.error.hint } : {}),
      },
    );
  return current;
}

export function registerProject(program: Command, ctx: CliContext): void {
  const project = program.command("project").description("manage registered projects");
  const backendFor = (o: ModeOptions): Promise<ProjectBackend> =>
    o.offline
      ? offlineBackend({ cwd: ctx.cwd, env: ctx.env })
      : Promise.resolve(serverBackend(clientFromEnv(ctx.env, o.server)));
  const json = (cmd: Command): boolean => Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);

  withMode(
    project.command("add <repo_url>").description("register a project (its clone starts at once)"),
  )
    .option("--name <name>", "project name (default: derived from the URL)")
    .option("--tracker <kind>", "tracker kind (default: tracker.kind)")
    .addOption(
      new Option("--scm <kind>", "forge kind (default: detected)").choices([
        "github",
        "gitlab",
        "local",
      ]),
    )
    .option("--branch <branch>", "default branch (default: detected from origin/HEAD)")
    .option("--wait", "wait until the clone is ready (server mode)")
    .option("--timeout <seconds>", "how long --wait waits", "600")
    .action(async (repoUrl: string, o: AddOptions, cmd: Command) => {
      const backend = await backendFor(o);
      const input: ProjectCreateInput = {
        repo_url: localized(repoUrl, ctx.cwd),
        ...(o.name === undefined ? {} : { name: o.name }),
        ...(o.tracker === undefined ? {} : { tracker_kind: o.tracker }),
        ...(o.scm === undefined ? {} : { scm: o.scm }),
        ...(o.branch === undefined ? {} : { default_branch: o.branch }),
      };
      let view = await backend.add(input);
      if (o.wait && backend.mode === "server") {
        if (!json(cmd)) ctx.output.err(`registered ${view.name} (${view.id}); cloning…`);
        view = await waitUntilSettled(ctx, backend, view, Number(o.timeout ?? "600") * 1000);
      }
      if (json(cmd))
        return printJson(ctx.output, { schema_version: 1, kind: "project", project: view });
      ctx.output.out(
        backend.mode === "offline"
          ? `registered ${view.name} (${view.id}) in projects.json; the clone happens when the service (re)loads it`
          : `registered ${view.name} (${view.id}): ${view.status}`,
      );
    });

  withMode(project.command("list").description("list projects")).action(
    async (o: ModeOptions, cmd: Command) => {
      const projects = await (await backendFor(o)).list();
      if (json(cmd))
        return printJson(ctx.output, { schema_version: 1, kind: "project-list", projects });
      ctx.output.out(projectTable(projects));
    },
  );

  withMode(project.command("show <project>").description("show one project (id or name)")).action(
    async (idOrName: string, o: ModeOptions, cmd: Command) => {
      const view = await (await backendFor(o)).get(idOrName);
      if (json(cmd))
        return printJson(ctx.output, { schema_version: 1, kind: "project", project: view });
      ctx.output.out(projectDetails(view));
    },
  );

  withMode(project.command("remove <project>").description("unregister a project"))
    .option("--purge", "also delete its managed clone and worktrees")
    .action(async (idOrName: string, o: ModeOptions & { purge?: boolean }, cmd: Command) => {
      const removed = await (await backendFor(o)).remove(idOrName, o.purge ?? false);
      if (json(cmd))
        return printJson(ctx.output, { schema_version: 1, kind: "project-removed", ...removed });
      ctx.output.out(
        `removed ${removed.name} (${removed.id})${removed.purged ? "; clone and worktrees deleted" : ""}`,
      );
    });
}
