/**
 * One focus of the library: its summary, the status toggle (applied at once)
 * and, when opened, the inline editor. An untouched editor follows live
 * changes; an edited one keeps its edits and saves only them.
 */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import { useEditForm } from "../../../shared/use-edit-form.js";
import { useRequest } from "../../../shared/use-request.js";
import { ConfirmButton, EditActions, OutcomeLine } from "../../../shared/ui/actions.js";
import { Segmented } from "../../../shared/ui/segmented.js";
import type { Provider } from "../../providers/model/wire.js";
import {
  deleteAction,
  FOCUS_STATUSES,
  focusToForm,
  originLabel,
  patchBody,
} from "../model/focus-form.js";
import type { FocusStatus, FocusView } from "../model/wire.js";
import { FocusEditor } from "./focus-editor.js";

export interface FocusRowProps {
  focus: FocusView;
  providers: readonly Provider[];
  /** Called after a change was saved; `notice` is shown on the page. */
  onChanged: (notice?: string) => void;
}

function focusPath(name: string): string {
  return `/api/v1/foci/${encodeURIComponent(name)}`;
}

function summary(f: FocusView): string[] {
  const parts: string[] = [];
  if (f.keywords.length) {
    const shown = f.keywords.slice(0, 6).join(", ");
    parts.push(`keywords: ${shown}${f.keywords.length > 6 ? ` +${f.keywords.length - 6}` : ""}`);
  }
  if (f.issue_types.length) parts.push(`types: ${f.issue_types.join(", ")}`);
  if (f.labels.length) parts.push(`labels: ${f.labels.join(", ")}`);
  parts.push(`priority ${f.priority}`);
  const pins = [
    f.provider_id && `provider ${f.provider_id}`,
    f.model && `model ${f.model}`,
    f.model_role && `role ${f.model_role}`,
  ].filter(Boolean);
  if (pins.length) parts.push(`pinned: ${pins.join(", ")}`);
  if (f.allow_image_output) parts.push("image output");
  return parts;
}

export function FocusRow({ focus, providers, onChanged }: FocusRowProps) {
  const [open, setOpen] = useState(false);
  const edit = useEditForm(focus, focusToForm);
  const request = useRequest();

  const save = () =>
    edit.save(
      request,
      patchBody,
      (body) => api.patch<FocusView>(focusPath(focus.name), body),
      () => onChanged(),
    );

  const setStatus = (status: FocusStatus) => {
    if (status === focus.status) return;
    request.send(
      () => api.patch<FocusView>(focusPath(focus.name), { status }),
      () => {
        onChanged();
        return `Status set to ${status}`;
      },
    );
  };

  const del = deleteAction(focus);
  const remove = (action: NonNullable<typeof del>) =>
    request.send(
      () => api.del(focusPath(focus.name)),
      () => {
        setOpen(false);
        onChanged(action.done);
      },
    );

  return (
    <article
      className={`focus-row status-${focus.status}`}
      data-testid="focus"
      data-name={focus.name}
      data-status={focus.status}
    >
      <div className="focus-head">
        <button
          type="button"
          className="focus-title"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="focus-toggle"
        >
          <span className="chevron" aria-hidden="true">
            {open ? "▾" : "▸"}
          </span>
          <span className="focus-name">{focus.name}</span>
          <span className="focus-role">{focus.role}</span>
        </button>
        <span className={`origin origin-${focus.origin}`} data-testid="focus-origin">
          {originLabel(focus.origin)}
        </span>
        <Segmented
          label={`Status of ${focus.name}`}
          options={FOCUS_STATUSES}
          value={focus.status}
          onChange={setStatus}
          disabled={request.busy}
          testIdPrefix="status"
        />
      </div>
      {!open && <p className="focus-summary muted">{summary(focus).join(" · ")}</p>}
      {open && (
        <FocusEditor
          form={edit.form}
          onChange={edit.setForm}
          errors={request.fields}
          creating={false}
          providers={providers}
          onSubmit={save}
        >
          <EditActions
            dirty={edit.dirty}
            busy={request.busy}
            testId="focus-save"
            onDiscard={() => {
              edit.discard();
              request.show(null);
            }}
          >
            {del ? (
              <ConfirmButton
                confirm={`${del.label}: confirm`}
                onConfirm={() => remove(del)}
                disabled={request.busy}
                testId="focus-delete"
              >
                {del.label}
              </ConfirmButton>
            ) : (
              <span className="muted">Built-in: set it inactive to stop selecting it.</span>
            )}
          </EditActions>
        </FocusEditor>
      )}
      <OutcomeLine outcome={request.outcome} testId="focus-message" />
    </article>
  );
}
