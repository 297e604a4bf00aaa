/**
 * Score preview (§8.3): a sample issue, every focus's score and the focus
 * that would be selected. Once shown, the preview is recomputed whenever the
 * library changes, so an edit's effect is visible at once.
 */
import { useCallback, useEffect, useState } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import { Field } from "../../../shared/ui/field.js";
import { CANONICAL_STATUSES } from "../../../shared/wire.js";
import { ISSUE_TYPES } from "../model/focus-form.js";
import { EMPTY_PREVIEW_FORM, previewBody, scoreRows, type PreviewForm } from "../model/preview.js";
import type { IssueType, Preview } from "../model/wire.js";

export interface PreviewPanelProps {
  /** Changes whenever the focus library changed (a new list from the server). */
  library: unknown;
}

export function PreviewPanel({ library }: PreviewPanelProps) {
  const [form, setForm] = useState<PreviewForm>(EMPTY_PREVIEW_FORM);
  const [shown, setShown] = useState<PreviewForm | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PreviewForm>(key: K, value: PreviewForm[K]) =>
    setForm({ ...form, [key]: value });

  const score = useCallback((sample: PreviewForm) => {
    setBusy(true);
    api
      .post<Preview>("/api/v1/foci/preview", previewBody(sample))
      .then(
        (p) => {
          setPreview(p);
          setShown(sample);
          setError(null);
        },
        (err: unknown) => setError(describeError(err)),
      )
      .finally(() => setBusy(false));
  }, []);

  useEffect(() => {
    if (shown) score(shown);
    // Recompute only when the library changes; `shown` is the sample last scored.
  }, [library]);

  const rows = preview ? scoreRows(preview) : [];
  return (
    <section className="panel preview" aria-labelledby="preview-title" data-testid="preview">
      <h3 id="preview-title">Score preview</h3>
      <p className="muted">
        Try a sample issue: every focus&apos;s score and the one that would be selected.
      </p>
      <form
        className="preview-form"
        onSubmit={(e) => {
          e.preventDefault();
          score(form);
        }}
      >
        <Field label="Title" testId="preview-title">
          <input value={form.title} onChange={(e) => set("title", e.target.value)} />
        </Field>
        <Field label="Description" testId="preview-description">
          <textarea
            rows={3}
            value={form.description}
            onChange={(e) => set("description", e.target.value)}
          />
        </Field>
        <div className="editor-grid">
          <Field label="Type" testId="preview-type">
            <select value={form.type} onChange={(e) => set("type", e.target.value as IssueType)}>
              {ISSUE_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </Field>
          <Field label="State" testId="preview-state">
            <select value={form.state} onChange={(e) => set("state", e.target.value)}>
              <option value="">(any)</option>
              {CANONICAL_STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Labels" hint="comma-separated, e.g. needs:security" testId="preview-labels">
          <input value={form.labels} onChange={(e) => set("labels", e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy} data-testid="preview-run">
          Preview
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="preview-error">
          {error}
        </p>
      )}
      {preview && (
        <div aria-live="polite">
          <p className="selection" data-testid="preview-selected">
            Selected: <strong>{preview.selected.name}</strong> ({preview.selected.role}) —{" "}
            <span className="muted">{preview.selected.reason}</span>
          </p>
          <table className="scores" data-testid="preview-scores">
            <thead>
              <tr>
                <th scope="col">Focus</th>
                <th scope="col">Score</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
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
          </table>
        </div>
      )}
    </section>
  );
}
