/**
 * The automatic-proposal queue (§8.5): pending suggestions with Accept
 * (creates or activates the focus) and Dismiss (never proposed again), and
 * the decided ones folded away.
 */
import { useState } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import type { Resource } from "../../../shared/use-resource.js";
import { splitSuggestions } from "../model/suggestions.js";
import type { Suggestion, SuggestionList } from "../model/wire.js";

export interface SuggestionsPanelProps {
  resource: Resource<SuggestionList>;
  onChanged: (notice?: string) => void;
}

function SuggestionItem({
  s,
  onChanged,
}: {
  s: Suggestion;
  onChanged: SuggestionsPanelProps["onChanged"];
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = (action: "accept" | "dismiss") => {
    setBusy(true);
    setError(null);
    api
      .patch(`/api/v1/foci/suggestions/${encodeURIComponent(s.name)}`, { action })
      .then(
        () =>
          onChanged(
            action === "accept"
              ? `${s.name} accepted: the focus is active`
              : `${s.name} dismissed: it will not be proposed again`,
          ),
        (err: unknown) => setError(describeError(err)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <li className="suggestion" data-testid="suggestion" data-name={s.name} data-status={s.status}>
      <div className="suggestion-head">
        <strong>{s.name}</strong> <span>{s.role}</span>
        {s.status !== "pending" && <span className="tag">{s.status}</span>}
      </div>
      <p className="muted">
        {s.issue_ids.length} issue{s.issue_ids.length === 1 ? "" : "s"}
        {s.domains.length ? ` · domains: ${s.domains.join(", ")}` : ""} · last seen{" "}
        {new Date(s.last_seen).toLocaleString()}
      </p>
      {s.keywords.length > 0 && (
        <ul className="labels">
          {s.keywords.map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
      )}
      {s.status === "pending" && (
        <div className="editor-actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => decide("accept")}
            data-testid="suggestion-accept"
          >
            Accept
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => decide("dismiss")}
            data-testid="suggestion-dismiss"
          >
            Dismiss
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function SuggestionsPanel({ resource, onChanged }: SuggestionsPanelProps) {
  const { data, loading, error, reload } = resource;
  const { pending, decided } = splitSuggestions(data?.suggestions ?? []);
  return (
    <section className="panel" aria-labelledby="suggestions-title" data-testid="suggestions">
      <h3 id="suggestions-title">
        Suggestions <span className="count">{pending.length}</span>
      </h3>
      {loading && !data && <p className="muted">Loading suggestions…</p>}
      {error && (
        <p className="error" role="alert">
          {error}{" "}
          <button type="button" onClick={reload}>
            Retry
          </button>
        </p>
      )}
      {data && pending.length === 0 && (
        <p className="muted" data-testid="suggestions-empty">
          No pending suggestions. After issues finish, oompah suggests a focus for recurring work no
          focus covers; with three issues behind it, it becomes a proposed focus.
        </p>
      )}
      {pending.length > 0 && (
        <ul className="suggestions">
          {pending.map((s) => (
            <SuggestionItem key={s.name} s={s} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {decided.length > 0 && (
        <details>
          <summary>Decided ({decided.length})</summary>
          <ul className="suggestions">
            {decided.map((s) => (
              <SuggestionItem key={s.name} s={s} onChanged={onChanged} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
