/**
 * The Foci page (§17.5, §8): the focus library with inline editing of every
 * §8.1 field and status toggles, proposed foci, the suggestion queue and the
 * score preview. Everything is refetched on `state` messages, which the
 * server publishes when foci.json, focus_suggestions.json or providers.json
 * change (through the API or by hand).
 */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import { errorSummary, fieldErrors, type FieldErrors } from "../../../shared/forms.js";
import type { DashboardData } from "../../../shared/use-dashboard.js";
import { useResource } from "../../../shared/use-resource.js";
import type { ProviderList } from "../../providers/model/wire.js";
import { createBody, EMPTY_FOCUS_FORM, filterFoci, type FocusForm } from "../model/focus-form.js";
import type { FociList, FocusView, SuggestionList } from "../model/wire.js";
import { FocusEditor } from "./focus-editor.js";
import { FocusRow } from "./focus-row.js";
import { PreviewPanel } from "./preview-panel.js";
import { SuggestionsPanel } from "./suggestions-panel.js";
import "./foci.css";

const LIVE = ["state"] as const;

function NewFocus({
  providers,
  onCreated,
  onClose,
}: {
  providers: ProviderList["providers"];
  onCreated: (f: FocusView) => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState<FocusForm>(EMPTY_FOCUS_FORM);
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
      .post<FocusView>("/api/v1/foci", r.body)
      .then(onCreated, (err: unknown) => {
        setErrors(fieldErrors(err));
        setError(errorSummary(err));
      })
      .finally(() => setBusy(false));
  };
  return (
    <section className="panel new-focus" aria-label="New focus" data-testid="new-focus">
      <h3>New focus</h3>
      <FocusEditor
        form={form}
        onChange={setForm}
        errors={errors}
        creating
        providers={providers}
        onSubmit={submit}
      >
        <div className="editor-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="focus-create">
            Create
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
        {error && (
          <p className="error" role="alert" data-testid="new-focus-error">
            {error}
          </p>
        )}
      </FocusEditor>
    </section>
  );
}

export function FociPage({ data }: { data: DashboardData }) {
  const foci = useResource<FociList>("/api/v1/foci", data.subscribe, LIVE);
  const suggestions = useResource<SuggestionList>("/api/v1/foci/suggestions", data.subscribe, LIVE);
  const providers = useResource<ProviderList>("/api/v1/providers", data.subscribe, LIVE);
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState("");
  const [notice, setNotice] = useState<string | null>(null);

  const changed = (text?: string) => {
    foci.reload();
    suggestions.reload();
    if (text) setNotice(text);
  };
  const providerList = providers.data?.providers ?? [];
  const all = foci.data?.foci ?? [];
  const shown = filterFoci(all, filter);
  const proposed = shown.filter((f) => f.status === "proposed");
  const library = shown.filter((f) => f.status !== "proposed");
  const row = (f: FocusView) => (
    <FocusRow key={f.name} focus={f} providers={providerList} onChanged={changed} />
  );

  return (
    <main className="page foci-page" data-testid="foci-page">
      <div className="page-head">
        <h2>Foci</h2>
        <p className="muted">
          A focus is a role whose rules go into the prompt. Each issue gets the best-scoring active
          focus (keywords, issue type, labels, priority), else <code>general</code>.
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => setCreating(true)}
          disabled={creating}
          data-testid="new-focus-open"
        >
          New focus
        </button>
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="foci-notice">
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
        <NewFocus
          providers={providerList}
          onClose={() => setCreating(false)}
          onCreated={(f) => {
            setCreating(false);
            changed(`${f.name} created`);
          }}
        />
      )}
      <div className="foci-layout">
        <section className="library" aria-label="Focus library">
          {foci.error && (
            <div className="banner error" role="alert" data-testid="foci-error">
              Could not load the foci: {foci.error}{" "}
              <button type="button" onClick={foci.reload}>
                Retry
              </button>
            </div>
          )}
          {foci.loading && !foci.data && (
            <p className="muted" data-testid="foci-loading">
              Loading foci…
            </p>
          )}
          {foci.data && (
            <>
              <input
                type="search"
                className="filter"
                placeholder="Filter by name, role, keyword or label"
                aria-label="Filter foci"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
              {proposed.length > 0 && (
                <div className="proposed" data-testid="proposed-foci">
                  <h3>Proposed</h3>
                  <p className="muted">
                    Written from finished work; never selected until you make them active.
                  </p>
                  {proposed.map(row)}
                </div>
              )}
              {library.map(row)}
              {shown.length === 0 && (
                <p className="muted empty-state" data-testid="foci-empty">
                  {all.length === 0 ? "No foci." : `No focus matches “${filter}”.`}
                </p>
              )}
            </>
          )}
        </section>
        <aside className="side">
          <PreviewPanel library={foci.data} />
          <SuggestionsPanel resource={suggestions} onChanged={changed} />
        </aside>
      </div>
    </main>
  );
}
