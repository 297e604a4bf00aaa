/**
 * The built-in tool catalogue of §10.2 (everything but the loop's control
 * tools `finish` and `ask_question`, which the api backend adds itself).
 * Built per session: `run_command` needs the session's scrubbed env and the
 * run's `oompah task` runner; `attach_image` is offered only when allowed.
 */
import type { AgentTool } from "../../backend.js";
import { attachImageTool, type AttachImage } from "./attach-image.js";
import { editFileTool } from "./edit-file.js";
import { listFilesTool } from "./list-files.js";
import { readFileTool } from "./read-file.js";
import { runCommandTool } from "./run-command.js";
import { searchFilesTool } from "./search-files.js";
import type { TaskCommandRunner } from "./task-command.js";
import { writeFileTool } from "./write-file.js";

export { defineTool, errorOutput, toolJsonSchema } from "./define-tool.js";
export { issueServicePort, type RunIssuePort } from "./task-port.js";
export { scopedTaskRunner, type TaskCommandRunner } from "./task-command.js";
export type { RunScope } from "../../../issues/run-scope.js";
export type { AttachImage } from "./attach-image.js";

/** Inputs of {@link buildToolSet}. */
export interface ToolSetOptions {
  /** The scrubbed child environment of §19.5 (`SessionOptions.env`). */
  env: Readonly<Record<string, string>>;
  /** `agent.command_timeout_ms`. */
  commandTimeoutMs: number;
  /** `agent.login_shell`. */
  loginShell?: boolean;
  /** The run's in-process `oompah task` (see `scopedTaskRunner`); absent in console sessions. */
  taskCommand?: TaskCommandRunner;
  /** Present only when the focus has `allow_image_output` and the model the `image` capability (§14.5). */
  attachImage?: AttachImage;
  /** `search_files` worker timeout; default 15 s. */
  searchTimeoutMs?: number;
}

/** The tools offered to an agent, in catalogue order. */
export function buildToolSet(opts: ToolSetOptions): AgentTool[] {
  const tools: AgentTool[] = [
    readFileTool,
    writeFileTool,
    editFileTool,
    listFilesTool,
    searchFilesTool(opts.searchTimeoutMs === undefined ? {} : { timeoutMs: opts.searchTimeoutMs }),
    runCommandTool({
      env: opts.env,
      commandTimeoutMs: opts.commandTimeoutMs,
      ...(opts.loginShell === undefined ? {} : { loginShell: opts.loginShell }),
      ...(opts.taskCommand === undefined ? {} : { taskCommand: opts.taskCommand }),
    }),
  ];
  if (opts.attachImage) tools.push(attachImageTool({ attach: opts.attachImage }));
  return tools;
}
