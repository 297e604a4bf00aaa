/** The "New task" form: `POST /api/v1/issues`; the board shows the task via the live channel. */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import { useRequest } from "../../../shared/use-request.js";
import { FormActions, OutcomeLine } from "../../../shared/ui/actions.js";
import { bindForm } from "../../../shared/ui/bind-form.js";
import { Field, Form, Options } from "../../../shared/ui/field.js";
import type { Issue, StateSnapshot } from "../../../shared/wire.js";

const TYPES = ["task", "bug", "feature", "chore", "epic"];
const STATUSES = ["Backlog", "Open"];
const PRIORITIES = [0, 1, 2, 3, 4].map((p) => ({ value: String(p), label: `P${p}` }));

interface NewTask {
  project_id: string;
  title: string;
  description: string;
  type: string;
  priority: string;
  status: string;
}

export interface NewTaskFormProps {
  projects: StateSnapshot["projects"];
  defaultProject: string | null;
  onCreated: (issue: Issue) => void;
  onClose: () => void;
}

export function NewTaskForm({ projects, defaultProject, onCreated, onClose }: NewTaskFormProps) {
  const [form, setForm] = useState<NewTask>(() => ({
    project_id: defaultProject ?? projects[0]?.id ?? "",
    title: "",
    description: "",
    type: "task",
    priority: "2",
    status: "Backlog",
  }));
  const request = useRequest();
  const f = bindForm(form, setForm, request.fields);

  const submit = () =>
    request.send(
      () => api.post<Issue>("/api/v1/issues", { ...form, priority: Number(form.priority) }),
      onCreated,
    );

  return (
    <Form className="panel editor new-task" onSubmit={submit} aria-label="New task">
      <Field label="Project" {...f.field("project_id")}>
        <select {...f.text("project_id")}>
          <Options options={projects.map((p) => ({ value: p.id, label: p.name }))} />
        </select>
      </Field>
      <Field label="Title" {...f.field("title")}>
        <input required name="title" {...f.text("title")} />
      </Field>
      <Field label="Description" {...f.field("description")}>
        <textarea rows={4} {...f.text("description")} />
      </Field>
      <div className="editor-grid">
        <Field label="Type" {...f.field("type")}>
          <select {...f.text("type")}>
            <Options options={TYPES} />
          </select>
        </Field>
        <Field label="Priority" {...f.field("priority")}>
          <select {...f.text("priority")}>
            <Options options={PRIORITIES} />
          </select>
        </Field>
        <Field label="Status" {...f.field("status")}>
          <select {...f.text("status")}>
            <Options options={STATUSES} />
          </select>
        </Field>
      </div>
      <OutcomeLine outcome={request.outcome} />
      <FormActions
        submit="Create"
        busy={request.busy}
        disabled={form.title.trim() === ""}
        onCancel={onClose}
      />
    </Form>
  );
}
