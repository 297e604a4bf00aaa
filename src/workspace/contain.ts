/**
 * Worktree containment (SPEC §10.2, §19.6): the one way every agent-facing
 * file operation turns a model-supplied path into a real absolute path. The
 * target is resolved through the real path of its nearest existing ancestor,
 * so `..`, absolute paths and symlinks cannot lead out; anything outside is
 * `path_outside_workspace`. Writes additionally refuse `.git/` internals.
 *
 * The file system calls are synchronous: each takes microseconds on a
 * worktree's local disk, while a thread-pool round trip costs 0.1–1 ms on a
 * busy machine, and an agent makes several per tool call (bench/README.md).
 */
import { lstatSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { OompahError } from "../domain/errors.js";

/** Options of {@link resolveInsideWorktree}. */
export interface ContainOptions {
  /** The caller will write: `.git/` and the worktree root itself are refused. */
  write?: boolean;
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** `abs` relative to `root`, or null when it is not inside (or equal to) `root`. */
export function insideRelative(root: string, abs: string): string | null {
  const rel = relative(root, abs);
  if (rel === "..") return null;
  if (rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel;
}

function outside(path: string, why: string): OompahError {
  return new OompahError("path_outside_workspace", `${path} is outside the worktree (${why})`, {
    hint: "use a path relative to the worktree root, or an absolute path inside it",
    details: { path },
  });
}

/** The real absolute path `path` names inside `root`, or `path_outside_workspace`. */
export function resolveInsideWorktree(
  root: string,
  path: string,
  opts: ContainOptions = {},
): string {
  const realRoot = realpathSync.native(root);
  // Absolute paths spelled through a symlinked root (e.g. /tmp → /private/tmp) still count as inside.
  const lexical = resolve(root, path);
  const target =
    insideRelative(resolve(root), lexical) !== null ? lexical : resolve(realRoot, path);
  let ancestor = target;
  const rest: string[] = [];
  while (!exists(ancestor)) {
    const parent = dirname(ancestor);
    if (parent === ancestor) break;
    rest.unshift(ancestor.slice(parent.length).replace(/^[\\/]+/, ""));
    ancestor = parent;
  }
  // A dangling symlink has no real path; following it could land anywhere.
  let realAncestor: string;
  try {
    realAncestor = realpathSync.native(ancestor);
  } catch {
    throw outside(path, "dangling symlink");
  }
  const real = join(realAncestor, ...rest);
  const rel = insideRelative(realRoot, real);
  if (rel === null) throw outside(path, "resolves outside");
  if (opts.write === true && rel === "")
    throw outside(path, "the worktree root itself is not a file");
  if (opts.write === true && rel.split(sep)[0] === ".git") {
    throw new OompahError("path_outside_workspace", `${path}: .git internals are not writable`, {
      hint: "change the repository through git commands in run_command instead",
      details: { path },
    });
  }
  return real;
}

/** Creates parent directories and writes `content` at `path` inside `root`; returns the real path. */
export function writeInsideWorktree(
  root: string,
  path: string,
  content: string | Uint8Array,
): string {
  const abs = resolveInsideWorktree(root, path, { write: true });
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}
