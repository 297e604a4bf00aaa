/** A project's tracker and SCM settings: only the changed fields are sent (`PATCH`). */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import { isEmptyBody } from "../../../shared/forms.js";
import { useRequest } from "../../../shared/use-request.js";
import { FormActions, OutcomeLine } from "../../../shared/ui/actions.js";
import { bindForm } from "../../../shared/ui/bind-form.js";
import { Check, Field, Form, labelledOptions, Options } from "../../../shared/ui/field.js";
import {
  SCM_LABELS,
  settingsForm,
  settingsPatch,
  TRACKER_LABELS,
  type SettingsForm,
} from "../model/projects.js";
import type { Project } from "../model/wire.js";

const SUCCESS_STATUSES = ["In Review", "Done"];

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
  const request = useRequest();
  const f = bindForm(form, setForm, request.fields);

  const submit = () => {
    const patch = settingsPatch(project, form);
    if (patch.ok && isEmptyBody(patch.body)) return onClose();
    request.submit(
      patch,
      (body) => api.patch<Project>(`/api/v1/projects/${encodeURIComponent(project.id)}`, body),
      onSaved,
    );
  };

  return (
    <Form
      className="editor inline project-settings"
      onSubmit={submit}
      aria-label={`Settings of ${project.name}`}
    >
      <div className="editor-grid two">
        <Field label="Tracker" {...f.field("tracker_kind")}>
          <select {...f.text("tracker_kind")} data-testid="settings-tracker">
            <option value="" disabled={project.tracker_kind !== null}>
              Service default (tracker.kind)
            </option>
            <Options options={labelledOptions(TRACKER_LABELS)} />
          </select>
        </Field>
        <Field label="SCM" {...f.field("scm")}>
          <select {...f.text("scm")}>
            <Options options={labelledOptions(SCM_LABELS)} />
          </select>
        </Field>
        <Field
          label="Tracker settings (JSON)"
          hint="Merged over tracker.settings; credentials only as *_env names"
          className="wide"
          {...f.field("tracker_settings")}
        >
          <textarea rows={4} spellCheck={false} {...f.text("tracker_settings")} />
        </Field>
        <Field
          label="Default branch"
          hint="Detected from origin/HEAD when empty"
          {...f.field("default_branch")}
        >
          <input {...f.text("default_branch")} />
        </Field>
        <Field
          label="Forge API base URL"
          hint="For GitHub Enterprise or self-hosted GitLab"
          {...f.field("forge_base_url")}
        >
          <input {...f.text("forge_base_url")} />
        </Field>
        <Field
          label="Access token env var"
          hint="The variable's name, never the token"
          {...f.field("access_token_env")}
        >
          <input {...f.text("access_token_env")} />
        </Field>
        <Field label="Webhook secret env var" {...f.field("webhook_secret_env")}>
          <input {...f.text("webhook_secret_env")} />
        </Field>
        <Field label="When a local-SCM run succeeds" {...f.field("local_success_status")}>
          <select {...f.text("local_success_status")}>
            <Options options={SUCCESS_STATUSES} />
          </select>
        </Field>
        <Check {...f.check("webhook_forwarding")}>Forward webhooks (gh webhook forward)</Check>
      </div>
      <OutcomeLine outcome={request.outcome} />
      <FormActions
        submit="Save settings"
        busyText="Saving…"
        busy={request.busy}
        testId="settings-save"
        onCancel={onClose}
      />
    </Form>
  );
}
