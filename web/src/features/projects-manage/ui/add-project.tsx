/**
 * Add a project by repository URL or local path (`POST /api/v1/projects`).
 * The new project appears at once as `cloning` and turns `ready` (or
 * `error`) live as the clone finishes.
 */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import { useRequest } from "../../../shared/use-request.js";
import { FormActions, OutcomeLine } from "../../../shared/ui/actions.js";
import { bindForm } from "../../../shared/ui/bind-form.js";
import { Field, Form, labelledOptions, Options } from "../../../shared/ui/field.js";
import { Panel } from "../../../shared/ui/page.js";
import { addBody, EMPTY_ADD, SCM_LABELS, TRACKER_LABELS, type AddForm } from "../model/projects.js";
import type { Project } from "../model/wire.js";

export function AddProject({ onAdded }: { onAdded: (p: Project) => void }) {
  const [form, setForm] = useState<AddForm>(EMPTY_ADD);
  const request = useRequest();
  const f = bindForm(form, setForm, request.fields);

  const submit = () =>
    request.send(
      () => api.post<Project>("/api/v1/projects", addBody(form)),
      (p) => {
        setForm(EMPTY_ADD);
        onAdded(p);
      },
    );

  return (
    <Panel title="Add a project" className="create-panel add-project">
      <Form className="editor" onSubmit={submit} aria-label="Add project">
        <div className="editor-grid two">
          <Field
            label="Repository URL or local path"
            hint="https://…, ssh://…, git@host:path, or a path on this machine"
            {...f.field("repo_url")}
          >
            <input required name="repo_url" {...f.text("repo_url")} data-testid="add-repo-url" />
          </Field>
          <Field label="Name" hint="Derived from the URL when empty" {...f.field("name")}>
            <input name="name" {...f.text("name")} data-testid="add-name" />
          </Field>
          <Field label="Tracker" {...f.field("tracker_kind")}>
            <select {...f.text("tracker_kind")}>
              <Options
                options={[
                  { value: "", label: "Service default (tracker.kind)" },
                  ...labelledOptions(TRACKER_LABELS),
                ]}
              />
            </select>
          </Field>
          <Field label="SCM" {...f.field("scm")}>
            <select {...f.text("scm")}>
              <Options
                options={[
                  { value: "", label: "Detect from the URL" },
                  ...labelledOptions(SCM_LABELS),
                ]}
              />
            </select>
          </Field>
        </div>
        <OutcomeLine outcome={request.outcome} testId="add-error" />
        <FormActions
          submit="Add project"
          busyText="Adding…"
          busy={request.busy}
          disabled={form.repo_url.trim() === ""}
          testId="add-submit"
        />
      </Form>
    </Panel>
  );
}
