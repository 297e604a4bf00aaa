/**
 * WORKFLOW.md = optional YAML front matter between `---` lines + a Liquid
 * prompt template (SPEC §3.1). Positions in errors are file positions (the
 * opening `---` counted), so an editor jumps straight to the fault.
 */
import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { OompahError } from "../domain/errors.js";
import { isPlainObject } from "./key-path.js";

/** The two halves of a workflow file. */
export interface WorkflowParts {
  /** Front matter as a mapping; `{}` when absent or empty. */
  config: Record<string, unknown>;
  /** The prompt template, trimmed; empty means "use the built-in prompt". */
  template: string;
}

const isFence = (line: string | undefined): boolean =>
  line !== undefined && line.trimEnd() === "---";

/** Splits and parses workflow text; `file` is only used in error details. */
export function splitWorkflow(text: string, file: string): WorkflowParts {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!isFence(lines[0])) return { config: {}, template: lines.join("\n").trim() };

  const close = lines.findIndex((l, i) => i > 0 && isFence(l));
  if (close < 0) {
    throw new OompahError(
      "workflow_parse_error",
      `${file}:1:1: front matter opened with --- is never closed`,
      {
        hint: "end the front matter with a line containing only ---",
        details: { file, line: 1, column: 1 },
      },
    );
  }
  const doc = parseDocument(lines.slice(1, close).join("\n"), {
    prettyErrors: true,
    uniqueKeys: true,
  });
  const err = doc.errors[0];
  if (err !== undefined) {
    const pos = err.linePos?.[0];
    const line = (pos?.line ?? 1) + 1;
    const column = pos?.col ?? 1;
    // The parser's own "at line N" counts from the front matter, not the file: drop it.
    const first = (err.message.split("\n")[0] ?? err.message).replace(
      / at line \d+, column \d+:?$/,
      "",
    );
    throw new OompahError(
      "workflow_parse_error",
      `${file}:${line}:${column}: invalid YAML front matter: ${first}`,
      {
        details: { file, line, column },
        cause: err,
      },
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value !== null && value !== undefined && !isPlainObject(value)) {
    const got = Array.isArray(value) ? "a list" : typeof value;
    throw new OompahError(
      "workflow_front_matter_not_a_map",
      `${file}: front matter must be a mapping of keys, got ${got}`,
      {
        hint: "write the front matter as `key: value` lines (e.g. `tracker:` then indented keys)",
        details: { file, got },
      },
    );
  }
  return {
    config: value ?? {},
    template: lines
      .slice(close + 1)
      .join("\n")
      .trim(),
  };
}

/** Reads a workflow file's bytes; a missing file is `missing_workflow_file`. */
export async function readWorkflowBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") {
      throw new OompahError("missing_workflow_file", `workflow file ${file} does not exist`, {
        hint: "check the path, or run `oompah init` to write a default WORKFLOW.md",
        details: { file },
      });
    }
    throw new OompahError("workflow_parse_error", `cannot read ${file}: ${(e as Error).message}`, {
      details: { file },
      cause: e,
    });
  }
}
