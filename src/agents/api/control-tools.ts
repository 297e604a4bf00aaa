/**
 * The two control tools of the api loop (SPEC §10.2): `finish` ends the
 * session with a summary, `ask_question` ends it with a question for a human.
 * They do not touch the worktree; the loop asks {@link decideControl} what a
 * call means and ends the session itself. Questions that only seek permission
 * to go on are refused with a tool error, because nobody is there to answer:
 * the agent must proceed on its own (§22 item 116).
 */
import { z } from "zod";
import { isPermissionSeeking } from "../../domain/permission-seeking.js";
import type { AgentTool, ToolOutcome } from "../backend.js";

const FinishArgs = z.object({
  summary: z.string().min(1).describe("What was done, for the issue comment and the reviewer"),
  no_changes_needed: z
    .boolean()
    .optional()
    .describe("True when the task needs no code change (nothing to commit)"),
});

const AskArgs = z.object({
  question: z.string().min(1).describe("A question only a human can answer"),
});

/** What a control-tool call means for the session. */
export type ControlDecision =
  | { kind: "finish"; summary: string; no_changes_needed: boolean }
  | { kind: "question"; question: string }
  /** A tool error returned to the model; the session continues. */
  | { kind: "rejected"; output: string };

export const CONTROL_TOOL_NAMES: ReadonlySet<string> = new Set(["finish", "ask_question"]);

function invalid(name: string, error: z.ZodError): ControlDecision {
  const issues = error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  return {
    kind: "rejected",
    output: `invalid_tool_arguments: ${name} ${issues.join("; ")}`,
  };
}

/** Interprets a call of `finish` or `ask_question`; null for any other tool. */
export function decideControl(name: string, args: unknown): ControlDecision | null {
  if (name === "finish") {
    const r = FinishArgs.safeParse(args);
    if (!r.success) return invalid(name, r.error);
    return {
      kind: "finish",
      summary: r.data.summary,
      no_changes_needed: r.data.no_changes_needed ?? false,
    };
  }
  if (name === "ask_question") {
    const r = AskArgs.safeParse(args);
    if (!r.success) return invalid(name, r.error);
    if (isPermissionSeeking(r.data.question))
      return {
        kind: "rejected",
        output:
          "permission_seeking_question: nobody will answer a request for permission. " +
          "Proceed autonomously with the best course of action and call finish when done; " +
          "use ask_question only for information only a human can give.",
      };
    return { kind: "question", question: r.data.question };
  }
  return null;
}

function outcomeOf(d: ControlDecision): ToolOutcome {
  return d.kind === "rejected" ? { ok: false, output: d.output } : { ok: true, output: "ok" };
}

function controlTool(name: string, description: string, schema: z.ZodObject): AgentTool {
  return {
    name,
    description,
    kind: "other",
    parameters: z.toJSONSchema(schema),
    execute: (args) => {
      const d = decideControl(name, args);
      return Promise.resolve(d ? outcomeOf(d) : { ok: false, output: `unknown_tool: ${name}` });
    },
  };
}

/** The control tools as offered to the model. */
export const CONTROL_TOOLS: readonly AgentTool[] = [
  controlTool(
    "finish",
    "Call when the task is complete (or needs no change). Ends the session; oompah commits and delivers your changes.",
    FinishArgs,
  ),
  controlTool(
    "ask_question",
    "Ask a human a question you cannot resolve yourself (missing information, contradictory requirements). Ends the session until answered. Never ask for permission to proceed.",
    AskArgs,
  ),
];
