/**
 * Add a project by repository URL or local path (`POST /api/v1/projects`).
 * The new project appears at once as `cloning` and turns `ready` (or
 * `error`) live as the clone finishes.
 */
import { useState, type FormEvent } from "react";
import { api } from "../../../shared/api-client.js";
import { describeError } from "../../../shared/api-client.js";
import { fieldErrors, type FieldErrors } from "../../../shared/forms.js";
import { Field } from "../../../shared/ui/field.js";
import {
  addBody,
  EMPTY_ADD,
  SCM_LABELS,
  TRACKER_LABELS,
  type AddForm,
  type Project,
} from "../model/projects.js";

export function AddProject({ onAdded }: { onAdded: (p: Project) => void }) {
  const [form, setForm] = useState<AddForm>(EMPTY_ADD);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const set = (k: keyof AddForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    api
      .post<Project>("/api/v1/projects", addBody(form))
      .then(
        (p) => {
          setForm(EMPTY_ADD);
          onAdded(p);
        },
        (err: unknown) => {
          setError(describeError(err));
          setFields(fieldErrors(err));
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="add-project" onSubmit={submit} aria-label="Add project">
      <h3>Add a project</h3>
      <div className="editor-grid two">
        <Field
          label="Repository URL or local path"
          hint="https://…, ssh://…, git@host:path, or a path on this machine"
          error={fields.repo_url}
        >
          <input
            required
            value={form.repo_url}
            onChange={set("repo_url")}
            name="repo_url"
            data-testid="add-repo-url"
          />
        </Field>
        <Field label="Name" hint="Derived from the URL when empty" error={fields.name}>
          <input value={form.name} onChange={set("name")} name="name" data-testid="add-name" />
        </Field>
        <Field label="Tracker" error={fields.tracker_kind}>
          <select value={form.tracker_kind} onChange={set("tracker_kind")}>
            <option value="">Service default (tracker.kind)</option>
            {Object.entries(TRACKER_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="SCM" error={fields.scm}>
          <select value={form.scm} onChange={set("scm")}>
            <option value="">Detect from the URL</option>
            {Object.entries(SCM_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="add-error">
          {error}
        </p>
      )}
      <div className="editor-actions">
        <button
          type="submit"
          className="primary"
          disabled={busy || form.repo_url.trim() === ""}
          data-testid="add-submit"
        >
          {busy ? "Adding…" : "Add project"}
        </button>
      </div>
    </form>
  );
}
