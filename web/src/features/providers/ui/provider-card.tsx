/**
 * One provider: what it is, where its key comes from (never the key), Test
 * and Fetch models with their results, the inline editor and Delete. An
 * untouched editor follows live changes; an edited one saves only its edits.
 */
import { useEffect, useState } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import { errorSummary, fieldErrors, type FieldErrors } from "../../../shared/forms.js";
import { fieldGroups, isDirty, patchBody, providerToForm } from "../model/provider-form.js";
import { keyStatus, probeSummary } from "../model/provider-view.js";
import type { FetchModelsResult, ProbeResult, Provider } from "../model/wire.js";
import { ProviderEditor } from "./provider-editor.js";

export interface ProviderCardProps {
  provider: Provider;
  onChanged: (notice?: string) => void;
}

type Line = { ok: boolean; text: string; hint?: string | undefined } | null;

function providerPath(id: string, suffix = ""): string {
  return `/api/v1/providers/${encodeURIComponent(id)}${suffix}`;
}

function ResultLine({ line, testId }: { line: Line; testId: string }) {
  if (!line) return null;
  return (
    <p className={line.ok ? "ok" : "error"} role="status" data-testid={testId}>
      {line.text}
      {line.hint && <span className="muted"> — {line.hint}</span>}
    </p>
  );
}

export function ProviderCard({ provider: p, onChanged }: ProviderCardProps) {
  const [editing, setEditing] = useState(false);
  const [initial, setInitial] = useState(() => providerToForm(p));
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveLine, setSaveLine] = useState<Line>(null);
  const [testLine, setTestLine] = useState<Line>(null);
  const [fetchLine, setFetchLine] = useState<Line>(null);
  const [busy, setBusy] = useState<"save" | "test" | "fetch" | "delete" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dirty = isDirty(initial, form);
  const snapshot = JSON.stringify(p);

  useEffect(() => {
    if (dirty) return;
    const fresh = providerToForm(p);
    setInitial(fresh);
    setForm(fresh);
    // Runs for a new server value only; `dirty` is read at that moment.
  }, [snapshot]);

  const key = keyStatus(p);
  const endpoint = fieldGroups(p.backend).has("endpoint");

  const save = () => {
    const r = patchBody(initial, form);
    if (!r.ok) {
      setErrors(r.errors);
      setSaveLine({ ok: false, text: "Fix the marked fields" });
      return;
    }
    if (Object.keys(r.body).length === 0) {
      setSaveLine({ ok: true, text: "Nothing changed" });
      return;
    }
    setBusy("save");
    setSaveLine(null);
    api
      .patch<Provider>(providerPath(p.id), r.body)
      .then(
        (updated) => {
          // The typed key is dropped from the form: it is never kept or shown.
          const saved = providerToForm(updated);
          setInitial(saved);
          setForm(saved);
          setErrors({});
          setSaveLine({ ok: true, text: "Saved" });
          onChanged();
        },
        (err: unknown) => {
          setErrors(fieldErrors(err));
          setSaveLine({ ok: false, text: errorSummary(err) });
        },
      )
      .finally(() => setBusy(null));
  };

  const test = () => {
    setBusy("test");
    setTestLine(null);
    api
      .post<ProbeResult>(providerPath(p.id, "/test"))
      .then(
        (r) => setTestLine(probeSummary(r)),
        (err: unknown) => setTestLine({ ok: false, text: describeError(err) }),
      )
      .finally(() => setBusy(null));
  };

  const fetchModels = () => {
    setBusy("fetch");
    setFetchLine(null);
    api
      .post<FetchModelsResult>(providerPath(p.id, "/fetch-models"))
      .then(
        (r) => {
          setFetchLine({
            ok: true,
            text: `Fetched ${r.fetched} model${r.fetched === 1 ? "" : "s"}`,
          });
          onChanged();
        },
        (err: unknown) => setFetchLine({ ok: false, text: describeError(err) }),
      )
      .finally(() => setBusy(null));
  };

  const remove = () => {
    setConfirming(false);
    setBusy("delete");
    api
      .del(providerPath(p.id))
      .then(
        () => onChanged(`${p.name || p.id} removed`),
        (err: unknown) => setSaveLine({ ok: false, text: describeError(err) }),
      )
      .finally(() => setBusy(null));
  };

  return (
    <article className="panel provider-card" data-testid="provider" data-id={p.id}>
      <header className="provider-head">
        <h3>{p.name || p.id}</h3>
        <span className="tag">{p.backend}</span>
        {p.default && <span className="tag default">default</span>}
        {p.billing === "subscription" && <span className="tag">subscription</span>}
        <code className="muted">{p.id}</code>
      </header>
      <dl className="facts provider-facts">
        {p.base_url && (
          <div>
            <dt>Base URL</dt>
            <dd>{p.base_url}</dd>
          </div>
        )}
        <div>
          <dt>Key</dt>
          <dd className={key.ok ? "" : "warning-text"} data-testid="key-status">
            {key.text}
          </dd>
        </div>
        <div>
          <dt>Models</dt>
          <dd data-testid="models">
            {p.models.length === 0
              ? "none listed"
              : `${p.models.slice(0, 8).join(", ")}${p.models.length > 8 ? ` +${p.models.length - 8}` : ""}`}
            {p.default_model && <span className="muted"> · default {p.default_model}</span>}
          </dd>
        </div>
        {Object.keys(p.model_roles).length > 0 && (
          <div>
            <dt>Roles</dt>
            <dd>
              {Object.entries(p.model_roles)
                .map(([r, m]) => `${r} → ${m}`)
                .join(", ")}
            </dd>
          </div>
        )}
      </dl>
      <div className="editor-actions">
        <button type="button" onClick={test} disabled={busy !== null} data-testid="provider-test">
          {busy === "test" ? "Testing…" : "Test"}
        </button>
        {endpoint && (
          <button
            type="button"
            onClick={fetchModels}
            disabled={busy !== null}
            data-testid="provider-fetch-models"
          >
            {busy === "fetch" ? "Fetching…" : "Fetch models"}
          </button>
        )}
        <button
          type="button"
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
          data-testid="provider-edit"
        >
          {editing ? "Close editor" : "Edit"}
        </button>
        {confirming ? (
          <span className="confirm">
            <button
              type="button"
              className="danger"
              onClick={remove}
              data-testid="provider-delete-confirm"
            >
              Remove {p.name || p.id}: confirm
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={busy !== null}
            onClick={() => setConfirming(true)}
            data-testid="provider-delete"
          >
            Remove
          </button>
        )}
      </div>
      <ResultLine line={testLine} testId="probe-result" />
      <ResultLine line={fetchLine} testId="fetch-result" />
      {editing && (
        <ProviderEditor form={form} onChange={setForm} errors={errors} provider={p} onSubmit={save}>
          <div className="editor-actions">
            <button
              type="submit"
              className="primary"
              disabled={busy !== null || !dirty}
              data-testid="provider-save"
            >
              Save
            </button>
            <button
              type="button"
              disabled={!dirty}
              onClick={() => {
                setForm(initial);
                setErrors({});
                setSaveLine(null);
              }}
            >
              Discard changes
            </button>
          </div>
        </ProviderEditor>
      )}
      <ResultLine line={saveLine} testId="provider-message" />
    </article>
  );
}
