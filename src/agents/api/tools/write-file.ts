/** `write_file` (§10.2): whole-file writes inside the worktree, at most 5 MiB. */
import { z } from "zod";
import { OompahError } from "../../../domain/errors.js";
import { writeInsideWorktree } from "../../../workspace/contain.js";
import { defineTool, loadDescription } from "./define-tool.js";
import { fsError } from "./file-errors.js";

/** Largest content `write_file` accepts (§10.2). */
export const MAX_WRITE_BYTES = 5 * 1024 * 1024;

export const writeFileParameters = z.object({
  path: z.string().min(1).describe("File to create or overwrite, relative to the worktree root"),
  content: z.string().describe("The complete new content of the file"),
});

export const writeFileTool = defineTool({
  name: "write_file",
  kind: "edit",
  description: loadDescription(new URL("./write-file.txt", import.meta.url)),
  parameters: writeFileParameters,
  execute(args, ctx) {
    const bytes = Buffer.byteLength(args.content, "utf8");
    if (bytes > MAX_WRITE_BYTES) {
      throw new OompahError("file_too_large", `content is ${bytes} bytes; the limit is 5 MiB`, {
        hint: "write the file in smaller pieces or generate it with run_command",
        details: { path: args.path, bytes },
      });
    }
    try {
      writeInsideWorktree(ctx.worktree, args.path, args.content);
    } catch (e) {
      throw fsError(e, args.path);
    }
    return `wrote ${bytes} bytes to ${args.path}`;
  },
});
