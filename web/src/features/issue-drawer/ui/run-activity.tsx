/**
 * One run's activity in the drawer: paged in from `GET …/runs/{id}/activity`
 * and, while the run is active, followed live through the `runs:<id>` topic
 * (`run_activity`). A live entry that skips a number, a reconnect and every
 * board change (run phases, the run's end) page in what is missing, so the
 * list converges on the stored stream without duplicates.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import { formatTokens, formatUsd } from "../../../shared/format.js";
import { liveTopics } from "../../../shared/live/topics.js";
import {
  activityTotals,
  isGap,
  mergeEntries,
  truncate,
  turnsOf,
  type ActivityEntry,
  type ActivityItem,
  type LiveActivity,
} from "../model/activity.js";

const PAGE = 500;

function useRunActivity(runId: string, active: boolean, version: unknown) {
  const [entries, setEntries] = useState<ActivityEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const shown = useRef<ActivityEntry[]>([]);
  const pulling = useRef({ running: false, again: false });

  const apply = useCallback((incoming: readonly ActivityEntry[]) => {
    const next = mergeEntries(shown.current, incoming);
    if (next === shown.current) return;
    shown.current = next;
    setEntries(next);
  }, []);

  /** Pages in every entry after the last one shown (coalesced). */
  const pull = useCallback(() => {
    const p = pulling.current;
    if (p.running) {
      p.again = true;
      return;
    }
    p.running = true;
    void (async () => {
      try {
        for (;;) {
          const after = shown.current.at(-1)?.n ?? 0;
          const page = await api.get<{ entries: ActivityEntry[]; next: number }>(
            `/api/v1/runs/${encodeURIComponent(runId)}/activity?after=${after}&limit=${PAGE}`,
          );
          apply(page.entries);
          if (page.entries.length < PAGE) break;
        }
        setError(null);
      } catch (err) {
        setError(describeError(err));
      } finally {
        setLoaded(true);
        p.running = false;
        if (p.again) {
          p.again = false;
          pull();
        }
      }
    })();
  }, [runId, apply]);

  useEffect(() => {
    shown.current = [];
    setEntries([]);
    setLoaded(false);
  }, [runId]);

  useEffect(() => pull(), [pull, version]);

  useEffect(() => {
    if (!active) return;
    return liveTopics.watch(`runs:${runId}`, {
      onMessage: (msg) => {
        const { run_id: _run, ...entry } = msg.data as LiveActivity;
        if (isGap(shown.current, entry)) pull();
        else apply([entry]);
      },
      onSubscribed: pull,
    });
  }, [runId, active, pull, apply]);

  return { entries, error, loaded };
}

function Item({ item }: { item: ActivityItem }) {
  switch (item.kind) {
    case "text":
      return (
        <li className="act-text" data-testid="activity-item" data-kind="text">
          {item.text}
        </li>
      );
    case "tool": {
      const out = item.result ? truncate(item.result.output) : null;
      return (
        <li className="act-tool" data-testid="activity-item" data-kind="tool">
          <div>
            <span className="tool-name">{item.name}</span> <code>{item.args}</code>
          </div>
          {item.result && out && (
            <pre className={item.result.ok ? "tool-ok" : "tool-failed"}>
              {item.result.ok ? "✓" : "✗"}
              {item.result.exitCode === null ? "" : ` exit ${item.result.exitCode}`} {out.text}
              {out.truncated && <span className="muted"> … (truncated)</span>}
            </pre>
          )}
          {!item.result && <div className="muted">running…</div>}
        </li>
      );
    }
    case "end":
      return (
        <li className="act-end" data-testid="activity-item" data-kind="end">
          Prompt ended ({item.reason}){item.detail ? `: ${item.detail}` : ""}
        </li>
      );
    case "other":
      return (
        <li className="act-other muted" data-testid="activity-item" data-kind="other">
          {item.type} {item.detail}
        </li>
      );
  }
}

export function RunActivity({
  runId,
  active,
  version,
}: {
  runId: string;
  active: boolean;
  version: unknown;
}) {
  const { entries, error, loaded } = useRunActivity(runId, active, version);
  const turns = turnsOf(entries);
  const totals = activityTotals(turns);
  return (
    <div className="activity" data-testid="activity" data-run={runId}>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!loaded && <p className="muted">Loading the activity…</p>}
      {loaded && turns.length === 0 && !error && (
        <p className="muted">{active ? "No activity yet." : "No activity was recorded."}</p>
      )}
      {turns.length > 0 && (
        <p className="muted" data-testid="activity-totals">
          {active ? "So far" : "In all"}: {formatTokens(totals.tokens)} tok ·{" "}
          {formatUsd(totals.costUsd)} over {turns.length} turn{turns.length === 1 ? "" : "s"}
        </p>
      )}
      {turns.map((t, i) => (
        <section key={t.n ?? `open-${i}`} className="turn" data-testid="activity-turn">
          <h4>
            {t.n === null ? (active ? "Turn in progress" : "Last turn") : `Turn ${t.n}`}
            <span className="muted">
              {" "}
              · {formatTokens(t.inputTokens + t.outputTokens)} tok ({t.inputTokens} in /{" "}
              {t.outputTokens} out) · {formatUsd(t.costUsd)}
            </span>
          </h4>
          <ol className="turn-items">
            {t.items.map((item) => (
              <Item key={item.n} item={item} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
