/**
 * Per-issue worktrees of a managed clone (SPEC §11.2). `ensure` is
 * idempotent and serialised per worktree path; git mutations of the clone
 * additionally hold the project lock shared with the tracker. An existing
 * worktree on the expected branch is reused exactly as it is — an
 * interrupted run's uncommitted work is the next run's starting point — and
 * anything else found at the path is moved aside as `*.stale-<timestamp>`.
 * Branches live in the clone, so a deleted worktree directory is simply
 * checked out again.
 */
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { OompahError, toOompahError, type Warning } from "../domain/errors.js";
import {
  countAhead,
  fetchRemote,
  remoteHeadBranch,
  revParse,
  statusPorcelain,
  type GitContext,
} from "../git/ops.js";
import { withRepoLock } from "../git/repo-lock.js";
import {
  deleteBranch,
  mergeBase,
  worktreeAdd,
  worktreeList,
  worktreePrune,
  worktreeRemove,
} from "../git/worktree-ops.js";
import { removeWorktree, type RemoveRequest, type RemoveResult } from "./cleanup.js";
import { gitCtx, utcStamp, type WorkspaceDeps, type WorkspaceProject } from "./context.js";
import {
  assertContained,
  branchFor,
  issueKey,
  projectKey,
  resolveExisting,
  type BranchSource,
} from "./keys.js";
import { withPathLock } from "./path-lock.js";

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

/** A registered worktree of a project. */
export interface WorktreeInfo {
  path: string;
  issueKey: string;
  branch: string | null;
  head: string | null;
}

export class WorktreeManager {
  private readonly now: () => Date;

  constructor(private readonly deps: WorkspaceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The contained worktree path of an issue (throws `workspace_path_violation`). */
  pathFor(project: WorkspaceProject, identifier: string): string {
    const path = join(this.deps.workspaceRoot, projectKey(project.name), issueKey(identifier));
    return assertContained(this.deps.workspaceRoot, path);
  }

  /** Creates or reuses the issue's worktree (§11.2). */
  async ensure(req: EnsureRequest): Promise<Worktree> {
    const path = this.pathFor(req.project, req.issue.identifier);
    const branch = branchFor(req.issue, { workBranch: req.workBranch ?? false });
    return withPathLock(path, async () => {
      const ctx = gitCtx(this.deps, req.project, req.project.clonePath, req.signal);
      const { wt, branchCreated } = await withRepoLock(req.project.clonePath, () =>
        this.ensureLocked(ctx, req, path, branch),
      );
      if (!wt.created || !req.afterCreate) return wt;
      try {
        await req.afterCreate(wt);
      } catch (e) {
        await withRepoLock(req.project.clonePath, () =>
          this.discard(ctx, path, branchCreated ? branch : null),
        );
        throw e;
      }
      return wt;
    });
  }

  /** Cleans up an issue's worktree (§11.4); see `cleanup.ts`. */
  async remove(req: RemoveRequest): Promise<RemoveResult> {
    const path = this.pathFor(req.project, req.issue.identifier);
    return withPathLock(path, () => removeWorktree(this.deps, req, path, this.now));
  }

  /** Registered worktrees under the project's directory of `workspace.root`. */
  async list(project: WorkspaceProject): Promise<WorktreeInfo[]> {
    const dir = resolveExisting(join(this.deps.workspaceRoot, projectKey(project.name)));
    const entries = await worktreeList(gitCtx(this.deps, project));
    return entries
      .filter((e) => dirname(resolveExisting(e.path)) === dir)
      .map((e) => ({ path: e.path, issueKey: basename(e.path), branch: e.branch, head: e.head }));
  }

  /** True when the worktree has uncommitted/untracked changes or commits after `baseSha`. */
  async hasChanges(path: string, baseSha: string | null): Promise<boolean> {
    const ctx: GitContext = { cwd: path, env: this.deps.gitEnv };
    if ((await statusPorcelain(ctx)).length > 0) return true;
    return baseSha === null
      ? (await revParse(ctx, "HEAD")) !== null
      : (await countAhead(ctx, baseSha)) > 0;
  }

  private async ensureLocked(
    ctx: GitContext,
    req: EnsureRequest,
    path: string,
    branch: string,
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
    const baseRef = await this.baseRef(ctx, baseBranch);
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
      for (const w of warnings) this.deps.logger?.warn({ path, code: w.code }, w.message);
      return { wt, branchCreated };
    };

    let entries = await worktreeList(ctx);
    if (existsSync(path)) {
      const entry = entries.find((e) => resolveExisting(e.path) === path);
      if (entry && entry.branch === branch && existsSync(join(path, ".git")))
        return done(false, false);
      const stale = await this.moveAside(path);
      warnings.push({
        code: "stale_worktree_renamed",
        message: `${path} was not this issue's worktree; moved to ${stale}`,
      });
      entries = await worktreeList(ctx);
    }
    if (entries.some((e) => e.prunable)) await worktreePrune(ctx);
    await mkdir(dirname(path), { recursive: true });

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

  /** `origin/<base>`, else the local branch (offline clones); otherwise `workspace_error`. */
  private async baseRef(ctx: GitContext, baseBranch: string): Promise<string> {
    if ((await revParse(ctx, `refs/remotes/origin/${baseBranch}`)) !== null)
      return `refs/remotes/origin/${baseBranch}`;
    if ((await revParse(ctx, `refs/heads/${baseBranch}`)) !== null)
      return `refs/heads/${baseBranch}`;
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
  private async moveAside(path: string): Promise<string> {
    const stamp = `${path}.stale-${utcStamp(this.now())}`;
    let target = stamp;
    for (let n = 1; existsSync(target); n++) target = `${stamp}-${n}`;
    await rename(path, target);
    return target;
  }

  /** Undoes a creation whose `after_create` failed. */
  private async discard(
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
  }
}
