/**
 * Writes a file strictly inside the worktree (SPEC §10.2, §19.6): the target
 * is resolved through the real path of its nearest existing ancestor, so
 * `..` and symlinks cannot lead out, and `.git/` internals are refused.
 */
import { lstat, mkdir, realpath, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { OompahError } from "../../domain/errors.js";

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** The real absolute path `rel` names inside `root`, or `path_outside_workspace`. */
export async function resolveInsideWorktree(root: string, rel: string): Promise<string> {
  const realRoot = await realpath(root);
  const target = resolve(realRoot, rel);
  let ancestor = target;
  const rest: string[] = [];
  while (!(await exists(ancestor))) {
    const parent = dirname(ancestor);
    if (parent === ancestor) break;
    rest.unshift(ancestor.slice(parent.length).replace(/^[\\/]+/, ""));
    ancestor = parent;
  }
  const refused = (): OompahError =>
    new OompahError("path_outside_workspace", `${rel} is outside the worktree`, {
      details: { path: rel },
    });
  // A dangling symlink has no real path; writing through it could land anywhere.
  const realAncestor = await realpath(ancestor).catch(() => {
    throw refused();
  });
  const real = join(realAncestor, ...rest);
  const inside = relative(realRoot, real);
  const outside =
    inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  if (outside || inside.split(sep)[0] === ".git") throw refused();
  return real;
}

/** Creates parent directories and writes `content` at `rel` inside `root`. */
export async function writeInsideWorktree(
  root: string,
  rel: string,
  content: string,
): Promise<string> {
  const abs = await resolveInsideWorktree(root, rel);
  await mkdir(dirname(abs), { recursive: true });
  await writeFile(abs, content);
  return abs;
}
