/**
 * The Providers page (§17.5, §9.3): provider CRUD with write-only keys, Test
 * and Fetch models, the per-model editors and backend availability. The page
 * refetches on `state` messages, which the server publishes when
 * providers.json changes (through the API or by hand).
 */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import type { DashboardData } from "../../../shared/use-dashboard.js";
import { useResource } from "../../../shared/use-resource.js";
import { Notice } from "../../../shared/ui/actions.js";
import { CreatePanel } from "../../../shared/ui/create-panel.js";
import { EmptyState, ListLayout, PageHead, ResourceStatus } from "../../../shared/ui/page.js";
import { createBody, EMPTY_PROVIDER_FORM } from "../model/provider-form.js";
import type { BackendList, Provider, ProviderList } from "../model/wire.js";
import { BackendsPanel } from "./backends-panel.js";
import { ProviderCard } from "./provider-card.js";
import { ProviderEditor } from "./provider-editor.js";
import "./providers.css";

const LIVE = ["state"] as const;

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
      <PageHead
        title="Providers"
        intro="Where agents run: an endpoint, its key and its models. Keys are write-only — name an environment variable, or type a key to store it encrypted."
      >
        <button
          type="button"
          className="primary"
          onClick={() => setCreating(true)}
          disabled={creating}
          data-testid="new-provider-open"
        >
          Add provider
        </button>
      </PageHead>
      <Notice text={notice} onDismiss={() => setNotice(null)} testId="providers-notice" />
      {creating && (
        <CreatePanel
          title="New provider"
          testId="new-provider"
          empty={EMPTY_PROVIDER_FORM}
          body={createBody}
          create={(body) => api.post<Provider>("/api/v1/providers", body)}
          onCreated={(p) => {
            setCreating(false);
            changed(`${p.name || p.id} added`);
          }}
          onClose={() => setCreating(false)}
          submit="Add provider"
          submitTestId="provider-create"
          editor={(props) => <ProviderEditor {...props} provider={null} />}
        />
      )}
      <ListLayout label="Providers" aside={<BackendsPanel resource={backends} />}>
        <ResourceStatus
          resource={providers}
          what="the providers"
          loading="Loading providers…"
          testId="providers"
        />
        {providers.data && list.length === 0 && (
          <EmptyState title="No providers yet." className="panel" testId="providers-empty">
            Add one to let agents run: for an OpenAI-compatible API pick the <code>api</code>{" "}
            backend, set its base URL and key, then Test it and Fetch models.
          </EmptyState>
        )}
        {list.map((p) => (
          <ProviderCard key={p.id} provider={p} onChanged={changed} />
        ))}
      </ListLayout>
    </main>
  );
}
