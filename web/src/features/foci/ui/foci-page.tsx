/**
 * The Foci page (§17.5, §8): the focus library with inline editing of every
 * §8.1 field and status toggles, proposed foci, the suggestion queue and the
 * score preview. Everything is refetched on `state` messages, which the
 * server publishes when foci.json, focus_suggestions.json or providers.json
 * change (through the API or by hand).
 */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import type { DashboardData } from "../../../shared/use-dashboard.js";
import { useResource } from "../../../shared/use-resource.js";
import { Notice } from "../../../shared/ui/actions.js";
import { CreatePanel } from "../../../shared/ui/create-panel.js";
import { EmptyState, ListLayout, PageHead, ResourceStatus } from "../../../shared/ui/page.js";
import type { ProviderList } from "../../providers/model/wire.js";
import { createBody, EMPTY_FOCUS_FORM, filterFoci } from "../model/focus-form.js";
import type { FociList, FocusView, SuggestionList } from "../model/wire.js";
import { FocusEditor } from "./focus-editor.js";
import { FocusRow } from "./focus-row.js";
import { PreviewPanel } from "./preview-panel.js";
import { SuggestionsPanel } from "./suggestions-panel.js";
import "./foci.css";

const LIVE = ["state"] as const;

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
      <PageHead
        title="Foci"
        intro={
          <>
            A focus is a role whose rules go into the prompt. Each issue gets the best-scoring
            active focus (keywords, issue type, labels, priority), else <code>general</code>.
          </>
        }
      >
        <button
          type="button"
          className="primary"
          onClick={() => setCreating(true)}
          disabled={creating}
          data-testid="new-focus-open"
        >
          New focus
        </button>
      </PageHead>
      <Notice text={notice} onDismiss={() => setNotice(null)} testId="foci-notice" />
      {creating && (
        <CreatePanel
          title="New focus"
          testId="new-focus"
          empty={EMPTY_FOCUS_FORM}
          body={createBody}
          create={(body) => api.post<FocusView>("/api/v1/foci", body)}
          onCreated={(f) => {
            setCreating(false);
            changed(`${f.name} created`);
          }}
          onClose={() => setCreating(false)}
          submit="Create"
          submitTestId="focus-create"
          editor={(props) => <FocusEditor {...props} creating providers={providerList} />}
        />
      )}
      <ListLayout
        label="Focus library"
        aside={
          <>
            <PreviewPanel library={foci.data} />
            <SuggestionsPanel resource={suggestions} onChanged={changed} />
          </>
        }
      >
        <ResourceStatus resource={foci} what="the foci" loading="Loading foci…" testId="foci" />
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
              <EmptyState
                title={all.length === 0 ? "No foci." : `No focus matches “${filter}”.`}
                testId="foci-empty"
              />
            )}
          </>
        )}
      </ListLayout>
    </main>
  );
}
