/**
 * Snapshots a worktree's uncommitted and untracked changes as a commit that
 * lives on no branch (SPEC §11.4): a temporary index (`GIT_INDEX_FILE`) seeded
 * from the real one so unchanged files are not re-hashed, `add -A`,
 * `write-tree`, `commit-tree` on top of HEAD. The worktree, its index and its
 * branch are left exactly as they were.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { git } from "./git.js";
import type { GitContext } from "./ops.js";
import { gitPath } from "./worktree-ops.js";

/**
 * Builds the snapshot commit of the checkout at `ctx.cwd`; its parent is HEAD.
 * `ctx.env` must carry the committer identity. `tmpDir` holds the scratch index.
 */
export async function snapshotCommit(
  ctx: GitContext,
  message: string,
  tmpDir: string,
): Promise<string> {
  const scratch = await mkdtemp(join(tmpDir, "oompah-index-"));
  const index = join(scratch, "index");
  try {
    try {
      await copyFile(await gitPath(ctx, "index"), index);
    } catch {
      // No index yet: start from HEAD's tree instead.
      await git(["read-tree", "HEAD"], { ...ctx, env: { ...ctx.env, GIT_INDEX_FILE: index } });
    }
    const withIndex: GitContext = { ...ctx, env: { ...ctx.env, GIT_INDEX_FILE: index } };
    await git(["add", "-A"], withIndex);
    const tree = (await git(["write-tree"], withIndex)).stdout.trim();
    const r = await git(["commit-tree", tree, "-p", "HEAD", "-m", message], withIndex);
    return r.stdout.trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
