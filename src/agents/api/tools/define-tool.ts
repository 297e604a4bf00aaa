/**
 * The one wrapper every built-in tool goes through (CONVENTIONS practice 1):
 * arguments are validated with the tool's zod schema and a schema error
 * becomes a message the model can act on (which field, what was expected);
 * the JSON Schema shown to the model is derived from the same zod object;
 * an `OompahError` thrown by a tool becomes a tool error (never a crash); and
 * output is capped centrally with the middle elided.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { AgentTool, ToolContext, ToolOutcome } from "../../backend.js";
import { OompahError } from "../../../domain/errors.js";
import type { ToolKind } from "../../../domain/tool-kind.js";
import { DEFAULT_TOOL_OUTPUT_CHARS, elideMiddle } from "./truncate.js";

/** What a tool body returns: plain text (success) or a full outcome. */
export type ToolResult = string | ToolOutcome;

/** The definition of one tool. */
export interface ToolDefinition<S extends z.ZodObject> {
  name: string;
  kind: ToolKind;
  /** Model-facing description (usually loaded from the sibling `.txt`). */
  description: string;
  parameters: S;
  /** Output cap in characters (default 64,000). */
  maxOutputChars?: number;
  /** May answer synchronously (the file tools do: their file system calls are synchronous). */
  execute(args: z.infer<S>, ctx: ToolContext): ToolResult | Promise<ToolResult>;
}

/** Reads a tool's sibling `.txt` description (shipped into dist by scripts/copy-assets.mjs). */
export function loadDescription(url: URL): string {
  return readFileSync(url, "utf8").trim();
}

/** The JSON Schema of a tool's parameters as the model sees it. */
export function toolJsonSchema(schema: z.ZodObject): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input" });
  return rest;
}

/** One line per schema problem: `field: expected …, received …`. */
export function describeArgumentErrors(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join(".") : "(arguments)";
      return `- ${field}: ${issue.message}`;
    })
    .join("\n");
}

/** The text a tool error shows the model: code, message and hint. */
export function errorOutput(e: OompahError): string {
  return `error ${e.code}: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ""}`;
}

function toOutcome(result: ToolResult): ToolOutcome {
  return typeof result === "string" ? { ok: true, output: result } : result;
}

/** Builds the {@link AgentTool} the backends offer. */
export function defineTool<S extends z.ZodObject>(def: ToolDefinition<S>): AgentTool {
  const cap = def.maxOutputChars ?? DEFAULT_TOOL_OUTPUT_CHARS;
  return {
    name: def.name,
    description: def.description,
    kind: def.kind,
    parameters: toolJsonSchema(def.parameters),
    async execute(args: unknown, ctx: ToolContext): Promise<ToolOutcome> {
      const parsed = def.parameters.safeParse(args ?? {});
      if (!parsed.success) {
        return {
          ok: false,
          output:
            `error invalid_tool_arguments: the arguments of ${def.name} do not match its schema\n` +
            `${describeArgumentErrors(parsed.error)}\n` +
            `hint: call ${def.name} again with corrected arguments`,
        };
      }
      let outcome: ToolOutcome;
      try {
        outcome = toOutcome(await def.execute(parsed.data, ctx));
      } catch (e) {
        const err =
          e instanceof OompahError
            ? e
            : new OompahError("tool_failed", e instanceof Error ? e.message : String(e));
        outcome = { ok: false, output: errorOutput(err) };
      }
      return { ...outcome, output: elideMiddle(outcome.output, cap) };
    },
  };
}
