/**
 * One focus of the library: its summary, the status toggle (applied at once)
 * and, when opened, the inline editor. An untouched editor follows live
 * changes; an edited one keeps its edits and saves only them.
 */
import { useEffect, useState } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import { errorSummary, fieldErrors, type FieldErrors } from "../../../shared/forms.js";
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

type Message = { kind: "ok" | "error"; text: string } | null;

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
  const [initial, setInitial] = useState(() => focusToForm(focus));
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  const snapshot = JSON.stringify(focus);

  useEffect(() => {
    if (dirty) return;
    const fresh = focusToForm(focus);
    setInitial(fresh);
    setForm(fresh);
    // Runs for a new server value only; `dirty` is read at that moment.
  }, [snapshot]);

  const run = (work: Promise<unknown>, ok: string, after?: () => void) => {
    setBusy(true);
    setMessage(null);
    work
      .then(
        () => {
          setErrors({});
          setMessage({ kind: "ok", text: ok });
          after?.();
          onChanged();
        },
        (err: unknown) => {
          setErrors(fieldErrors(err));
          setMessage({ kind: "error", text: errorSummary(err) });
        },
      )
      .finally(() => setBusy(false));
  };

  const save = () => {
    const r = patchBody(initial, form);
    if (!r.ok) {
      setErrors(r.errors);
      setMessage({ kind: "error", text: "Fix the marked fields" });
      return;
    }
    if (Object.keys(r.body).length === 0) {
      setMessage({ kind: "ok", text: "Nothing changed" });
      return;
    }
    run(
      api.patch<FocusView>(focusPath(focus.name), r.body).then((updated) => {
        const saved = focusToForm(updated);
        setInitial(saved);
        setForm(saved);
      }),
      "Saved",
    );
  };

  const setStatus = (status: FocusStatus) => {
    if (status === focus.status) return;
    run(api.patch<FocusView>(focusPath(focus.name), { status }), `Status set to ${status}`);
  };

  const del = deleteAction(focus);
  const remove = () => {
    if (!del) return;
    setConfirming(false);
    setBusy(true);
    api
      .del(focusPath(focus.name))
      .then(
        () => {
          setOpen(false);
          onChanged(del.done);
        },
        (err: unknown) => setMessage({ kind: "error", text: describeError(err) }),
      )
      .finally(() => setBusy(false));
  };

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
        <div className="status-toggle" role="group" aria-label={`Status of ${focus.name}`}>
          {FOCUS_STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={focus.status === s}
              disabled={busy}
              onClick={() => setStatus(s)}
              data-testid={`status-${s}`}
            >
              {s}
            </button>
          ))}
        </div>
      </div>
      {!open && <p className="focus-summary muted">{summary(focus).join(" · ")}</p>}
      {open && (
        <FocusEditor
          form={form}
          onChange={setForm}
          errors={errors}
          creating={false}
          providers={providers}
          onSubmit={save}
        >
          <div className="editor-actions">
            <button
              type="submit"
              className="primary"
              disabled={busy || !dirty}
              data-testid="focus-save"
            >
              Save
            </button>
            <button
              type="button"
              disabled={busy || !dirty}
              onClick={() => {
                setForm(initial);
                setErrors({});
                setMessage(null);
              }}
            >
              Discard changes
            </button>
            {del &&
              (confirming ? (
                <span className="confirm">
                  <button
                    type="button"
                    className="danger"
                    onClick={remove}
                    data-testid="focus-delete-confirm"
                  >
                    {del.label}: confirm
                  </button>
                  <button type="button" onClick={() => setConfirming(false)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() => setConfirming(true)}
                  data-testid="focus-delete"
                >
                  {del.label}
                </button>
              ))}
            {!del && <span className="muted">Built-in: set it inactive to stop selecting it.</span>}
          </div>
        </FocusEditor>
      )}
      {message && (
        <p
          className={message.kind === "error" ? "error" : "ok"}
          role="status"
          data-testid="focus-message"
        >
          {message.text}
        </p>
      )}
    </article>
  );
}
