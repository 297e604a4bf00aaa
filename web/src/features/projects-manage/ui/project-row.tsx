/**
 * One project: clone status (with the error message), tracker and SCM, the
 * worktree count, webhook status, and the controls — pause/resume, sync,
 * settings, and remove behind a confirmation that offers the purge.
 */
import { useState } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import type { LiveSubscribe } from "../../../shared/use-dashboard.js";
import { useResource } from "../../../shared/use-resource.js";
import {
  cloneStatusText,
  formatWhen,
  webhookText,
  type Project,
  type ProjectSummary,
  type Worktree,
} from "../model/projects.js";
import { ProjectSettings } from "./project-settings.js";

const WORKTREE_EVENTS = ["project_changed", "run_started", "run_finished"] as const;

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
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [purge, setPurge] = useState(false);
  const base = `/api/v1/projects/${encodeURIComponent(project.id)}`;
  const worktrees = useResource<{ worktrees: Worktree[] }>(
    `${base}/worktrees`,
    subscribe,
    WORKTREE_EVENTS,
  );

  const act = (label: string, call: () => Promise<unknown>) => {
    setBusy(label);
    setError(null);
    call()
      .then(onChanged, (err: unknown) => setError(describeError(err)))
      .finally(() => setBusy(null));
  };

  return (
    <article
      className="project"
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
      <dl className="project-facts">
        <div>
          <dt>Tracker</dt>
          <dd>{project.tracker_kind ?? "service default"}</dd>
        </div>
        <div>
          <dt>SCM</dt>
          <dd>
            {project.scm}
            {project.default_branch ? ` · ${project.default_branch}` : ""}
          </dd>
        </div>
        <div>
          <dt>Worktrees</dt>
          <dd data-testid="worktree-count">
            {worktrees.data
              ? worktrees.data.worktrees.length
              : worktrees.error
                ? "unavailable"
                : "…"}
          </dd>
        </div>
        <div>
          <dt>Webhooks</dt>
          <dd className={summary?.webhooks.degraded ? "error" : undefined} data-testid="webhooks">
            {webhookText(summary)}
            {summary?.webhooks.degraded ? " · degraded" : ""}
          </dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd>{project.last_sync_at ? formatWhen(project.last_sync_at) : "never"}</dd>
        </div>
      </dl>
      <div className="editor-actions">
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            act("pause", () => api.post(`${base}/${project.paused ? "resume" : "pause"}`, {}))
          }
          data-testid="pause-toggle"
        >
          {project.paused ? "Resume" : "Pause"}
        </button>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() => act("sync", () => api.post(`${base}/sync`, {}))}
          data-testid="sync"
        >
          {busy === "sync" ? "Syncing…" : "Sync"}
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
          disabled={busy !== null}
          onClick={() => setRemoving(true)}
          data-testid="remove"
        >
          Remove
        </button>
      </div>
      {removing && (
        <div
          className="confirm"
          role="alertdialog"
          aria-label="Confirm removal"
          data-testid="remove-confirm"
        >
          <p>
            Remove <strong>{project.name}</strong> from oompah? Running runs are cancelled first.
          </p>
          <label>
            <input
              type="checkbox"
              checked={purge}
              onChange={(e) => setPurge(e.target.checked)}
              data-testid="remove-purge"
            />{" "}
            Also delete its managed clone and worktrees (purge)
          </label>
          <div className="editor-actions">
            <button
              type="button"
              className="danger"
              disabled={busy !== null}
              onClick={() => act("remove", () => api.del(`${base}${purge ? "?purge=true" : ""}`))}
              data-testid="remove-confirm-button"
            >
              {busy === "remove" ? "Removing…" : purge ? "Remove and purge" : "Remove"}
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
      {error && (
        <p className="error" role="alert" data-testid="project-error">
          {error}
        </p>
      )}
    </article>
  );
}
