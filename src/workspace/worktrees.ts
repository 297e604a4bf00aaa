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
import { rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { countAhead, revParse, statusPorcelain, type GitContext } from "../git/ops.js";
import { withRepoLock } from "../git/repo-lock.js";
import { worktreeList } from "../git/worktree-ops.js";
import { removeWorktree, type RemoveRequest, type RemoveResult } from "./cleanup.js";
import { gitCtx, type WorkspaceDeps, type WorkspaceProject } from "./context.js";
import {
  checkoutWorktree,
  discardWorktree,
  setupPendingPath,
  type EnsureRequest,
  type Worktree,
} from "./create.js";
import { assertContained, branchFor, issueKey, projectKey, resolveExisting } from "./keys.js";
import { withPathLock } from "./path-lock.js";

export type { EnsureRequest, Worktree, WorkspaceIssue } from "./create.js";
export type { RemoveRequest, RemoveResult } from "./cleanup.js";
export type { WorkspaceDeps, WorkspaceProject } from "./context.js";

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
        checkoutWorktree(this.deps, ctx, req, path, branch, this.now),
      );
      // A reused worktree whose `after_create` never completed (a crash mid-hook) gets it again.
      const pending = setupPendingPath(path);
      if (!wt.created && !existsSync(pending)) return wt;
      try {
        await req.afterCreate?.(wt);
      } catch (e) {
        await withRepoLock(req.project.clonePath, () =>
          discardWorktree(ctx, path, branchCreated ? branch : null),
        );
        throw e;
      }
      await rm(pending, { force: true });
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
}
