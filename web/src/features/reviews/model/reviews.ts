/**
 * Pure helpers of the Reviews page: the action paths (the review number of a
 * local review is its branch, so it is percent-encoded), labels for the
 * mergeability and CI columns, and how long ago a review changed.
 */
import type { OpenReview } from "./wire.js";

export type ReviewAction = "rebase" | "retry";

/** `POST /api/v1/reviews/{project_id}/{number}/{action}` with both parts percent-encoded. */
export function reviewActionPath(review: OpenReview, action: ReviewAction): string {
  return `/api/v1/reviews/${encodeURIComponent(review.project_id)}/${encodeURIComponent(review.number)}/${action}`;
}

/** A key unique across projects (numbers and branches repeat between projects). */
export function reviewKey(review: Pick<OpenReview, "project_id" | "number">): string {
  return `${review.project_id}\u0000${review.number}`;
}

/** The forge page of a pull/merge request; null for local branches and non-web URLs. */
export function reviewLink(review: Pick<OpenReview, "scm" | "url">): string | null {
  return review.scm !== "local" && /^https?:\/\//i.test(review.url) ? review.url : null;
}

type Tone = "good" | "bad" | "warn" | "none";

const MERGEABLE: Record<OpenReview["mergeable"], { text: string; tone: Tone }> = {
  clean: { text: "Clean", tone: "good" },
  behind: { text: "Behind target", tone: "warn" },
  conflicts: { text: "Conflicts", tone: "bad" },
  unknown: { text: "Unknown", tone: "none" },
};

const CI: Record<OpenReview["ci"], { text: string; tone: Tone }> = {
  passed: { text: "Passed", tone: "good" },
  failed: { text: "Failed", tone: "bad" },
  pending: { text: "Pending", tone: "warn" },
  none: { text: "No CI", tone: "none" },
};

export const mergeableLabel = (m: OpenReview["mergeable"]) => MERGEABLE[m];
export const ciLabel = (c: OpenReview["ci"]) => CI[c];

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`; the date beyond a month. */
export function updatedAgo(iso: string, nowMs: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const s = Math.max(0, Math.round((nowMs - at) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86_400);
  if (days < 31) return `${days} day${days === 1 ? "" : "s"} ago`;
  return iso.slice(0, 10);
}

/** What the page says after an action succeeded. */
export function actionDone(action: ReviewAction, review: OpenReview): string {
  if (action === "rebase") return `Rebased ${review.source_branch} on ${review.target_branch}.`;
  const issue = review.issue;
  return issue
    ? `${issue.identifier} moved to ${issue.state}; a repair run starts shortly.`
    : "Retry requested.";
}
