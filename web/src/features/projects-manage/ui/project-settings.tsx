/** A project's tracker and SCM settings: only the changed fields are sent (`PATCH`). */
import { useState, type FormEvent } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import { fieldErrors, type FieldErrors } from "../../../shared/forms.js";
import { Field } from "../../../shared/ui/field.js";
import {
  SCM_LABELS,
  settingsForm,
  settingsPatch,
  TRACKER_LABELS,
  type Project,
  type SettingsForm,
} from "../model/projects.js";

export function ProjectSettings({
  project,
  onSaved,
  onClose,
}: {
  project: Project;
  onSaved: () => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(project));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const set =
    <K extends keyof SettingsForm>(k: K) =>
    (value: SettingsForm[K]) =>
      setForm((f) => ({ ...f, [k]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch = settingsPatch(project, form);
    if (!patch.ok) {
      setFields({ [patch.field]: patch.error });
      return;
    }
    if (Object.keys(patch.body).length === 0) return onClose();
    setBusy(true);
    setError(null);
    setFields({});
    api
      .patch<Project>(`/api/v1/projects/${encodeURIComponent(project.id)}`, patch.body)
      .then(onSaved, (err: unknown) => {
        setError(describeError(err));
        setFields(fieldErrors(err));
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className="project-settings" onSubmit={submit} aria-label={`Settings of ${project.name}`}>
      <div className="editor-grid two">
        <Field label="Tracker" error={fields.tracker_kind}>
          <select
            value={form.tracker_kind}
            onChange={(e) => set("tracker_kind")(e.target.value)}
            data-testid="settings-tracker"
          >
            <option value="" disabled={project.tracker_kind !== null}>
              Service default (tracker.kind)
            </option>
            {Object.entries(TRACKER_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="SCM" error={fields.scm}>
          <select
            value={form.scm}
            onChange={(e) => set("scm")(e.target.value as SettingsForm["scm"])}
          >
            {Object.entries(SCM_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Tracker settings (JSON)"
          hint="Merged over tracker.settings; credentials only as *_env names"
          error={fields.tracker_settings}
          className="wide"
        >
          <textarea
            rows={4}
            value={form.tracker_settings}
            onChange={(e) => set("tracker_settings")(e.target.value)}
            spellCheck={false}
          />
        </Field>
        <Field
          label="Default branch"
          hint="Detected from origin/HEAD when empty"
          error={fields.default_branch}
        >
          <input
            value={form.default_branch}
            onChange={(e) => set("default_branch")(e.target.value)}
          />
        </Field>
        <Field
          label="Forge API base URL"
          hint="For GitHub Enterprise or self-hosted GitLab"
          error={fields.forge_base_url}
        >
          <input
            value={form.forge_base_url}
            onChange={(e) => set("forge_base_url")(e.target.value)}
          />
        </Field>
        <Field
          label="Access token env var"
          hint="The variable's name, never the token"
          error={fields.access_token_env}
        >
          <input
            value={form.access_token_env}
            onChange={(e) => set("access_token_env")(e.target.value)}
          />
        </Field>
        <Field label="Webhook secret env var" error={fields.webhook_secret_env}>
          <input
            value={form.webhook_secret_env}
            onChange={(e) => set("webhook_secret_env")(e.target.value)}
          />
        </Field>
        <Field label="When a local-SCM run succeeds" error={fields.local_success_status}>
          <select
            value={form.local_success_status}
            onChange={(e) =>
              set("local_success_status")(e.target.value as SettingsForm["local_success_status"])
            }
          >
            <option value="In Review">In Review</option>
            <option value="Done">Done</option>
          </select>
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={form.webhook_forwarding}
            onChange={(e) => set("webhook_forwarding")(e.target.checked)}
          />{" "}
          Forward webhooks (gh webhook forward)
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="editor-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="settings-save">
          {busy ? "Saving…" : "Save settings"}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
