/**
 * How open reviews relate to issues (SPEC §12.4). A review is linked to the
 * issue whose latest run used its source branch — the branch oompah pushed —
 * which also covers forge PRs, whose head is that branch. Retry moves the
 * linked issue to Needs CI Fix, so the orchestrator starts a repair run on
 * that branch.
 */
import { OompahError } from "../domain/errors.js";
import type { Issue } from "../domain/issue.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { Review } from "../scm/scm.js";
import type { RunsRepo } from "../store/runs.js";

/** The status Retry moves a review's issue to; a repair run starts from it. */
export const RETRY_STATUS: CanonicalStatus = "Needs CI Fix";

export interface ReviewLinkPorts {
  runs: Pick<RunsRepo, "latestIssueByBranch">;
  /** The project's issues by id, from its tracker; an unknown id is omitted. */
  issuesByIds(projectId: string, ids: string[]): Promise<Issue[]>;
  /** Moves an issue as a board move does (wakes the orchestrator); the issue as stored. */
  moveIssue(projectId: string, issueId: string, status: CanonicalStatus): Promise<Issue>;
}

/** The issue linked to each review, in order; null when no run of the project used its branch. */
export async function linkedIssues(
  ports: ReviewLinkPorts,
  projectId: string,
  reviews: readonly Pick<Review, "source_branch">[],
): Promise<Array<Issue | null>> {
  const branches = [...new Set(reviews.map((r) => r.source_branch))];
  const issueOfBranch = await ports.runs.latestIssueByBranch(projectId, branches);
  const ids = [...new Set(issueOfBranch.values())];
  const issues = ids.length === 0 ? [] : await ports.issuesByIds(projectId, ids);
  const byId = new Map(issues.map((i) => [i.id, i]));
  return reviews.map((r) => {
    const id = issueOfBranch.get(r.source_branch);
    return (id === undefined ? undefined : byId.get(id)) ?? null;
  });
}

/** Retry: moves the review's linked issue to {@link RETRY_STATUS}; the moved issue. */
export async function retryReview(
  ports: ReviewLinkPorts,
  projectId: string,
  review: { number: string; issue: Pick<Issue, "id"> | null },
): Promise<Issue> {
  if (!review.issue)
    throw new OompahError("linked_issue_not_found", `no issue is linked to ${review.number}`, {
      hint: "only branches pushed by an oompah run have an issue; move the issue on the board instead",
    });
  return ports.moveIssue(projectId, review.issue.id, RETRY_STATUS);
}
