/**
 * The Reviews page (§17.5, §12.4): the open pull/merge requests of every
 * project — for `local` projects the delivered `oompah/` branches not yet
 * merged — with mergeability, CI and the linked issue, and the Rebase and
 * Retry actions. It is refetched when a run finishes (a branch was pushed)
 * and when an issue changes (its status is shown).
 */
import { useState } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import type { DashboardData } from "../../../shared/use-dashboard.js";
import { useClock } from "../../../shared/use-clock.js";
import { useResource } from "../../../shared/use-resource.js";
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

interface Message {
  tone: "error" | "ok";
  text: string;
}

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
  const [busy, setBusy] = useState<ReviewAction | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const run = (action: ReviewAction) => {
    setBusy(action);
    setMessage(null);
    api
      .post<{ review: OpenReview }>(reviewActionPath(review, action))
      .then(
        (res) => {
          setMessage({ tone: "ok", text: actionDone(action, res.review) });
          onDone();
        },
        (err: unknown) =>
          setMessage({ tone: "error", text: `Could not ${action}: ${describeError(err)}` }),
      )
      .finally(() => setBusy(null));
  };
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
                  className="link identifier"
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
            disabled={busy !== null}
            onClick={() => run("rebase")}
            title={
              review.supports_rebase
                ? "Rebase the branch on its target on the server"
                : "This SCM cannot rebase on a server; the answer explains what to do"
            }
            data-testid="rebase"
          >
            {busy === "rebase" ? "Rebasing…" : "Rebase"}
          </button>
          <button
            type="button"
            disabled={busy !== null || !issue}
            onClick={() => run("retry")}
            title={
              issue
                ? `Move ${issue.identifier} to Needs CI Fix for a repair run`
                : "No linked issue: only branches pushed by an oompah run can be retried"
            }
            data-testid="retry"
          >
            {busy === "retry" ? "Retrying…" : "Retry"}
          </button>
        </td>
      </tr>
      {message && (
        <tr className="message-row">
          <td colSpan={7}>
            <div
              className={`review-message ${message.tone}`}
              role={message.tone === "error" ? "alert" : "status"}
              data-testid="review-message"
            >
              {message.text}
              <button type="button" aria-label="Dismiss" onClick={() => setMessage(null)}>
                ×
              </button>
            </div>
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
    <main className="page reviews-page" data-testid="reviews-page">
      <div className="reviews-head">
        <h2>Reviews</h2>
        <button type="button" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </div>
      {list.error && (
        <div className="banner error" role="alert" data-testid="reviews-error">
          Could not load reviews: {list.error}{" "}
          <button type="button" onClick={list.reload}>
            Retry
          </button>
        </div>
      )}
      {list.data?.errors.map((e) => (
        <div key={e.project_id} className="banner warning" role="status">
          <strong>{names.get(e.project_id) ?? e.project_id}</strong> {e.code}: {e.message}
          {e.hint ? ` (${e.hint})` : ""}
        </div>
      ))}
      {list.loading && !list.data && !list.error && (
        <p className="empty-state" data-testid="reviews-loading">
          Loading reviews…
        </p>
      )}
      {list.data && reviews.length === 0 && (
        <div className="empty-state" data-testid="reviews-empty">
          <p>No open reviews.</p>
          <p className="muted">
            When an agent run delivers its work, the pushed branch (local projects) or its pull
            request appears here with its CI and merge state, until it is merged into its target.
          </p>
        </div>
      )}
      {reviews.length > 0 && (
        <div className="table-scroll">
          <table className="reviews-table" data-testid="reviews-table">
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Branch → target</th>
                <th scope="col">Linked issue</th>
                <th scope="col">Mergeable</th>
                <th scope="col">CI</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
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
          </table>
        </div>
      )}
    </main>
  );
}
