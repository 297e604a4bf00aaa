/**
 * `edit_file` (§10.2): exact-match replacement. Zero matches show the file's
 * first 30 lines so the model can correct its `old_string`; several matches
 * without `replace_all` give the count so it can add context.
 */
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { OompahError } from "../../../domain/errors.js";
import { resolveInsideWorktree } from "../../../workspace/contain.js";
import { defineTool, loadDescription } from "./define-tool.js";
import { fsError, readTextFile } from "./file-errors.js";
import { numberLines } from "./read-file.js";

export const editFileParameters = z.object({
  path: z.string().min(1).describe("File to edit, relative to the worktree root"),
  old_string: z
    .string()
    .min(1)
    .describe("Exact text to replace (must occur exactly once unless replace_all)"),
  new_string: z.string().describe("Replacement text"),
  replace_all: z
    .boolean()
    .optional()
    .describe(
      "Replace every occurrence of old_string instead of requiring exactly one (default false)",
    ),
});

/** Number of non-overlapping occurrences of `needle` in `hay`. */
export function countOccurrences(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

export const editFileTool = defineTool({
  name: "edit_file",
  kind: "edit",
  description: loadDescription(new URL("./edit-file.txt", import.meta.url)),
  parameters: editFileParameters,
  async execute(args, ctx) {
    const abs = resolveInsideWorktree(ctx.worktree, args.path, { write: true });
    const text = await readTextFile(abs, args.path);
    if (args.old_string === args.new_string) {
      throw new OompahError("edit_no_change", "old_string and new_string are identical", {
        hint: "pass the text you want in new_string",
      });
    }
    const count = countOccurrences(text, args.old_string);
    if (count === 0) {
      throw new OompahError(
        "edit_no_match",
        `old_string was not found in ${args.path}. Its first 30 lines are:\n` +
          numberLines(text, 1, 30),
        {
          hint: "copy old_string exactly from the file (read_file shows it), including whitespace",
        },
      );
    }
    if (count > 1 && args.replace_all !== true) {
      throw new OompahError(
        "edit_ambiguous",
        `old_string occurs ${count} times in ${args.path}; it must occur exactly once`,
        { hint: "include more surrounding lines to make it unique, or set replace_all: true" },
      );
    }
    try {
      writeFileSync(abs, text.split(args.old_string).join(args.new_string));
    } catch (e) {
      throw fsError(e, args.path);
    }
    return `replaced ${count} occurrence${count === 1 ? "" : "s"} in ${args.path}`;
  },
});
