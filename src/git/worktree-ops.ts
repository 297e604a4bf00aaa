/**
 * Typed `git worktree` and branch operations for the workspace layer (SPEC
 * §11.2, §11.4), built on the single `git()` wrapper like `ops.ts`. They run
 * in the managed clone (`ctx.cwd`) unless a function says otherwise.
 */
import { git } from "./git.js";
import type { GitContext } from "./ops.js";

/** One entry of `git worktree list --porcelain`. */
export interface WorktreeEntry {
  /** Absolute path as git recorded it. */
  path: string;
  /** Commit checked out, null for an unborn branch. */
  head: string | null;
  /** Short branch name, null when detached or bare. */
  branch: string | null;
  bare: boolean;
  /** Git says the directory is gone and the registration can be pruned. */
  prunable: boolean;
  locked: boolean;
}

/** Registered worktrees of the repository, the main checkout first. */
export async function worktreeList(ctx: GitContext): Promise<WorktreeEntry[]> {
  const r = await git(["worktree", "list", "--porcelain", "-z"], ctx);
  const out: WorktreeEntry[] = [];
  let cur: WorktreeEntry | null = null;
  for (const field of r.stdout.split("\0")) {
    if (field === "") {
      if (cur) out.push(cur);
      cur = null;
      continue;
    }
    const space = field.indexOf(" ");
    const key = space < 0 ? field : field.slice(0, space);
    const value = space < 0 ? "" : field.slice(space + 1);
    if (key === "worktree") {
      if (cur) out.push(cur);
      cur = { path: value, head: null, branch: null, bare: false, prunable: false, locked: false };
    } else if (cur) {
      if (key === "HEAD") cur.head = /^0+$/.test(value) ? null : value;
      else if (key === "branch") cur.branch = value.replace(/^refs\/heads\//, "");
      else if (key === "bare") cur.bare = true;
      else if (key === "prunable") cur.prunable = true;
      else if (key === "locked") cur.locked = true;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * `git worktree add`: checks out an existing `branch` at `path`, or with
 * `create.startPoint` creates the branch there first (`-b`). `noTrack` keeps a
 * branch started from `origin/<default>` from tracking the default branch.
 */
export async function worktreeAdd(
  ctx: GitContext,
  path: string,
  branch: string,
  create?: { startPoint: string; noTrack?: boolean },
): Promise<void> {
  const args = create
    ? [
        "worktree",
        "add",
        "--quiet",
        ...(create.noTrack ? ["--no-track"] : []),
        "-b",
        branch,
        path,
        create.startPoint,
      ]
    : ["worktree", "add", "--quiet", path, branch];
  await git(args, ctx);
}

/** `git worktree remove --force <path>` (uncommitted changes are discarded). */
export async function worktreeRemove(ctx: GitContext, path: string): Promise<void> {
  await git(["worktree", "remove", "--force", path], ctx);
}

/** `git worktree prune`: forgets registrations whose directory is gone. */
export async function worktreePrune(ctx: GitContext): Promise<void> {
  await git(["worktree", "prune"], ctx);
}

/** The best common ancestor of two revisions, or null when they share none. */
export async function mergeBase(ctx: GitContext, a: string, b: string): Promise<string | null> {
  const r = await git(["merge-base", a, b], { ...ctx, okExitCodes: [1] });
  return r.exitCode === 0 ? r.stdout.trim() || null : null;
}

/** True when `ancestor` is reachable from `descendant`. */
export async function isAncestor(
  ctx: GitContext,
  ancestor: string,
  descendant: string,
): Promise<boolean> {
  const r = await git(["merge-base", "--is-ancestor", ancestor, descendant], {
    ...ctx,
    okExitCodes: [1],
  });
  return r.exitCode === 0;
}

/** `git branch -D <branch>`. */
export async function deleteBranch(ctx: GitContext, branch: string): Promise<void> {
  await git(["branch", "-D", "--quiet", branch], ctx);
}

/** `git update-ref <ref> <sha>`. */
export async function updateRef(ctx: GitContext, ref: string, sha: string): Promise<void> {
  await git(["update-ref", ref, sha], ctx);
}

/** Refs under `prefix` (e.g. `refs/oompah/preserved/`) with the commits they name. */
export async function listRefs(
  ctx: GitContext,
  prefix: string,
): Promise<Array<{ ref: string; sha: string }>> {
  const r = await git(["for-each-ref", "--format=%(objectname) %(refname)", prefix], ctx);
  return r.stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [sha = "", ref = ""] = l.split(" ");
      return { ref, sha };
    });
}

/** Path of a file inside the checkout's git dir (`git rev-parse --git-path`), absolute. */
export async function gitPath(ctx: GitContext, name: string): Promise<string> {
  const r = await git(["rev-parse", "--path-format=absolute", "--git-path", name], ctx);
  return r.stdout.trim();
}
