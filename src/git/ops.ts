/**
 * Small typed git operations built on the single `git()` wrapper. Each takes a
 * `GitContext` (cwd + explicit env + optional signal/timeout) and returns plain
 * values; failures are the typed OompahErrors of `git-errors.ts`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { git, type GitRunOptions } from "./git.js";

/** Where and how to run git for one repository. */
export type GitContext = Omit<GitRunOptions, "okExitCodes">;

/** Current branch name, or null when HEAD is detached. */
export async function currentBranch(ctx: GitContext): Promise<string | null> {
  const r = await git(["symbolic-ref", "--short", "-q", "HEAD"], { ...ctx, okExitCodes: [1] });
  const name = r.stdout.trim();
  return r.exitCode === 0 && name !== "" ? name : null;
}

/** The commit a revision names, or null when it does not resolve. */
export async function revParse(ctx: GitContext, rev: string): Promise<string | null> {
  const r = await git(["rev-parse", "-q", "--verify", `${rev}^{commit}`], {
    ...ctx,
    okExitCodes: [1, 128],
  });
  return r.exitCode === 0 ? r.stdout.trim() : null;
}

/** `git fetch <remote> <branch>` (updates `<remote>/<branch>`). */
export async function fetch(ctx: GitContext, remote: string, branch: string): Promise<void> {
  await git(["fetch", "--quiet", "--no-tags", remote, branch], ctx);
}

/** `git merge --ff-only <ref>`; resolves false when a fast-forward is impossible. */
export async function mergeFfOnly(ctx: GitContext, ref: string): Promise<boolean> {
  const r = await git(["merge", "--ff-only", "--quiet", ref], { ...ctx, okExitCodes: [128, 1] });
  return r.exitCode === 0;
}

/** `git rebase [--autostash] <onto>`; a conflict rejects with `rebase_conflict`. */
export async function rebase(
  ctx: GitContext,
  onto: string,
  opts: { autostash?: boolean } = {},
): Promise<void> {
  const args = ["rebase", ...(opts.autostash ? ["--autostash"] : []), onto];
  await git(args, ctx);
}

/** `git rebase --abort` (restores the branch and any autostash). */
export async function rebaseAbort(ctx: GitContext): Promise<void> {
  await git(["rebase", "--abort"], ctx);
}

/** True while a rebase is stopped in the repository at `ctx.cwd`. */
export async function rebaseInProgress(ctx: GitContext): Promise<boolean> {
  const gitDir = (await git(["rev-parse", "--absolute-git-dir"], ctx)).stdout.trim();
  return existsSync(join(gitDir, "rebase-merge")) || existsSync(join(gitDir, "rebase-apply"));
}

/** `git add -A -- <paths>` (paths that do not exist are skipped). */
export async function add(ctx: GitContext, paths: readonly string[]): Promise<void> {
  const present = paths.filter((p) => existsSync(join(ctx.cwd, p)));
  if (present.length === 0) return;
  await git(["add", "-A", "--", ...present], ctx);
}

/** True when the index differs from HEAD. */
export async function hasStagedChanges(ctx: GitContext): Promise<boolean> {
  const r = await git(["diff", "--cached", "--quiet"], { ...ctx, okExitCodes: [1] });
  return r.exitCode === 1;
}

/** One staged change: `A`dded, `M`odified, `D`eleted or `R`enamed (with its origin). */
export interface StagedChange {
  status: "A" | "M" | "D" | "R" | "T" | "C";
  path: string;
  from: string | null;
}

/** Staged changes relative to HEAD, with rename detection. */
export async function stagedChanges(ctx: GitContext): Promise<StagedChange[]> {
  const r = await git(["diff", "--cached", "--name-status", "-M", "-z"], ctx);
  const parts = r.stdout.split("\0").filter((p) => p !== "");
  const out: StagedChange[] = [];
  for (let i = 0; i < parts.length;) {
    const code = (parts[i++] ?? "M").charAt(0) as StagedChange["status"];
    if (code === "R" || code === "C") {
      const from = parts[i++] ?? "";
      out.push({ status: code, path: parts[i++] ?? "", from });
    } else {
      out.push({ status: code, path: parts[i++] ?? "", from: null });
    }
  }
  return out;
}

/** `git commit -m <message>` with the identity in `ctx.env`; returns the new HEAD. */
export async function commit(
  ctx: GitContext,
  message: string,
  opts: { noVerify?: boolean } = {},
): Promise<string> {
  await git(["commit", "--quiet", ...(opts.noVerify ? ["--no-verify"] : []), "-m", message], ctx);
  return (await revParse(ctx, "HEAD")) ?? "";
}

/** `git push <remote> <refspec>`; a refusal rejects with `push_rejected`. */
export async function push(ctx: GitContext, remote: string, refspec: string): Promise<void> {
  await git(["push", "--quiet", "--porcelain", remote, refspec], ctx);
}

/** Porcelain v1 status entries (`XY path`) for the given paths, untracked included. */
export async function statusPorcelain(
  ctx: GitContext,
  paths: readonly string[] = [],
): Promise<Array<{ xy: string; path: string }>> {
  const args = ["status", "--porcelain=v1", "-z", "--untracked-files=all"];
  const r = await git(paths.length ? [...args, "--", ...paths] : args, ctx);
  const parts = r.stdout.split("\0").filter((p) => p !== "");
  const out: Array<{ xy: string; path: string }> = [];
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i] ?? "";
    const xy = entry.slice(0, 2);
    out.push({ xy, path: entry.slice(3) });
    if (xy.startsWith("R") || xy.startsWith("C")) i++; // the origin path follows
  }
  return out;
}

/** Number of commits reachable from `head` but not from `base`. */
export async function countAhead(ctx: GitContext, base: string, head = "HEAD"): Promise<number> {
  const r = await git(["rev-list", "--count", `${base}..${head}`], ctx);
  return Number.parseInt(r.stdout.trim(), 10) || 0;
}

/** `git clone <url> <dest>` run from `ctx.cwd`. */
export async function clone(
  ctx: GitContext,
  url: string,
  dest: string,
  opts: { branch?: string } = {},
): Promise<void> {
  const args = ["clone", "--quiet", ...(opts.branch ? ["--branch", opts.branch] : []), url, dest];
  await git(args, ctx);
}

/** `git fetch [--prune] <remote>`: updates every remote-tracking branch. */
export async function fetchRemote(
  ctx: GitContext,
  remote = "origin",
  opts: { prune?: boolean } = {},
): Promise<void> {
  await git(["fetch", "--quiet", ...(opts.prune ? ["--prune"] : []), remote], ctx);
}

/** The branch `refs/remotes/<remote>/HEAD` points at (`main`), or null when unset. */
export async function remoteHeadBranch(ctx: GitContext, remote = "origin"): Promise<string | null> {
  const r = await git(["symbolic-ref", "-q", "--short", `refs/remotes/${remote}/HEAD`], {
    ...ctx,
    okExitCodes: [1, 128],
  });
  const ref = r.stdout.trim();
  if (r.exitCode !== 0 || !ref.startsWith(`${remote}/`)) return null;
  return ref.slice(remote.length + 1) || null;
}

/** The branches of `<remote>` as this clone last fetched them (without `HEAD`). */
export async function remoteBranches(ctx: GitContext, remote = "origin"): Promise<string[]> {
  const r = await git(
    ["for-each-ref", "--format=%(refname:short)", `refs/remotes/${remote}/`],
    ctx,
  );
  return r.stdout
    .split("\n")
    .map((l) => l.trim().slice(remote.length + 1))
    .filter((b) => b !== "" && b !== "HEAD");
}

/** Checks out `branch` at `<remote>/<branch>`, tracking it. */
export async function checkoutTracking(
  ctx: GitContext,
  branch: string,
  remote = "origin",
): Promise<void> {
  await git(["checkout", "-q", "-B", branch, "--track", `${remote}/${branch}`], ctx);
}

/** `git remote set-head <remote> --auto`: asks the remote for its HEAD; false when it cannot tell. */
export async function setRemoteHeadAuto(ctx: GitContext, remote = "origin"): Promise<boolean> {
  const r = await git(["remote", "set-head", remote, "--auto"], { ...ctx, okExitCodes: [1, 128] });
  return r.exitCode === 0;
}
