/**
 * Executes one model tool call for the api loop (SPEC §10.2, §10.3) and says
 * what to tell the model. Nothing a model sends can crash the session:
 * malformed JSON arguments (`invalid_tool_arguments`), an unknown tool or a
 * shell command used as a tool name (`unknown_tool`, pointing at
 * `run_command`) and a tool that throws all become tool errors the model
 * reads and can recover from. `finish` / `ask_question` are interpreted by
 * `control-tools.ts`; their effect on the session is the loop's business.
 */
import { isOompahError } from "../../domain/errors.js";
import { toolKindOf } from "../../domain/tool-kind.js";
import type { AgentTool, ToolContext, ToolOutcome } from "../backend.js";
import type { ToolCallEvent, ToolResultEvent } from "../events.js";
import { decideControl, type ControlDecision } from "./control-tools.js";
import type { AssembledToolCall } from "./stream.js";

export interface ExecutedCall {
  result: ToolResultEvent;
  /** Set for `finish` / `ask_question` calls that end the session. */
  control: Extract<ControlDecision, { kind: "finish" | "question" }> | null;
}

type Parsed = { ok: true; args: unknown } | { ok: false; raw: string; error: string };

/** Arguments as JSON; an empty string means no arguments (some servers send it). */
export function parseArguments(raw: string): Parsed {
  if (raw.trim() === "") return { ok: true, args: {} };
  try {
    const args: unknown = JSON.parse(raw);
    if (args && typeof args === "object" && !Array.isArray(args)) return { ok: true, args };
    return { ok: false, raw, error: "arguments must be a JSON object" };
  } catch (e) {
    return { ok: false, raw, error: e instanceof Error ? e.message : String(e) };
  }
}

function unknownTool(name: string, tools: readonly AgentTool[]): string {
  const names = tools.map((t) => t.name).join(", ");
  const shell = tools.some((t) => t.name === "run_command")
    ? ` To run a shell command such as \`${name}\`, call run_command with {"command": "${name} ..."}.`
    : "";
  return `unknown_tool: there is no tool named \`${name}\`. Available tools: ${names}.${shell}`;
}

async function runTool(tool: AgentTool, args: unknown, ctx: ToolContext): Promise<ToolOutcome> {
  try {
    return await tool.execute(args, ctx);
  } catch (e) {
    if (isOompahError(e)) return { ok: false, output: `${e.code}: ${e.message}` };
    return { ok: false, output: `tool_failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The `tool_call` event, emitted before the tool runs (the judge suspends its silence clock on it). */
export function toolCallEvent(call: AssembledToolCall, tools: readonly AgentTool[]): ToolCallEvent {
  const parsed = parseArguments(call.arguments);
  return {
    type: "tool_call",
    id: call.id,
    name: call.name,
    kind: tools.find((t) => t.name === call.name)?.kind ?? toolKindOf(call.name),
    args: parsed.ok ? parsed.args : { raw_arguments: parsed.raw },
  };
}

/** Runs `call` against `tools`; the result says what happened, `control` whether the session ends. */
export async function executeCall(
  call: AssembledToolCall,
  tools: readonly AgentTool[],
  ctx: ToolContext,
): Promise<ExecutedCall> {
  const tool = tools.find((t) => t.name === call.name);
  const parsed = parseArguments(call.arguments);
  const result = (outcome: ToolOutcome, control: ExecutedCall["control"] = null): ExecutedCall => ({
    result: {
      type: "tool_result",
      id: call.id,
      ok: outcome.ok,
      output: outcome.output,
      ...(outcome.exit_code === undefined ? {} : { exit_code: outcome.exit_code }),
    },
    control,
  });
  if (!parsed.ok) {
    const output = `invalid_tool_arguments: the arguments of ${call.name} are not valid JSON (${parsed.error}). Send a JSON object matching the tool's parameters.`;
    return result({ ok: false, output });
  }
  if (!tool) return result({ ok: false, output: unknownTool(call.name, tools) });
  const decision = decideControl(call.name, parsed.args);
  if (decision) {
    if (decision.kind === "rejected") return result({ ok: false, output: decision.output });
    return result({ ok: true, output: "ok" }, decision);
  }
  return result(await runTool(tool, parsed.args, ctx));
}
