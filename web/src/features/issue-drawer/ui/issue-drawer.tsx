/**
 * The issue drawer: detail (`GET …/issues/{iid}`), sanitised description,
 * labels, skip reason, spend with the cost-cap control, dependencies,
 * comments with an add box, the routing explanation and every run with its
 * live activity, outcome and branch link. It refetches when the board
 * changes (`version`), so a comment, a status move or a run elsewhere shows
 * up live; run activity streams on its own topic.
 */
import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import type { ProjectViewSchema } from "../../../../../src/projects/project-wire.js";
import { api, describeError, issuePath } from "../../../shared/api-client.js";
import { skipText } from "../../board/model/card-facts.js";
import { MarkdownView } from "../../../shared/markdown/markdown-view.js";
import type { IssueDetail, RoutingExplanation, Run, RunningEntry } from "../../../shared/wire.js";
import { drawerSkip } from "../model/drawer.js";
import "./drawer.css";
import { Comments } from "./comments.js";
import { CostCap } from "./cost-cap.js";
import { DependenciesPanel, RoutingPanel, RunsPanel } from "./panels.js";

type Project = z.infer<typeof ProjectViewSchema>;

export interface IssueRef {
  project_id: string;
  id: string;
}

export function IssueDrawer({
  issue,
  version,
  live,
  onClose,
}: {
  issue: IssueRef;
  version: unknown;
  /** The issue's active run in the live state snapshot (its counters move with every usage event). */
  live: RunningEntry | undefined;
  onClose: () => void;
}) {
  const [detail, setDetail] = useState<IssueDetail | null>(null);
  const [routing, setRouting] = useState<RoutingExplanation | string | null>(null);
  const [runs, setRuns] = useState<Run[] | string | null>(null);
  const [project, setProject] = useState<Project | null>(null);
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
    // Only for branch links: without it the branch is shown as text.
    api
      .get<Project>(`/api/v1/projects/${encodeURIComponent(issue.project_id)}`)
      .then(setProject, () => setProject(null));
  }, [issue.project_id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const i = detail?.issue;
  const skip = detail ? drawerSkip(detail) : null;
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
          <p className="muted" data-testid="drawer-meta">
            {detail.project.name} · {i.identifier} ·{" "}
            <span data-testid="drawer-state">{i.state}</span> · {i.type}
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
          {(i.url || i.review?.url) && (
            <p className="drawer-links">
              {i.url && (
                <a href={i.url} target="_blank" rel="noreferrer noopener">
                  Issue page
                </a>
              )}
              {i.review?.url && (
                <a href={i.review.url} target="_blank" rel="noreferrer noopener">
                  Pull request{i.review.number === null ? "" : ` #${i.review.number}`}
                </a>
              )}
            </p>
          )}
          {skip && (
            <p className="badge skip" data-testid="drawer-skip">
              Not dispatched: {skipText(skip)}
            </p>
          )}
          <section>
            <h3>Description</h3>
            <MarkdownView source={i.description} />
          </section>
          <DependenciesPanel issue={i} />
          <CostCap issue={issue} cost={detail.cost} onChanged={load} />
          <RunsPanel runs={runs} live={live} project={project} version={version} />
          <RoutingPanel routing={routing} />
          <Comments issue={issue} comments={detail.comments} onAdded={load} />
        </>
      )}
    </aside>
  );
}
