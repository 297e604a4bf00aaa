/**
 * The automatic-proposal queue (§8.5): pending suggestions with Accept
 * (creates or activates the focus) and Dismiss (never proposed again), and
 * the decided ones folded away.
 */
import { api } from "../../../shared/api-client.js";
import { formatTime } from "../../../shared/format.js";
import { useRequest } from "../../../shared/use-request.js";
import type { Resource } from "../../../shared/use-resource.js";
import { OutcomeLine } from "../../../shared/ui/actions.js";
import { Panel, ResourceStatus } from "../../../shared/ui/page.js";
import { splitSuggestions } from "../model/suggestions.js";
import type { Suggestion, SuggestionList } from "../model/wire.js";

export interface SuggestionsPanelProps {
  resource: Resource<SuggestionList>;
  onChanged: (notice?: string) => void;
}

const DECISIONS = {
  accept: { label: "Accept", done: "accepted: the focus is active" },
  dismiss: { label: "Dismiss", done: "dismissed: it will not be proposed again" },
} as const;

function SuggestionItem({
  s,
  onChanged,
}: {
  s: Suggestion;
  onChanged: SuggestionsPanelProps["onChanged"];
}) {
  const request = useRequest();
  const decide = (action: keyof typeof DECISIONS) =>
    request.send(
      () => api.patch(`/api/v1/foci/suggestions/${encodeURIComponent(s.name)}`, { action }),
      () => onChanged(`${s.name} ${DECISIONS[action].done}`),
    );
  return (
    <li className="suggestion" data-testid="suggestion" data-name={s.name} data-status={s.status}>
      <div className="suggestion-head">
        <strong>{s.name}</strong> <span>{s.role}</span>
        {s.status !== "pending" && <span className="tag">{s.status}</span>}
      </div>
      <p className="muted">
        {s.issue_ids.length} issue{s.issue_ids.length === 1 ? "" : "s"}
        {s.domains.length ? ` · domains: ${s.domains.join(", ")}` : ""} · last seen{" "}
        {formatTime(s.last_seen)}
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
          {(["accept", "dismiss"] as const).map((action) => (
            <button
              key={action}
              type="button"
              className={action === "accept" ? "primary" : undefined}
              disabled={request.busy}
              onClick={() => decide(action)}
              data-testid={`suggestion-${action}`}
            >
              {DECISIONS[action].label}
            </button>
          ))}
        </div>
      )}
      <OutcomeLine outcome={request.outcome} />
    </li>
  );
}

export function SuggestionsPanel({ resource, onChanged }: SuggestionsPanelProps) {
  const { pending, decided } = splitSuggestions(resource.data?.suggestions ?? []);
  const list = (items: Suggestion[]) => (
    <ul className="suggestions">
      {items.map((s) => (
        <SuggestionItem key={s.name} s={s} onChanged={onChanged} />
      ))}
    </ul>
  );
  return (
    <Panel
      title={
        <>
          Suggestions <span className="count">{pending.length}</span>
        </>
      }
      testId="suggestions"
    >
      <ResourceStatus
        resource={resource}
        what="suggestions"
        loading="Loading suggestions…"
        inline
      />
      {resource.data && pending.length === 0 && (
        <p className="muted" data-testid="suggestions-empty">
          No pending suggestions. After issues finish, oompah suggests a focus for recurring work no
          focus covers; with three issues behind it, it becomes a proposed focus.
        </p>
      )}
      {pending.length > 0 && list(pending)}
      {decided.length > 0 && (
        <details>
          <summary>Decided ({decided.length})</summary>
          {list(decided)}
        </details>
      )}
    </Panel>
  );
}
