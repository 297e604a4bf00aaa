/**
 * The SCM port (SPEC §12.2): what delivery and the review monitor need from a
 * forge. `github` and `gitlab` open pull/merge requests; `local` has no
 * reviews beyond pushed branches (§12.3). Pushing itself is plain git and is
 * done by delivery for every kind.
 */

export type ScmKind = "github" | "gitlab" | "local";

export type CiState = "passed" | "failed" | "pending" | "none";

/** A pull/merge request (for `local`: a pushed branch not yet in its target). */
export interface Review {
  /** PR/MR number; the branch name for `local`. */
  number: string;
  url: string;
  title: string;
  author: string;
  state: "open" | "merged" | "closed";
  draft: boolean;
  source_branch: string;
  target_branch: string;
  head_sha: string;
  mergeable: "clean" | "behind" | "conflicts" | "unknown";
  ci: CiState;
  updated_at: string;
}

export interface CreateReviewInput {
  branch: string;
  target: string;
  title: string;
  body: string;
  draft: boolean;
}

export interface ScmAdapter {
  readonly kind: ScmKind;
  readonly supportsServerRebase: boolean;
  findOpenReview(branch: string): Promise<Review | null>;
  createReview(r: CreateReviewInput): Promise<Review>;
  getReview(number: string): Promise<Review>;
  listOpenReviews(): Promise<Review[]>;
  ciStatus(headSha: string): Promise<{ state: CiState; failing: string[] }>;
  rebaseReview(number: string): Promise<void>;
}
