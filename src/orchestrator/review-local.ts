/**
 * The review monitor's `local` SCM row (SPEC §12.4, §4.3): an In Review
 * issue whose branch head is reachable from its target branch has been
 * merged by hand, so it becomes Merged (with a comment) and its worktree is
 * cleaned up. Each reaction is recorded in `review_observations` keyed by
 * (issue, head, condition) and never repeated for the same head.
 */
import { toOompahError } from "../domain/errors.js";
import { issueInternalKey } from "../domain/dispatch.js";
import type { Issue } from "../domain/issue.js";
import { fetchRemote, revParse, type GitContext } from "../git/ops.js";
import { isAncestor } from "../git/worktree-ops.js";
import { identityEnv } from "../git/git.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import { branchFor } from "../workspace/keys.js";
import { cfgOf, postComment, type DispatchDeps } from "./dispatch-deps.js";
import { workspaceProjectOf, type DispatchProject } from "./ports.js";
import { isNative } from "./recovery.js";

const CONDITION = "merged";

async function firstSha(ctx: GitContext, refs: readonly string[]): Promise<string | null> {
  for (const ref of refs) {
    const sha = await revParse(ctx, ref);
    if (sha) return sha;
  }
  return null;
}

/** The branch the issue's runs used (the latest run's), else the derived one. */
async function branchOf(
  deps: DispatchDeps,
  project: DispatchProject,
  issue: Issue,
): Promise<string> {
  const [latest] = await deps.store.runs.list({
    project_id: project.id,
    issue_id: issue.id,
    limit: 1,
  });
  return (
    latest?.branch ?? branchFor(issue, { workBranch: isNative(project, cfgOf(deps).tracker.kind) })
  );
}

/** Checks the In Review issues of one `local` project; returns the issues marked Merged. */
export async function monitorLocalReviews(
  deps: DispatchDeps,
  project: DispatchProject,
  tracker: TrackerAdapter,
  issues: readonly Issue[],
  gitEnv: NodeJS.ProcessEnv,
): Promise<Issue[]> {
  const inReview = issues.filter((i) => i.state === "In Review");
  if (inReview.length === 0) return [];
  const ctx: GitContext = {
    cwd: project.clone_path,
    env: {
      ...gitEnv,
      ...identityEnv({ name: project.git_author_name, email: project.git_author_email }),
    },
  };
  await fetchRemote(ctx, "origin", { prune: true }).catch(() => undefined);
  const merged: Issue[] = [];
  for (const issue of inReview) {
    try {
      const branch = await branchOf(deps, project, issue);
      const target = issue.target_branch ?? project.default_branch ?? "main";
      const head = await firstSha(ctx, [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`]);
      const base = await firstSha(ctx, [`refs/remotes/origin/${target}`, `refs/heads/${target}`]);
      if (!head || !base || !(await isAncestor(ctx, head, base))) continue;
      const key = issueInternalKey(issue);
      const seen = await deps.store.db
        .selectFrom("review_observations")
        .select("issue_key")
        .where("issue_key", "=", key)
        .where("head_sha", "=", head)
        .where("condition", "=", CONDITION)
        .executeTakeFirst();
      if (seen) continue;
      await deps.store.db
        .insertInto("review_observations")
        .values({
          issue_key: key,
          head_sha: head,
          condition: CONDITION,
          observed_at: deps.now().toISOString(),
        })
        .execute();
      await tracker.updateIssue(issue.id, { status: "Merged" });
      await postComment(
        deps,
        tracker,
        issue.id,
        `Branch ${branch} merged into ${target}; marked Merged.`,
      );
      const wp = workspaceProjectOf(project);
      await deps.workspace
        .remove({ project: wp, issue, workBranch: isNative(project, cfgOf(deps).tracker.kind) })
        .catch((e: unknown) => {
          const err = toOompahError(e);
          deps.logger.warn(
            { component: "review", issue: issue.identifier, code: err.code },
            err.message,
          );
        });
      merged.push(issue);
    } catch (e) {
      const err = toOompahError(e);
      deps.logger.warn(
        { component: "review", project: project.id, issue: issue.identifier, code: err.code },
        `local review check failed: ${err.message}`,
      );
    }
  }
  return merged;
}
