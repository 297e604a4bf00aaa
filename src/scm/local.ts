/**
 * The `local` SCM (SPEC §12.3): no pull requests. A "review" is an `oompah/`
 * branch on origin; it is open while its head is not contained in the target
 * branch and merged once it is. Mergeability comes from
 * `git merge-tree --write-tree`; there is no CI and no server-side rebase.
 */
import { OompahError } from "../domain/errors.js";
import { git } from "../git/git.js";
import { fetchRemote, revParse, type GitContext } from "../git/ops.js";
import { isAncestor } from "../git/worktree-ops.js";
import type { CiState, Review, ScmAdapter } from "./scm.js";

export interface LocalScmOptions {
  /** The managed clone (its `origin` is the remote). */
  clonePath: string;
  defaultBranch: string;
  env: NodeJS.ProcessEnv;
  /** Prefix of branches listed as open reviews (default `oompah/`). */
  branchPrefix?: string;
  /** Fetch before reading remote refs (default true). */
  fetch?: boolean;
}

function rebaseUnsupported(): OompahError {
  return new OompahError("rebase_unsupported", "the local SCM cannot rebase on a server", {
    hint: "rebase the branch locally, or move the issue to Needs Rebase for a repair run",
  });
}

export function createLocalScm(o: LocalScmOptions): ScmAdapter {
  const ctx: GitContext = { cwd: o.clonePath, env: o.env };
  const prefix = o.branchPrefix ?? "oompah/";
  const refresh = async (): Promise<void> => {
    if (o.fetch === false) return;
    try {
      await fetchRemote(ctx, "origin", { prune: true });
    } catch {
      // Offline: the last fetched refs are still a valid view.
    }
  };
  const mergeable = async (target: string, branch: string): Promise<Review["mergeable"]> => {
    const r = await git(
      [
        "merge-tree",
        "--write-tree",
        `refs/remotes/origin/${target}`,
        `refs/remotes/origin/${branch}`,
      ],
      { ...ctx, okExitCodes: [1] },
    ).catch(() => null);
    if (r === null) return "unknown";
    return r.exitCode === 0 ? "clean" : "conflicts";
  };
  const reviewOf = async (branch: string, target = o.defaultBranch): Promise<Review | null> => {
    const head = await revParse(ctx, `refs/remotes/origin/${branch}`);
    if (head === null) return null;
    const targetHead = await revParse(ctx, `refs/remotes/origin/${target}`);
    const merged = targetHead !== null && (await isAncestor(ctx, head, targetHead));
    const date = (await git(["log", "-1", "--format=%cI", head], ctx)).stdout.trim();
    return {
      number: branch,
      url: branch,
      title: (await git(["log", "-1", "--format=%s", head], ctx)).stdout.trim(),
      author: (await git(["log", "-1", "--format=%an", head], ctx)).stdout.trim(),
      state: merged ? "merged" : "open",
      draft: false,
      source_branch: branch,
      target_branch: target,
      head_sha: head,
      mergeable: merged ? "clean" : await mergeable(target, branch),
      ci: "none",
      updated_at: date === "" ? new Date(0).toISOString() : new Date(date).toISOString(),
    };
  };
  return {
    kind: "local",
    supportsServerRebase: false,
    async findOpenReview(branch) {
      await refresh();
      const r = await reviewOf(branch);
      return r?.state === "open" ? r : null;
    },
    async createReview(r) {
      await refresh();
      const review = await reviewOf(r.branch, r.target);
      if (!review)
        throw new OompahError("review_not_found", `branch ${r.branch} is not on origin`, {
          hint: "push the branch before recording it as a review",
        });
      return review;
    },
    async getReview(number) {
      await refresh();
      const r = await reviewOf(number);
      if (!r) throw new OompahError("review_not_found", `branch ${number} is not on origin`);
      return r;
    },
    async listOpenReviews() {
      await refresh();
      const refs = (
        await git(["for-each-ref", "--format=%(refname)", `refs/remotes/origin/${prefix}`], ctx)
      ).stdout
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => l.slice("refs/remotes/origin/".length));
      const out: Review[] = [];
      for (const b of refs) {
        const r = await reviewOf(b);
        if (r?.state === "open") out.push(r);
      }
      return out;
    },
    ciStatus(): Promise<{ state: CiState; failing: string[] }> {
      return Promise.resolve({ state: "none", failing: [] });
    },
    rebaseReview(): Promise<void> {
      return Promise.reject(rebaseUnsupported());
    },
  };
}
