/** The "New task" form: `POST /api/v1/issues`; the board shows the task via the live channel. */
import { useState, type FormEvent } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import type { Issue, StateSnapshot } from "../../../shared/wire.js";

const TYPES = ["task", "bug", "feature", "chore", "epic"] as const;
const STATUSES = ["Backlog", "Open"] as const;

export interface NewTaskFormProps {
  projects: StateSnapshot["projects"];
  defaultProject: string | null;
  onCreated: (issue: Issue) => void;
  onClose: () => void;
}

export function NewTaskForm({ projects, defaultProject, onCreated, onClose }: NewTaskFormProps) {
  const [projectId, setProjectId] = useState(defaultProject ?? projects[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [type, setType] = useState<string>("task");
  const [priority, setPriority] = useState("2");
  const [status, setStatus] = useState<string>("Backlog");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api
      .post<Issue>("/api/v1/issues", {
        project_id: projectId,
        title,
        description,
        type,
        priority: Number(priority),
        status,
      })
      .then(onCreated, (err: unknown) => setError(describeError(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="new-task" onSubmit={submit} aria-label="New task">
      <label>
        Project
        <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Title
        <input required value={title} onChange={(e) => setTitle(e.target.value)} name="title" />
      </label>
      <label>
        Description
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={4} />
      </label>
      <div className="row">
        <label>
          Type
          <select value={type} onChange={(e) => setType(e.target.value)}>
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Priority
          <select value={priority} onChange={(e) => setPriority(e.target.value)}>
            {[0, 1, 2, 3, 4].map((p) => (
              <option key={p} value={String(p)}>
                P{p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={busy || title.trim() === ""}>
          Create
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
