/**
 * One provider: what it is, where its key comes from (never the key), Test
 * and Fetch models with their results, the inline editor and Delete. An
 * untouched editor follows live changes; an edited one saves only its edits.
 */
import { useState } from "react";
import { api } from "../../../shared/api-client.js";
import { useEditForm } from "../../../shared/use-edit-form.js";
import { useRequest } from "../../../shared/use-request.js";
import { ConfirmButton, EditActions, OutcomeLine } from "../../../shared/ui/actions.js";
import { Fact } from "../../../shared/ui/data.js";
import { fieldGroups, patchBody, providerToForm } from "../model/provider-form.js";
import { keyStatus, probeSummary } from "../model/provider-view.js";
import type { FetchModelsResult, ProbeResult, Provider } from "../model/wire.js";
import { ProviderEditor } from "./provider-editor.js";

export interface ProviderCardProps {
  provider: Provider;
  onChanged: (notice?: string) => void;
}

function providerPath(id: string, suffix = ""): string {
  return `/api/v1/providers/${encodeURIComponent(id)}${suffix}`;
}

export function ProviderCard({ provider: p, onChanged }: ProviderCardProps) {
  const [editing, setEditing] = useState(false);
  const edit = useEditForm(p, providerToForm);
  // Save and Remove report on the card's message line; Test and Fetch on their own lines.
  const save = useRequest();
  const probe = useRequest();
  const fetchModels = useRequest();
  const busy = save.busy || probe.busy || fetchModels.busy;
  const key = keyStatus(p);
  const endpoint = fieldGroups(p.backend).has("endpoint");

  // The saved provider becomes the form again: a typed key is dropped, never kept or shown.
  const submit = () =>
    edit.save(
      save,
      patchBody,
      (body) => api.patch<Provider>(providerPath(p.id), body),
      () => onChanged(),
    );

  const test = () =>
    probe.send(() => api.post<ProbeResult>(providerPath(p.id, "/test")), probeSummary);

  const fetchList = () =>
    fetchModels.send(
      () => api.post<FetchModelsResult>(providerPath(p.id, "/fetch-models")),
      (r) => {
        onChanged();
        return `Fetched ${r.fetched} model${r.fetched === 1 ? "" : "s"}`;
      },
    );

  const remove = () =>
    save.send(
      () => api.del(providerPath(p.id)),
      () => onChanged(`${p.name || p.id} removed`),
    );

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
        {p.base_url && <Fact label="Base URL">{p.base_url}</Fact>}
        <Fact label="Key" className={key.ok ? "" : "warning-text"} testId="key-status">
          {key.text}
        </Fact>
        <Fact label="Models" testId="models">
          {p.models.length === 0
            ? "none listed"
            : `${p.models.slice(0, 8).join(", ")}${p.models.length > 8 ? ` +${p.models.length - 8}` : ""}`}
          {p.default_model && <span className="muted"> · default {p.default_model}</span>}
        </Fact>
        {Object.keys(p.model_roles).length > 0 && (
          <Fact label="Roles">
            {Object.entries(p.model_roles)
              .map(([r, m]) => `${r} → ${m}`)
              .join(", ")}
          </Fact>
        )}
      </dl>
      <div className="editor-actions">
        <button type="button" onClick={test} disabled={busy} data-testid="provider-test">
          {probe.busy ? "Testing…" : "Test"}
        </button>
        {endpoint && (
          <button
            type="button"
            onClick={fetchList}
            disabled={busy}
            data-testid="provider-fetch-models"
          >
            {fetchModels.busy ? "Fetching…" : "Fetch models"}
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
        <ConfirmButton
          confirm={`Remove ${p.name || p.id}: confirm`}
          onConfirm={remove}
          disabled={busy}
          testId="provider-delete"
        >
          Remove
        </ConfirmButton>
      </div>
      <OutcomeLine outcome={probe.outcome} testId="probe-result" />
      <OutcomeLine outcome={fetchModels.outcome} testId="fetch-result" />
      {editing && (
        <ProviderEditor
          form={edit.form}
          onChange={edit.setForm}
          errors={save.fields}
          provider={p}
          onSubmit={submit}
        >
          <EditActions
            dirty={edit.dirty}
            busy={busy}
            testId="provider-save"
            onDiscard={() => {
              edit.discard();
              save.show(null);
            }}
          />
        </ProviderEditor>
      )}
      <OutcomeLine outcome={save.outcome} testId="provider-message" />
    </article>
  );
}
