/**
 * `oompah task list|view|create|comment|set-status|label|ask|finish` (SPEC
 * §18). The mode flags sit on `task` itself; `task/mode.ts` decides between
 * the server API and direct mode, `task/signal.ts` sends an agent's signals,
 * and the rest is argument plumbing and output.
 */
import { Argument, type Command } from "commander";
import { ApiClient } from "../api-client.js";
import type { CliContext } from "../main.js";
import { printJson } from "../output.js";
import type { TaskBackend } from "../task/backend.js";
import { DirectTaskBackend } from "../task/direct-backend.js";
import { HttpTaskBackend } from "../task/http-backend.js";
import { resolveTaskMode, type TaskModeFlags } from "../task/mode.js";
import { sendSignal } from "../task/signal.js";
import {
  commentJson,
  signalJson,
  signalText,
  taskDetailText,
  taskJson,
  taskListJson,
  taskListText,
  taskText,
} from "../task/render.js";

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface ProjectOpt {
  project?: string;
}

async function openBackend(ctx: CliContext, flags: TaskModeFlags): Promise<TaskBackend> {
  const mode = resolveTaskMode(flags, ctx.env, ctx.cwd);
  if (mode.kind === "direct")
    return DirectTaskBackend.open({ repoPath: mode.repoPath, sync: mode.sync, env: ctx.env });
  return new HttpTaskBackend(new ApiClient({ server: mode.server, token: mode.token }));
}

type Printed = { json: unknown; text: string };
type Flags = TaskModeFlags & { json?: boolean };

/** Runs `run` with the mode flags of `cmd` and prints its result as JSON or text. */
function printing<A extends unknown[]>(
  ctx: CliContext,
  run: (flags: Flags, ...args: A) => Promise<Printed>,
) {
  return async (...args: [...A, Command]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const flags = cmd.optsWithGlobals<Flags>();
    const out = await run(flags, ...(args.slice(0, -1) as A));
    if (flags.json === true) printJson(ctx.output, out.json);
    else ctx.output.out(out.text);
  };
}

/** Runs `fn` on the backend chosen for `cmd` and prints its result. */
function action<A extends unknown[]>(
  ctx: CliContext,
  run: (backend: TaskBackend, ...args: A) => Promise<Printed>,
) {
  return printing(ctx, async (flags, ...args: A) => {
    const backend = await openBackend(ctx, flags);
    try {
      return await run(backend, ...args);
    } finally {
      await backend.close();
    }
  });
}

export function registerTask(program: Command, ctx: CliContext): void {
  const task = program
    .command("task")
    .description("list, view, create and update tracker tasks")
    .option("--server <url>", "use this oompah server (http(s)://… or unix:<socket>)")
    .option("--direct", "use the working copy's .oompah/tasks without a server")
    .option("--sync", "direct mode: commit and push task changes");

  task
    .command("list")
    .description("list tasks (default: non-terminal statuses)")
    .option("--project <p>", "project id or name")
    .option("--status <status>", "only this status (repeatable)", collect, [])
    .option("--label <label>", "only tasks with this label")
    .option("--all", "include Done, Merged and Archived")
    .action(
      action(
        ctx,
        async (b, o: ProjectOpt & { status: string[]; label?: string; all?: boolean }) => {
          const board = await b.list({
            project: o.project,
            statuses: o.status.length > 0 ? o.status : undefined,
            label: o.label,
            all: o.all === true,
          });
          return { json: taskListJson(board), text: taskListText(board) };
        },
      ),
    );

  task
    .command("view <id>")
    .description("show a task with its comments")
    .option("--project <p>", "project id or name")
    .action(
      action(ctx, async (b, id: string, o: ProjectOpt) => {
        const d = await b.view({ id, project: o.project });
        return {
          json: taskJson(d.issue, { comments: d.comments, runs: d.runs }),
          text: taskDetailText(d),
        };
      }),
    );

  task
    .command("create")
    .description("create a task and print its id")
    .requiredOption("--title <title>", "title")
    .option("--description <text>", "description (Markdown)")
    .option("--type <type>", "bug | feature | task | epic | chore")
    .option("--priority <n>", "0-4, p0-p4 or a word such as high")
    .option("--label <label>", "label (repeatable)", collect, [])
    .option("--parent <id>", "parent task")
    .option("--blocked-by <id>", "blocking task (repeatable)", collect, [])
    .option("--status <status>", "initial status (default Backlog)")
    .option("--project <p>", "project id or name (default: the only project)")
    .action(
      action(
        ctx,
        async (
          b,
          o: ProjectOpt & {
            title: string;
            description?: string;
            type?: string;
            priority?: string;
            label: string[];
            parent?: string;
            blockedBy: string[];
            status?: string;
          },
        ) => {
          const issue = await b.create({
            title: o.title,
            ...(o.project === undefined ? {} : { project_id: o.project }),
            ...(o.description === undefined ? {} : { description: o.description }),
            ...(o.type === undefined ? {} : { type: o.type }),
            ...(o.priority === undefined ? {} : { priority: o.priority }),
            ...(o.label.length === 0 ? {} : { labels: o.label }),
            ...(o.parent === undefined ? {} : { parent: o.parent }),
            ...(o.blockedBy.length === 0 ? {} : { blocked_by: o.blockedBy }),
            ...(o.status === undefined ? {} : { status: o.status }),
          });
          return { json: taskJson(issue), text: issue.id };
        },
      ),
    );

  task
    .command("comment <id>")
    .description("add a comment")
    .requiredOption("-m, --message <text>", "comment text")
    .option("--project <p>", "project id or name")
    .action(
      action(ctx, async (b, id: string, o: ProjectOpt & { message: string }) => {
        const comment = await b.comment({ id, project: o.project }, o.message);
        return { json: commentJson(id, comment), text: `commented on ${id} as ${comment.author}` };
      }),
    );

  task
    .command("set-status <id> <status>")
    .description("change a task's status (aliases allowed)")
    .option("--comment <text>", "also add this comment")
    .option("--project <p>", "project id or name")
    .action(
      action(ctx, async (b, id: string, status: string, o: ProjectOpt & { comment?: string }) => {
        const issue = await b.setStatus({ id, project: o.project }, status, o.comment);
        return { json: taskJson(issue), text: `${issue.identifier}: ${issue.state}` };
      }),
    );

  task
    .command("label")
    .description("add or remove a label")
    .argument("<id>", "task id")
    .addArgument(new Argument("<op>", "add or remove").choices(["add", "remove"]))
    .argument("<label>", "label")
    .option("--project <p>", "project id or name")
    .action(
      action(ctx, async (b, id: string, op: "add" | "remove", label: string, o: ProjectOpt) => {
        const issue = await b.label({ id, project: o.project }, op, label);
        return { json: taskJson(issue), text: taskText(issue) };
      }),
    );

  task
    .command("ask <id> <question>")
    .description("agents: end the run with a question for a human (task moves to Needs Answer)")
    .action(
      printing(ctx, async (flags, id: string, question: string) => {
        const runId = await sendSignal(flags, ctx.env, ctx.cwd, id, "question", { question });
        return { json: signalJson(runId, "question"), text: signalText(runId, "question") };
      }),
    );

  task
    .command("finish <id>")
    .description("agents: end the run as finished; oompah commits and delivers the work")
    .requiredOption("--summary <text>", "what was done (completion comment and commit body)")
    .option("--no-changes", "the task needs no change (outcome no_changes)")
    .action(
      printing(ctx, async (flags, id: string, o: { summary: string; changes: boolean }) => {
        const runId = await sendSignal(flags, ctx.env, ctx.cwd, id, "finish", {
          summary: o.summary,
          no_changes_needed: !o.changes,
        });
        return { json: signalJson(runId, "finish"), text: signalText(runId, "finish") };
      }),
    );
}
