/**
 * One project: clone status (with the error message), tracker and SCM, the
 * worktree count, webhook status, and the controls — pause/resume, sync,
 * settings, and remove behind a confirmation that offers the purge.
 */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import { formatTime } from "../../../shared/format.js";
import type { LiveSubscribe } from "../../../shared/use-dashboard.js";
import { useRequest } from "../../../shared/use-request.js";
import { useResource } from "../../../shared/use-resource.js";
import { OutcomeLine } from "../../../shared/ui/actions.js";
import { Fact } from "../../../shared/ui/data.js";
import { Check } from "../../../shared/ui/field.js";
import { cloneStatusText, webhookText } from "../model/projects.js";
import type { Project, ProjectSummary, Worktree } from "../model/wire.js";
import { ProjectSettings } from "./project-settings.js";

const WORKTREE_EVENTS = ["project_changed", "run_started", "run_finished"] as const;

type Action = "pause" | "sync" | "remove";

export function ProjectRow({
  project,
  summary,
  subscribe,
  onChanged,
}: {
  project: Project;
  summary: ProjectSummary | undefined;
  subscribe: LiveSubscribe;
  onChanged: () => void;
}) {
  const request = useRequest<Action>();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [purge, setPurge] = useState(false);
  const base = `/api/v1/projects/${encodeURIComponent(project.id)}`;
  const worktrees = useResource<{ worktrees: Worktree[] }>(
    `${base}/worktrees`,
    subscribe,
    WORKTREE_EVENTS,
  );

  const act = (action: Action, call: () => Promise<unknown>) =>
    request.send(call, onChanged, { as: action });

  return (
    <article
      className="panel project"
      data-testid="project-row"
      data-project={project.id}
      data-name={project.name}
      aria-label={`Project ${project.name}`}
    >
      <header className="project-head">
        <h3>{project.name}</h3>
        <span
          className={`clone-status clone-${project.status}`}
          data-testid="clone-status"
          data-status={project.status}
        >
          {cloneStatusText(project)}
        </span>
        {project.paused && (
          <span className="paused" data-testid="project-paused">
            paused
          </span>
        )}
      </header>
      <p className="muted repo">{project.repo_url}</p>
      {project.error?.hint && <p className="muted">Hint: {project.error.hint}</p>}
      <dl className="fact-grid">
        <Fact label="Tracker">{project.tracker_kind ?? "service default"}</Fact>
        <Fact label="SCM">
          {project.scm}
          {project.default_branch ? ` · ${project.default_branch}` : ""}
        </Fact>
        <Fact label="Worktrees" testId="worktree-count">
          {worktrees.data ? worktrees.data.worktrees.length : worktrees.error ? "unavailable" : "…"}
        </Fact>
        <Fact
          label="Webhooks"
          className={summary?.webhooks.degraded ? "error" : undefined}
          testId="webhooks"
        >
          {webhookText(summary)}
          {summary?.webhooks.degraded ? " · degraded" : ""}
        </Fact>
        <Fact label="Last sync">
          {project.last_sync_at ? formatTime(project.last_sync_at) : "never"}
        </Fact>
      </dl>
      <div className="editor-actions">
        <button
          type="button"
          disabled={request.busy}
          onClick={() =>
            act("pause", () => api.post(`${base}/${project.paused ? "resume" : "pause"}`, {}))
          }
          data-testid="pause-toggle"
        >
          {project.paused ? "Resume" : "Pause"}
        </button>
        <button
          type="button"
          disabled={request.busy}
          onClick={() => act("sync", () => api.post(`${base}/sync`, {}))}
          data-testid="sync"
        >
          {request.running === "sync" ? "Syncing…" : "Sync"}
        </button>
        <button
          type="button"
          aria-expanded={editing}
          onClick={() => setEditing((e) => !e)}
          data-testid="settings-toggle"
        >
          Settings
        </button>
        <button
          type="button"
          className="danger"
          disabled={request.busy}
          onClick={() => setRemoving(true)}
          data-testid="remove"
        >
          Remove
        </button>
      </div>
      {removing && (
        <div
          className="remove-dialog"
          role="alertdialog"
          aria-label="Confirm removal"
          data-testid="remove-confirm"
        >
          <p>
            Remove <strong>{project.name}</strong> from oompah? Running runs are cancelled first.
          </p>
          <Check checked={purge} onChange={setPurge} testId="remove-purge">
            Also delete its managed clone and worktrees (purge)
          </Check>
          <div className="editor-actions">
            <button
              type="button"
              className="danger"
              disabled={request.busy}
              onClick={() => act("remove", () => api.del(`${base}${purge ? "?purge=true" : ""}`))}
              data-testid="remove-confirm-button"
            >
              {request.running === "remove" ? "Removing…" : purge ? "Remove and purge" : "Remove"}
            </button>
            <button type="button" onClick={() => setRemoving(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {editing && (
        <ProjectSettings
          project={project}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onClose={() => setEditing(false)}
        />
      )}
      <OutcomeLine outcome={request.outcome} testId="project-error" />
    </article>
  );
}
