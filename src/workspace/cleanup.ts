/**
 * Worktree cleanup for issues that reached a terminal status (SPEC §11.4).
 * Nothing an agent wrote is lost: uncommitted and untracked changes are kept
 * as a commit on no branch under `refs/oompah/preserved/<issue-key>/<UTC
 * timestamp>`, and the local branch is only deleted when its head is already
 * on `origin/<branch>` or `origin/<default>`. `before_remove` failures are
 * reported, never blocking; git failures throw so the next sweep retries.
 */
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename } from "node:path";
import { toOompahError, type Warning } from "../domain/errors.js";
import {
  currentBranch,
  remoteHeadBranch,
  revParse,
  statusPorcelain,
  type GitContext,
} from "../git/ops.js";
import { withRepoLock } from "../git/repo-lock.js";
import { snapshotCommit } from "../git/snapshot-ops.js";
import {
  deleteBranch,
  isAncestor,
  updateRef,
  worktreeList,
  worktreePrune,
  worktreeRemove,
} from "../git/worktree-ops.js";
import { gitCtx, utcStamp, type WorkspaceDeps, type WorkspaceProject } from "./context.js";
import { setupPendingPath } from "./create.js";
import type { HookReport } from "./hooks.js";
import { branchFor, resolveExisting, type BranchSource } from "./keys.js";

/** A request to clean up an issue's worktree. */
export interface RemoveRequest {
  project: WorkspaceProject;
  issue: BranchSource;
  /** Same meaning as in `ensure`; used when the worktree is gone and the branch must be derived. */
  workBranch?: boolean;
  /** Runs `before_remove` (its report is returned; a throw is logged and ignored). */
  beforeRemove?: (path: string) => Promise<HookReport | undefined>;
  signal?: AbortSignal;
}

/** What cleanup did. */
export interface RemoveResult {
  path: string;
  /** A registered worktree was removed. */
  removed: boolean;
  /** `refs/oompah/preserved/…` holding the uncommitted changes, or null when clean. */
  preservedRef: string | null;
  branch: string;
  branchDeleted: boolean;
  hook: HookReport | null;
  warnings: Warning[];
}

/** §11.4 for the (already contained) worktree `path`. */
export async function removeWorktree(
  deps: WorkspaceDeps,
  req: RemoveRequest,
  path: string,
  now: () => Date,
): Promise<RemoveResult> {
  const warnings: Warning[] = [];
  const result: RemoveResult = {
    path,
    removed: false,
    preservedRef: null,
    branch: branchFor(req.issue, { workBranch: req.workBranch ?? false }),
    branchDeleted: false,
    hook: null,
    warnings,
  };
  if (existsSync(path) && req.beforeRemove) {
    try {
      result.hook = (await req.beforeRemove(path)) ?? null;
      if (result.hook?.error)
        warnings.push({ code: "hook_failed", message: result.hook.error.message });
    } catch (e) {
      warnings.push({ code: "hook_failed", message: toOompahError(e).message });
    }
  }
  const ctx = gitCtx(deps, req.project, req.project.clonePath, req.signal);
  await withRepoLock(req.project.clonePath, async () => {
    const entry = (await worktreeList(ctx)).find((e) => resolveExisting(e.path) === path);
    if (entry && existsSync(path)) {
      const wtCtx = gitCtx(deps, req.project, path, req.signal);
      result.branch = (await currentBranch(wtCtx)) ?? entry.branch ?? result.branch;
      if ((await statusPorcelain(wtCtx)).length > 0) {
        result.preservedRef = await preserve(deps, wtCtx, ctx, path, now());
      }
      await worktreeRemove(ctx, path);
      result.removed = true;
    } else if (existsSync(path)) {
      warnings.push({
        code: "worktree_not_registered",
        message: `${path} is not a worktree of ${req.project.clonePath}; left in place`,
      });
    }
    await worktreePrune(ctx);
    result.branchDeleted = await dropBranchIfPushed(ctx, req.project, result.branch, warnings);
  });
  if (result.removed) await rm(setupPendingPath(path), { force: true });
  for (const w of warnings) deps.logger?.warn({ path, code: w.code }, w.message);
  return result;
}

/** Stores the worktree's uncommitted changes under `refs/oompah/preserved/<issue-key>/<stamp>`. */
async function preserve(
  deps: WorkspaceDeps,
  wtCtx: GitContext,
  cloneCtx: GitContext,
  path: string,
  at: Date,
): Promise<string> {
  const key = basename(path);
  const sha = await snapshotCommit(
    wtCtx,
    `oompah: uncommitted changes of ${key} preserved at cleanup`,
    deps.tmpDir ?? tmpdir(),
  );
  const base = `refs/oompah/preserved/${key}/${utcStamp(at)}`;
  let ref = base;
  for (let n = 1; (await revParse(cloneCtx, ref)) !== null; n++) ref = `${base}-${n}`;
  await updateRef(cloneCtx, ref, sha);
  deps.logger?.info({ path, ref, sha }, "preserved uncommitted worktree changes");
  return ref;
}

/** Deletes `branch` when `origin/<branch>` or `origin/<default>` contains its head. */
async function dropBranchIfPushed(
  ctx: GitContext,
  project: WorkspaceProject,
  branch: string,
  warnings: Warning[],
): Promise<boolean> {
  const head = await revParse(ctx, `refs/heads/${branch}`);
  if (head === null) return false;
  const checkedOut = (await worktreeList(ctx)).some((e) => e.branch === branch);
  if (checkedOut) return false; // e.g. the main checkout sits on it; never delete under a checkout
  const defaultBranch = project.defaultBranch ?? (await remoteHeadBranch(ctx)) ?? "main";
  for (const remote of [`refs/remotes/origin/${branch}`, `refs/remotes/origin/${defaultBranch}`]) {
    if ((await revParse(ctx, remote)) !== null && (await isAncestor(ctx, head, remote))) {
      await deleteBranch(ctx, branch);
      return true;
    }
  }
  warnings.push({
    code: "branch_kept_unpushed",
    message: `kept local branch ${branch}: its commits are on neither origin/${branch} nor origin/${defaultBranch}`,
  });
  return false;
}
