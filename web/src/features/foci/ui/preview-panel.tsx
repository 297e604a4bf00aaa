/**
 * Score preview (§8.3): a sample issue, every focus's score and the focus
 * that would be selected. Once shown, the preview is recomputed whenever the
 * library changes, so an edit's effect is visible at once.
 */
import { useEffect, useState } from "react";
import { api } from "../../../shared/api-client.js";
import { useRequest } from "../../../shared/use-request.js";
import { OutcomeLine } from "../../../shared/ui/actions.js";
import { bindForm } from "../../../shared/ui/bind-form.js";
import { DataTable } from "../../../shared/ui/data.js";
import { Field, Form, Options } from "../../../shared/ui/field.js";
import { Panel } from "../../../shared/ui/page.js";
import { CANONICAL_STATUSES } from "../../../shared/wire.js";
import { ISSUE_TYPES } from "../model/focus-form.js";
import { EMPTY_PREVIEW_FORM, previewBody, scoreRows, type PreviewForm } from "../model/preview.js";
import type { Preview } from "../model/wire.js";

export interface PreviewPanelProps {
  /** Changes whenever the focus library changed (a new list from the server). */
  library: unknown;
}

export function PreviewPanel({ library }: PreviewPanelProps) {
  const [form, setForm] = useState<PreviewForm>(EMPTY_PREVIEW_FORM);
  const [shown, setShown] = useState<PreviewForm | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const request = useRequest();
  const f = bindForm(form, setForm, {});

  const score = (sample: PreviewForm) =>
    request.send(
      () => api.post<Preview>("/api/v1/foci/preview", previewBody(sample)),
      (p) => {
        setPreview(p);
        setShown(sample);
      },
    );

  useEffect(() => {
    if (shown) score(shown);
    // Recompute only when the library changes; `shown` is the sample last scored.
  }, [library]);

  const rows = preview ? scoreRows(preview) : [];
  return (
    <Panel title="Score preview" className="preview" testId="preview">
      <p className="muted">
        Try a sample issue: every focus&apos;s score and the one that would be selected.
      </p>
      <Form className="editor" onSubmit={() => score(form)}>
        <Field label="Title" testId="preview-title">
          <input {...f.text("title")} />
        </Field>
        <Field label="Description" testId="preview-description">
          <textarea rows={3} {...f.text("description")} />
        </Field>
        <div className="editor-grid">
          <Field label="Type" testId="preview-type">
            <select {...f.text("type")}>
              <Options options={ISSUE_TYPES} />
            </select>
          </Field>
          <Field label="State" testId="preview-state">
            <select {...f.text("state")}>
              <Options options={[{ value: "", label: "(any)" }, ...CANONICAL_STATUSES]} />
            </select>
          </Field>
        </div>
        <Field label="Labels" hint="comma-separated, e.g. needs:security" testId="preview-labels">
          <input {...f.text("labels")} />
        </Field>
        <button type="submit" className="primary" disabled={request.busy} data-testid="preview-run">
          Preview
        </button>
      </Form>
      <OutcomeLine outcome={request.outcome} testId="preview-error" />
      {preview && (
        <div aria-live="polite">
          <p className="selection" data-testid="preview-selected">
            Selected: <strong>{preview.selected.name}</strong> ({preview.selected.role}) —{" "}
            <span className="muted">{preview.selected.reason}</span>
          </p>
          <DataTable
            className="scores"
            data-testid="preview-scores"
            columns={["Focus", "Score", "Why"]}
          >
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.name}
                  className={`${r.selected ? "selected" : ""}${r.score <= 0 ? " zero" : ""}`}
                  data-testid="score-row"
                  data-name={r.name}
                  data-score={r.score}
                >
                  <td>
                    {r.name}
                    {r.selected && <span className="tag">selected</span>}
                  </td>
                  <td className="num">{r.excluded ? "—" : r.score}</td>
                  <td className="muted">{r.why}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
    </Panel>
  );
}
