/**
 * The in-process `oompah task` of `run_command` (§10.2, §19.3): a command
 * line whose first words are `oompah task` never reaches bash; it is parsed
 * here with the same subcommands and options as the CLI and executed against
 * the issue service with the run's scope, so an agent cannot act on other
 * issues whatever its environment holds. `ask` and `finish` hand the run's
 * own signal to its session (§7.6), as `POST /api/v1/runs/{id}/…` does.
 */
import { Argument, Command, CommanderError } from "commander";
import { OompahError, toOompahError } from "../../../domain/errors.js";
import { exitCodeFor } from "../../../cli/exit-codes.js";
import {
  commentJson,
  signalJson,
  signalText,
  taskDetailText,
  taskJson,
  taskText,
} from "../../../cli/task/render.js";
import {
  checkProject,
  childParent,
  ownIssue,
  settableStatus,
  type RunScope,
} from "../../../issues/run-scope.js";
import { simpleCommands, tokenize } from "./shell-words.js";
import type { RunIssuePort } from "./task-port.js";

/** How an intercepted command ended. */
export interface TaskCommandResult {
  exitCode: number;
  output: string;
}

/** Runs the words after `oompah task`, already bound to one run's scope. */
export type TaskCommandRunner = (argv: readonly string[]) => Promise<TaskCommandResult>;

/**
 * The words after `oompah task` when `command` starts with them; null for any
 * other command. A line that chains more commands is refused: it would run
 * partly in-process and partly in bash.
 */
export function interceptTaskCommand(command: string): string[] | null {
  const tokens = tokenize(command.trim());
  const [first, second] = tokens;
  if (
    first?.type !== "word" ||
    first.value !== "oompah" ||
    second?.type !== "word" ||
    second.value !== "task"
  ) {
    return null;
  }
  const commands = simpleCommands(tokens);
  if (commands.length !== 1 || tokens.some((t) => t.type === "op")) {
    throw new OompahError("invalid_tool_arguments", "run `oompah task …` as a command of its own", {
      hint: "no pipes, redirections, `;` or `&&` around oompah task; call run_command again for the rest",
    });
  }
  return tokens.slice(2).map((t) => (t.type === "word" ? t.value : t.value));
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

type Emit = (json: unknown, text: string) => void;

function program(
  scope: RunScope,
  port: RunIssuePort,
  emit: Emit,
  write: (s: string) => void,
): Command {
  const task = new Command("task")
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: write })
    .option("--json", "machine-readable output");
  const p = scope.projectId;
  task
    .command("view <id>")
    .option("--project <p>")
    .action(async (id: string, o: { project?: string }) => {
      const d = await port.detail(p, ownIssue(scope, id, o.project));
      emit(taskJson(d.issue, { comments: d.comments, runs: d.runs }), taskDetailText(d));
    });
  task
    .command("comment <id>")
    .requiredOption("-m, --message <text>")
    .option("--project <p>")
    .action(async (id: string, o: { message: string; project?: string }) => {
      const c = await port.comment(p, ownIssue(scope, id, o.project), o.message);
      emit(commentJson(id, c), `commented on ${id} as ${c.author}`);
    });
  task
    .command("set-status <id> <status>")
    .option("--comment <text>")
    .option("--project <p>")
    .action(async (id: string, status: string, o: { comment?: string; project?: string }) => {
      const issueId = ownIssue(scope, id, o.project);
      const issue = await port.setStatus(p, issueId, settableStatus(status), o.comment);
      emit(taskJson(issue), `${issue.identifier}: ${issue.state}`);
    });
  task
    .command("label")
    .argument("<id>")
    .addArgument(new Argument("<op>").choices(["add", "remove"]))
    .argument("<label>")
    .option("--project <p>")
    .action(async (id: string, op: "add" | "remove", label: string, o: { project?: string }) => {
      const issue = await port.label(p, ownIssue(scope, id, o.project), op, label);
      emit(taskJson(issue), taskText(issue));
    });
  task
    .command("create")
    .requiredOption("--title <title>")
    .option("--description <text>")
    .option("--type <type>")
    .option("--priority <n>")
    .option("--label <label>", "", collect, [])
    .option("--parent <id>")
    .option("--blocked-by <id>", "", collect, [])
    .option("--status <status>")
    .option("--project <p>")
    .action(async (o: Record<string, string | string[] | undefined>) => {
      const str = (k: string): string | undefined => (typeof o[k] === "string" ? o[k] : undefined);
      const list = (k: string): string[] => (Array.isArray(o[k]) ? o[k] : []);
      checkProject(scope, str("project"));
      const issue = await port.create({
        project_id: p,
        title: str("title") ?? "",
        parent: childParent(scope, str("parent")),
        ...(str("description") === undefined ? {} : { description: str("description") }),
        ...(str("type") === undefined ? {} : { type: str("type") }),
        ...(str("priority") === undefined ? {} : { priority: str("priority") }),
        ...(list("label").length === 0 ? {} : { labels: list("label") }),
        ...(list("blockedBy").length === 0 ? {} : { blocked_by: list("blockedBy") }),
        ...(str("status") === undefined ? {} : { status: str("status") }),
      });
      emit(taskJson(issue), issue.id);
    });
  task.command("ask <id> <question>").action(async (id: string, question: string) => {
    ownIssue(scope, id);
    await port.signal(scope.runId, { kind: "question", question });
    emit(signalJson(scope.runId, "question"), signalText(scope.runId, "question"));
  });
  task
    .command("finish <id>")
    .requiredOption("--summary <text>")
    .option("--no-changes")
    .action(async (id: string, o: { summary: string; changes: boolean }) => {
      ownIssue(scope, id);
      await port.signal(scope.runId, {
        kind: "finish",
        summary: o.summary,
        no_changes_needed: !o.changes,
      });
      emit(signalJson(scope.runId, "finish"), signalText(scope.runId, "finish"));
    });
  task.command("list").action(() => {
    throw new OompahError("forbidden", "a run may not list other issues", {
      hint: `use oompah task view ${scope.identifier}`,
    });
  });
  return task;
}

/** The runner for one run: scope-checked commands against `port`. */
export function scopedTaskRunner(scope: RunScope, port: RunIssuePort): TaskCommandRunner {
  return async (argv) => {
    const out: string[] = [];
    const write = (s: string): void => void out.push(s.endsWith("\n") ? s : `${s}\n`);
    let json = false;
    const emit: Emit = (value, text) => write(json ? JSON.stringify(value, null, 2) : text);
    const cmd = program(scope, port, emit, write);
    cmd.hook("preAction", (_this, action) => {
      json = action.optsWithGlobals<{ json?: boolean }>().json === true;
    });
    try {
      await cmd.parseAsync([...argv], { from: "user" });
      return { exitCode: 0, output: out.join("") };
    } catch (e) {
      if (e instanceof CommanderError) {
        const ok = e.code === "commander.helpDisplayed" || e.code === "commander.help";
        return { exitCode: ok ? 0 : 2, output: out.join("") };
      }
      const err = e instanceof OompahError ? e : toOompahError(e);
      write(`error ${err.code}: ${err.message}${err.hint ? `\nhint: ${err.hint}` : ""}`);
      return { exitCode: exitCodeFor(err.code), output: out.join("") };
    }
  };
}
