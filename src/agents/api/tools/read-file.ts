/**
 * `read_file` (§10.2): numbered lines from `offset`, at most `limit` lines and
 * 32,000 characters, ending with the offset to continue from.
 */
import { z } from "zod";
import { resolveInsideWorktree } from "../../../workspace/contain.js";
import { defineTool, loadDescription } from "./define-tool.js";
import { readTextFile } from "./file-errors.js";

const MAX_OUTPUT_CHARS = 32_000;
const MAX_LINE_CHARS = 2_000;

export const readFileParameters = z.object({
  path: z.string().min(1).describe("File to read, relative to the worktree root"),
  offset: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("1-based line number to start reading at (default 1)"),
  limit: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Maximum number of lines to return (default 2000)"),
});

/** Numbered lines `offset…` within the line and character budgets. */
export function numberLines(text: string, offset: number, limit: number): string {
  if (text === "") return "(the file is empty)";
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  if (offset > lines.length) {
    return `(the file has ${lines.length} lines; offset ${offset} is past its end)`;
  }
  const out: string[] = [];
  let chars = 0;
  let next = offset;
  const end = Math.min(lines.length, offset - 1 + limit);
  for (let i = offset - 1; i < end; i++) {
    const raw = lines[i] ?? "";
    const line =
      raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)}… [line shortened]` : raw;
    const row = `${i + 1}\t${line}`;
    if (chars + row.length + 1 > MAX_OUTPUT_CHARS - 200 && out.length > 0) break;
    out.push(row);
    chars += row.length + 1;
    next = i + 2;
  }
  if (next <= lines.length) {
    out.push(
      `(showing lines ${offset}-${next - 1} of ${lines.length}; continue with offset=${next})`,
    );
  }
  return out.join("\n");
}

export const readFileTool = defineTool({
  name: "read_file",
  kind: "read",
  description: loadDescription(new URL("./read-file.txt", import.meta.url)),
  parameters: readFileParameters,
  maxOutputChars: MAX_OUTPUT_CHARS,
  async execute(args, ctx) {
    const abs = resolveInsideWorktree(ctx.worktree, args.path);
    const text = await readTextFile(abs, args.path);
    return numberLines(text, args.offset ?? 1, args.limit ?? 2000);
  },
});
