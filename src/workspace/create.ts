/**
 * Checking out an issue's worktree under the project lock (SPEC §11.2 steps
 * 1–5): fetch (a failure only warns), reuse a registered worktree on the
 * expected branch untouched, move anything else aside as
 * `*.stale-<timestamp>`, prune stale registrations, then check out the local
 * branch, else `origin/<branch>`, else a new branch from `origin/<base>`.
 */
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { OompahError, toOompahError, type Warning } from "../domain/errors.js";
import { fetchRemote, remoteHeadBranch, revParse, type GitContext } from "../git/ops.js";
import {
  deleteBranch,
  mergeBase,
  worktreeAdd,
  worktreeList,
  worktreePrune,
  worktreeRemove,
} from "../git/worktree-ops.js";
import { utcStamp, type WorkspaceDeps, type WorkspaceProject } from "./context.js";
import { resolveExisting, type BranchSource } from "./keys.js";

/** The issue fields the workspace uses. */
export interface WorkspaceIssue extends BranchSource {
  /** PR base; null = the project's default branch. */
  target_branch?: string | null;
}

/** A request to create or reuse an issue's worktree. */
export interface EnsureRequest {
  project: WorkspaceProject;
  issue: WorkspaceIssue;
  /** Base branch for a new branch; default `issue.target_branch`, then the project default. */
  baseBranch?: string | null;
  /** True when the tracker's `branch_name` is a `work_branch` used verbatim (`oompah_md`). */
  workBranch?: boolean;
  /** Runs after a fresh checkout (the `after_create` hook); a throw undoes the creation. */
  afterCreate?: (wt: Worktree) => Promise<unknown>;
  signal?: AbortSignal;
}

/** An issue's worktree, ready for a run. */
export interface Worktree {
  path: string;
  branch: string;
  issueKey: string;
  /** True when this call checked it out (`after_create` ran). */
  created: boolean;
  /** Merge-base of the branch with the base branch; null when they share no history. */
  baseSha: string | null;
  /** `origin/<branch>` when the run started, or null. */
  remoteHeadAtStart: string | null;
  /** The base branch the branch was (or would have been) started from. */
  baseBranch: string;
  warnings: Warning[];
}

/** Steps 1–5 of §11.2 for `path`; call with the project lock held. */
export async function checkoutWorktree(
  deps: WorkspaceDeps,
  ctx: GitContext,
  req: EnsureRequest,
  path: string,
  branch: string,
  now: () => Date,
): Promise<{ wt: Worktree; branchCreated: boolean }> {
  const warnings: Warning[] = [];
  try {
    await fetchRemote(ctx, "origin", { prune: true });
  } catch (e) {
    const err = toOompahError(e, "git_failed");
    warnings.push({
      code: "fetch_failed",
      message: `git fetch failed, using local refs: ${err.message}`,
    });
  }
  const baseBranch =
    req.baseBranch ??
    req.issue.target_branch ??
    req.project.defaultBranch ??
    (await remoteHeadBranch(ctx)) ??
    "main";
  const baseRef = await resolveBaseRef(ctx, baseBranch);
  const done = async (created: boolean, branchCreated: boolean) => {
    const wt: Worktree = {
      path,
      branch,
      issueKey: basename(path),
      created,
      baseSha: await mergeBase(ctx, `refs/heads/${branch}`, baseRef),
      remoteHeadAtStart: await revParse(ctx, `refs/remotes/origin/${branch}`),
      baseBranch,
      warnings,
    };
    for (const w of warnings) deps.logger?.warn({ path, code: w.code }, w.message);
    return { wt, branchCreated };
  };

  let entries = await worktreeList(ctx);
  if (existsSync(path)) {
    const entry = entries.find((e) => resolveExisting(e.path) === path);
    if (entry && entry.branch === branch && existsSync(join(path, ".git")))
      return done(false, false);
    const stale = await moveAside(path, now());
    warnings.push({
      code: "stale_worktree_renamed",
      message: `${path} was not this issue's worktree; moved to ${stale}`,
    });
    entries = await worktreeList(ctx);
  }
  if (entries.some((e) => e.prunable)) await worktreePrune(ctx);
  await mkdir(dirname(path), { recursive: true });
  // Before the checkout, so a crash at any point after it leaves the setup marked unfinished.
  await writeFile(setupPendingPath(path), "");

  if ((await revParse(ctx, `refs/heads/${branch}`)) !== null) {
    await worktreeAdd(ctx, path, branch);
    return done(true, false);
  }
  if ((await revParse(ctx, `refs/remotes/origin/${branch}`)) !== null) {
    await worktreeAdd(ctx, path, branch, { startPoint: `origin/${branch}` });
  } else {
    await worktreeAdd(ctx, path, branch, { startPoint: baseRef, noTrack: true });
  }
  return done(true, true);
}

/**
 * The marker of a worktree whose `after_create` has not completed: written
 * before the checkout and removed once the hook succeeded, so a worktree
 * left by a crash in between gets its setup again when it is reused.
 */
export function setupPendingPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.after-create-pending`);
}

/** `origin/<base>`, else the local branch (offline clones); otherwise `workspace_error`. */
async function resolveBaseRef(ctx: GitContext, baseBranch: string): Promise<string> {
  if ((await revParse(ctx, `refs/remotes/origin/${baseBranch}`)) !== null)
    return `refs/remotes/origin/${baseBranch}`;
  if ((await revParse(ctx, `refs/heads/${baseBranch}`)) !== null) return `refs/heads/${baseBranch}`;
  throw new OompahError(
    "workspace_error",
    `base branch ${baseBranch} exists neither on origin nor locally`,
    {
      hint: "set the issue's target_branch or the project's default_branch to an existing branch",
      details: { base_branch: baseBranch },
    },
  );
}

/** Renames `path` to a free `<path>.stale-<UTC timestamp>[-n]`. */
async function moveAside(path: string, at: Date): Promise<string> {
  const stamp = `${path}.stale-${utcStamp(at)}`;
  let target = stamp;
  for (let n = 1; existsSync(target); n++) target = `${stamp}-${n}`;
  await rename(path, target);
  return target;
}

/** Undoes a creation whose `after_create` failed. */
export async function discardWorktree(
  ctx: GitContext,
  path: string,
  createdBranch: string | null,
): Promise<void> {
  try {
    await worktreeRemove(ctx, path);
  } catch {
    await rm(path, { recursive: true, force: true }); // contained: checked by pathFor
    await worktreePrune(ctx);
  }
  if (createdBranch !== null) await deleteBranch(ctx, createdBranch);
  await rm(setupPendingPath(path), { force: true });
}
