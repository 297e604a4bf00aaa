/**
 * The Reviews page (§17.5, §12.4): the open pull/merge requests of every
 * project — for `local` projects the delivered `oompah/` branches not yet
 * merged — with mergeability, CI and the linked issue, and the Rebase and
 * Retry actions. It is refetched when a run finishes (a branch was pushed)
 * and when an issue changes (its status is shown).
 */
import { api } from "../../../shared/api-client.js";
import type { DashboardData } from "../../../shared/use-dashboard.js";
import { useClock } from "../../../shared/use-clock.js";
import { useRequest } from "../../../shared/use-request.js";
import { useResource } from "../../../shared/use-resource.js";
import { OutcomeLine } from "../../../shared/ui/actions.js";
import { DataTable } from "../../../shared/ui/data.js";
import { EmptyState, PageHead, ProjectErrors, ResourceStatus } from "../../../shared/ui/page.js";
import {
  actionDone,
  ciLabel,
  mergeableLabel,
  reviewActionPath,
  reviewKey,
  reviewLink,
  updatedAgo,
  type ReviewAction,
} from "../model/reviews.js";
import type { OpenReview, ReviewList } from "../model/wire.js";
import "./reviews.css";

const LIVE = ["run_finished", "issue_changed"] as const;

function ReviewRow({
  review,
  nowMs,
  onOpenIssue,
  onDone,
}: {
  review: OpenReview;
  nowMs: number;
  onOpenIssue?: (ref: { project_id: string; id: string }) => void;
  onDone: () => void;
}) {
  const request = useRequest<ReviewAction>();
  const run = (action: ReviewAction) =>
    request.send(
      () => api.post<{ review: OpenReview }>(reviewActionPath(review, action)),
      (res) => {
        onDone();
        return actionDone(action, res.review);
      },
      { as: action, failure: `Could not ${action}` },
    );
  const mergeable = mergeableLabel(review.mergeable);
  const ci = ciLabel(review.ci);
  const issue = review.issue;
  const link = reviewLink(review);
  return (
    <>
      <tr data-testid="review-row" data-branch={review.source_branch}>
        <td>{review.project_name}</td>
        <td>
          <span className="branch">{review.source_branch}</span>
          <span className="muted"> → {review.target_branch}</span>
          {review.draft && <span className="tag">draft</span>}
          {link && (
            <a className="review-link" href={link} target="_blank" rel="noreferrer noopener">
              #{review.number}
            </a>
          )}
          <span className="muted review-title">{review.title}</span>
        </td>
        <td data-testid="review-issue">
          {issue ? (
            <>
              {onOpenIssue ? (
                <button
                  type="button"
                  className="text-link identifier"
                  onClick={() => onOpenIssue({ project_id: review.project_id, id: issue.id })}
                >
                  {issue.identifier}
                </button>
              ) : (
                <span className="identifier">{issue.identifier}</span>
              )}{" "}
              <span className="issue-title">{issue.title}</span>
              <span className="muted issue-state">{issue.state}</span>
            </>
          ) : (
            <span className="muted">No linked issue</span>
          )}
        </td>
        <td>
          <span className={`tone tone-${mergeable.tone}`}>{mergeable.text}</span>
        </td>
        <td>
          <span className={`tone tone-${ci.tone}`}>{ci.text}</span>
        </td>
        <td title={review.updated_at}>{updatedAgo(review.updated_at, nowMs)}</td>
        <td className="actions">
          <button
            type="button"
            disabled={request.busy}
            onClick={() => run("rebase")}
            title={
              review.supports_rebase
                ? "Rebase the branch on its target on the server"
                : "This SCM cannot rebase on a server; the answer explains what to do"
            }
            data-testid="rebase"
          >
            {request.running === "rebase" ? "Rebasing…" : "Rebase"}
          </button>
          <button
            type="button"
            disabled={request.busy || !issue}
            onClick={() => run("retry")}
            title={
              issue
                ? `Move ${issue.identifier} to Needs CI Fix for a repair run`
                : "No linked issue: only branches pushed by an oompah run can be retried"
            }
            data-testid="retry"
          >
            {request.running === "retry" ? "Retrying…" : "Retry"}
          </button>
        </td>
      </tr>
      {request.outcome && (
        <tr className="message-row">
          <td colSpan={7}>
            <OutcomeLine
              outcome={request.outcome}
              className="review-message"
              testId="review-message"
              onDismiss={() => request.show(null)}
            />
          </td>
        </tr>
      )}
    </>
  );
}

export function ReviewsPage({
  data,
  openIssue,
}: {
  data: DashboardData;
  openIssue?: (ref: { project_id: string; id: string }) => void;
}) {
  const list = useResource<ReviewList>("/api/v1/reviews", data.subscribe, LIVE);
  const nowMs = useClock(60_000);
  const names = new Map((data.state?.projects ?? []).map((p) => [p.id, p.name]));
  const reviews = list.data?.reviews ?? [];
  return (
    <main className="page page-stack reviews-page" data-testid="reviews-page">
      <PageHead title="Reviews">
        <button type="button" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </PageHead>
      <ResourceStatus resource={list} what="reviews" loading="Loading reviews…" testId="reviews" />
      <ProjectErrors errors={list.data?.errors} names={names} />
      {list.data && reviews.length === 0 && (
        <EmptyState title="No open reviews." testId="reviews-empty">
          When an agent run delivers its work, the pushed branch (local projects) or its pull
          request appears here with its CI and merge state, until it is merged into its target.
        </EmptyState>
      )}
      {reviews.length > 0 && (
        <DataTable
          data-testid="reviews-table"
          columns={[
            "Project",
            "Branch → target",
            "Linked issue",
            "Mergeable",
            "CI",
            "Updated",
            { label: "Actions", hidden: true },
          ]}
        >
          <tbody>
            {reviews.map((r) => (
              <ReviewRow
                key={reviewKey(r)}
                review={r}
                nowMs={nowMs}
                onDone={list.reload}
                {...(openIssue ? { onOpenIssue: openIssue } : {})}
              />
            ))}
          </tbody>
        </DataTable>
      )}
    </main>
  );
}
