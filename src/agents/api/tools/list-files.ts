/**
 * `list_files` (§10.2): a sorted tree walk from `path`, `depth` levels deep,
 * directories suffixed `/`, `.git` skipped, at most 1,000 entries. Symbolic
 * links are listed but never followed, so the walk cannot leave the worktree.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { z } from "zod";
import { OompahError } from "../../../domain/errors.js";
import { resolveInsideWorktree } from "../../../workspace/contain.js";
import { defineTool, loadDescription } from "./define-tool.js";
import { fsError } from "./file-errors.js";

const MAX_ENTRIES = 1_000;

export const listFilesParameters = z.object({
  path: z
    .string()
    .optional()
    .describe('Directory to list, relative to the worktree root (default ".")'),
  depth: z
    .number()
    .int()
    .min(1)
    .max(5)
    .optional()
    .describe("How many directory levels to descend (default 2, max 5)"),
});

const toPosix = (p: string): string => p.split(sep).join("/");

/** Entries under `dir` (real path), relative to `root`, at most `max`. */
export async function walk(
  root: string,
  dir: string,
  depth: number,
  max: number,
): Promise<{ entries: string[]; truncated: boolean }> {
  const entries: string[] = [];
  let truncated = false;
  const visit = async (current: string, level: number): Promise<void> => {
    const items = (await readdir(current, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const item of items) {
      if (item.name === ".git") continue;
      if (entries.length >= max) {
        truncated = true;
        return;
      }
      const abs = join(current, item.name);
      const rel = toPosix(relative(root, abs));
      if (item.isDirectory()) {
        entries.push(`${rel}/`);
        if (level < depth) await visit(abs, level + 1);
      } else {
        entries.push(rel);
      }
    }
  };
  await visit(dir, 1);
  return { entries, truncated };
}

export const listFilesTool = defineTool({
  name: "list_files",
  kind: "read",
  description: loadDescription(new URL("./list-files.txt", import.meta.url)),
  parameters: listFilesParameters,
  async execute(args, ctx) {
    const path = args.path ?? ".";
    const abs = resolveInsideWorktree(ctx.worktree, path);
    const info = await stat(abs).catch((e: unknown) => {
      throw fsError(e, path);
    });
    if (!info.isDirectory()) {
      throw new OompahError("not_a_directory", `${path} is a file`, {
        hint: "use read_file to read a file",
        details: { path },
      });
    }
    const root = await realpath(ctx.worktree);
    const { entries, truncated } = await walk(root, abs, args.depth ?? 2, MAX_ENTRIES);
    if (entries.length === 0) return `(${path} is empty)`;
    if (truncated)
      entries.push(`(stopped at ${MAX_ENTRIES} entries; list a subdirectory to see more)`);
    return entries.join("\n");
  },
});
