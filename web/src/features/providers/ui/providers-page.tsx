/**
 * The Providers page (§17.5, §9.3): provider CRUD with write-only keys, Test
 * and Fetch models, the per-model editors and backend availability. The page
 * refetches on `state` messages, which the server publishes when
 * providers.json changes (through the API or by hand).
 */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import { errorSummary, fieldErrors, type FieldErrors } from "../../../shared/forms.js";
import type { DashboardData } from "../../../shared/use-dashboard.js";
import { useResource } from "../../../shared/use-resource.js";
import { createBody, EMPTY_PROVIDER_FORM, type ProviderForm } from "../model/provider-form.js";
import type { BackendList, Provider, ProviderList } from "../model/wire.js";
import { BackendsPanel } from "./backends-panel.js";
import { ProviderCard } from "./provider-card.js";
import { ProviderEditor } from "./provider-editor.js";
import "./providers.css";

const LIVE = ["state"] as const;

function NewProvider({
  onCreated,
  onClose,
}: {
  onCreated: (p: Provider) => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState<ProviderForm>(EMPTY_PROVIDER_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = () => {
    const r = createBody(form);
    if (!r.ok) {
      setErrors(r.errors);
      setError("Fix the marked fields");
      return;
    }
    setBusy(true);
    api
      .post<Provider>("/api/v1/providers", r.body)
      .then(onCreated, (err: unknown) => {
        setErrors(fieldErrors(err));
        setError(errorSummary(err));
      })
      .finally(() => setBusy(false));
  };
  return (
    <section className="panel new-provider" aria-label="New provider" data-testid="new-provider">
      <h3>New provider</h3>
      <ProviderEditor
        form={form}
        onChange={setForm}
        errors={errors}
        provider={null}
        onSubmit={submit}
      >
        <div className="editor-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="provider-create">
            Add provider
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
        {error && (
          <p className="error" role="alert" data-testid="new-provider-error">
            {error}
          </p>
        )}
      </ProviderEditor>
    </section>
  );
}

export function ProvidersPage({ data }: { data: DashboardData }) {
  const providers = useResource<ProviderList>("/api/v1/providers", data.subscribe, LIVE);
  const backends = useResource<BackendList>("/api/v1/backends", data.subscribe, LIVE);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (text?: string) => {
    providers.reload();
    if (text) setNotice(text);
  };
  const list = providers.data?.providers ?? [];

  return (
    <main className="page providers-page" data-testid="providers-page">
      <div className="page-head">
        <h2>Providers</h2>
        <p className="muted">
          Where agents run: an endpoint, its key and its models. Keys are write-only — name an
          environment variable, or type a key to store it encrypted.
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => setCreating(true)}
          disabled={creating}
          data-testid="new-provider-open"
        >
          Add provider
        </button>
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="providers-notice">
          {notice}{" "}
          <button
            type="button"
            className="link"
            onClick={() => setNotice(null)}
            aria-label="Dismiss notice"
          >
            ×
          </button>
        </p>
      )}
      {creating && (
        <NewProvider
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            changed(`${p.name || p.id} added`);
          }}
        />
      )}
      <div className="providers-layout">
        <section className="provider-list" aria-label="Providers">
          {providers.error && (
            <div className="banner error" role="alert" data-testid="providers-error">
              Could not load the providers: {providers.error}{" "}
              <button type="button" onClick={providers.reload}>
                Retry
              </button>
            </div>
          )}
          {providers.loading && !providers.data && (
            <p className="muted" data-testid="providers-loading">
              Loading providers…
            </p>
          )}
          {providers.data && list.length === 0 && (
            <div className="panel empty-state" data-testid="providers-empty">
              <p>No providers yet.</p>
              <p className="muted">
                Add one to let agents run: for an OpenAI-compatible API pick the <code>api</code>{" "}
                backend, set its base URL and key, then Test it and Fetch models.
              </p>
            </div>
          )}
          {list.map((p) => (
            <ProviderCard key={p.id} provider={p} onChanged={changed} />
          ))}
        </section>
        <aside>
          <BackendsPanel resource={backends} />
        </aside>
      </div>
    </main>
  );
}
