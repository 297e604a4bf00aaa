/**
 * The issue drawer: detail (`GET …/issues/{iid}`), sanitised description,
 * labels, skip reason, comments with an add box, the routing explanation and
 * the run history. It refetches when the board changes (`version`), so a
 * comment or run elsewhere shows up live.
 */
import { useCallback, useEffect, useState } from "react";
import { api, describeError, issuePath } from "../../../shared/api-client.js";
import { MarkdownView } from "../../../shared/markdown/markdown-view.js";
import type { IssueDetail, RoutingExplanation, Run } from "../../../shared/wire.js";
import { Comments } from "./comments.js";
import { RoutingPanel, RunsPanel } from "./panels.js";

export interface IssueRef {
  project_id: string;
  id: string;
}

export function IssueDrawer({
  issue,
  version,
  onClose,
}: {
  issue: IssueRef;
  version: unknown;
  onClose: () => void;
}) {
  const [detail, setDetail] = useState<IssueDetail | null>(null);
  const [routing, setRouting] = useState<RoutingExplanation | string | null>(null);
  const [runs, setRuns] = useState<Run[] | string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const path = issuePath(issue.project_id, issue.id);
    api.get<IssueDetail>(path).then(
      (d) => {
        setDetail(d);
        setError(null);
      },
      (err: unknown) => setError(describeError(err)),
    );
    api
      .get<RoutingExplanation>(`${path}/routing`)
      .then(setRouting, (err: unknown) => setRouting(describeError(err)));
    const q = new URLSearchParams({ project_id: issue.project_id, issue_id: issue.id });
    api.get<{ runs: Run[] }>(`/api/v1/runs?${q.toString()}`).then(
      (r) => setRuns(r.runs),
      (err: unknown) => setRuns(describeError(err)),
    );
  }, [issue.project_id, issue.id]);

  useEffect(() => load(), [load, version]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const i = detail?.issue;
  return (
    <aside className="drawer" aria-label="Issue" data-testid="drawer">
      <button type="button" className="close" onClick={onClose} aria-label="Close">
        ×
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!detail && !error && <p className="muted">Loading…</p>}
      {detail && i && (
        <>
          <p className="muted">
            {detail.project.name} · {i.identifier} · {i.state} · {i.type}
            {i.priority === null ? "" : ` · P${i.priority}`}
          </p>
          <h2 data-testid="drawer-title">{i.title}</h2>
          {i.labels.length > 0 && (
            <ul className="labels">
              {i.labels.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
          {detail.skip_reason && <p className="badge skip">Not dispatched: {detail.skip_reason}</p>}
          <section>
            <h3>Description</h3>
            <MarkdownView source={i.description} />
          </section>
          <RoutingPanel routing={routing} />
          <RunsPanel runs={runs} />
          <Comments issue={issue} comments={detail.comments} onAdded={load} />
        </>
      )}
    </aside>
  );
}
