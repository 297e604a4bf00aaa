/**
 * Per-run cost: the latest runs with their tokens and dollars, and for the
 * selected one its detail (`GET /api/v1/runs/{id}`) with the cost of every
 * usage report, turn by turn (`GET /api/v1/runs/{id}/costs`). Fallback-priced
 * reports are marked as estimates.
 */
import type { LiveSubscribe } from "../../../shared/use-dashboard.js";
import { useResource } from "../../../shared/use-resource.js";
import type { Run } from "../../../shared/wire.js";
import { formatCost, formatCount, formatTime } from "../model/format.js";
import type { RunCosts } from "../model/wire.js";

const RUNS_PATH = "/api/v1/runs?limit=50";
const LIVE = ["run_started", "run_finished", "state"] as const;

const statusOf = (r: Run): string => r.outcome ?? r.phase;

export function RunsPanel({
  subscribe,
  selected,
  onSelect,
}: {
  subscribe: LiveSubscribe;
  selected: string | null;
  onSelect: (runId: string | null) => void;
}) {
  const runs = useResource<{ runs: Run[] }>(RUNS_PATH, subscribe, LIVE);
  const list = runs.data?.runs ?? [];
  return (
    <section className="costs-panel" aria-labelledby="costs-runs-title">
      <h3 id="costs-runs-title">Runs</h3>
      {runs.error && (
        <p className="error" role="alert">
          Could not load runs: {runs.error}{" "}
          <button type="button" onClick={runs.reload}>
            Retry
          </button>
        </p>
      )}
      {runs.loading && !runs.data && <p className="muted">Loading runs…</p>}
      {runs.data && list.length === 0 && (
        <p className="muted" data-testid="runs-empty">
          No runs yet. Each agent run appears here with its tokens and cost.
        </p>
      )}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="costs-table" data-testid="runs-table">
            <thead>
              <tr>
                <th scope="col">Issue</th>
                <th scope="col">Started</th>
                <th scope="col">Model</th>
                <th scope="col">Focus</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Turns
                </th>
                <th scope="col" className="num">
                  Input
                </th>
                <th scope="col" className="num">
                  Output
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr
                  key={r.run_id}
                  className={r.run_id === selected ? "selected" : undefined}
                  data-testid="run-row"
                  data-run-id={r.run_id}
                >
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-pressed={r.run_id === selected}
                      onClick={() => onSelect(r.run_id === selected ? null : r.run_id)}
                    >
                      {r.identifier}
                    </button>
                    <span className="muted"> #{r.attempt}</span>
                  </td>
                  <td>{formatTime(r.started_at)}</td>
                  <td>{r.model ?? "—"}</td>
                  <td>{r.focus ?? "—"}</td>
                  <td>
                    <span className={`run-status run-${r.phase === "finished" ? "done" : "live"}`}>
                      {statusOf(r)}
                    </span>
                  </td>
                  <td className="num">{r.turns}</td>
                  <td className="num">{formatCount(r.input_tokens)}</td>
                  <td className="num">{formatCount(r.output_tokens)}</td>
                  <td className="num" data-testid="run-cost">
                    {formatCost(r.cost_usd)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && <RunDetail runId={selected} subscribe={subscribe} />}
    </section>
  );
}

function RunDetail({ runId, subscribe }: { runId: string; subscribe: LiveSubscribe }) {
  const enc = encodeURIComponent(runId);
  const run = useResource<Run>(`/api/v1/runs/${enc}`, subscribe, LIVE);
  const costs = useResource<RunCosts>(`/api/v1/runs/${enc}/costs`, subscribe, LIVE);
  const error = run.error ?? costs.error;
  const r = run.data;
  return (
    <div className="run-detail" data-testid="run-detail">
      {error && (
        <p className="error" role="alert">
          Could not load run {runId}: {error}
        </p>
      )}
      {!error && (!r || !costs.data) && <p className="muted">Loading run…</p>}
      {r && (
        <>
          <h4>
            {r.identifier} · attempt {r.attempt} · {statusOf(r)}
          </h4>
          <dl className="run-facts">
            <div>
              <dt>Model</dt>
              <dd>{r.model ?? "—"}</dd>
            </div>
            <div>
              <dt>Provider</dt>
              <dd>{r.provider_id ?? "—"}</dd>
            </div>
            <div>
              <dt>Profile / focus</dt>
              <dd>
                {r.profile ?? "—"} / {r.focus ?? "—"}
              </dd>
            </div>
            <div>
              <dt>Tokens</dt>
              <dd>
                {formatCount(r.input_tokens)} in · {formatCount(r.cached_input_tokens)} cached ·{" "}
                {formatCount(r.output_tokens)} out
              </dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd data-testid="run-detail-cost">{formatCost(r.cost_usd)}</dd>
            </div>
          </dl>
        </>
      )}
      {costs.data && costs.data.entries.length === 0 && (
        <p className="muted">This run reported no token usage.</p>
      )}
      {costs.data && costs.data.entries.length > 0 && (
        <table className="costs-table" data-testid="turn-costs">
          <caption>Cost per turn (one row per usage report)</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time</th>
              <th scope="col" className="num">
                Input
              </th>
              <th scope="col" className="num">
                Cached
              </th>
              <th scope="col" className="num">
                Output
              </th>
              <th scope="col" className="num">
                Cost
              </th>
              <th scope="col">Price source</th>
            </tr>
          </thead>
          <tbody>
            {costs.data.entries.map((e, i) => (
              <tr key={`${e.ts}:${i}`} data-testid="turn-row">
                <td>{i + 1}</td>
                <td>{formatTime(e.ts)}</td>
                <td className="num">{formatCount(e.input_tokens)}</td>
                <td className="num">{formatCount(e.cached_input_tokens)}</td>
                <td className="num">{formatCount(e.output_tokens)}</td>
                <td className="num">{formatCost(e.cost_usd)}</td>
                <td>
                  {e.price_source === "fallback" ? (
                    <span
                      className="estimate"
                      title="No known price for this model: priced with agent.unknown_model_price"
                    >
                      fallback · estimate
                    </span>
                  ) : (
                    e.price_source
                  )}
                  {!e.billable && <span className="muted"> (not billed)</span>}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td className="num">{formatCount(costs.data.total.input_tokens)}</td>
              <td className="num">{formatCount(costs.data.total.cached_input_tokens)}</td>
              <td className="num">{formatCount(costs.data.total.output_tokens)}</td>
              <td className="num">{formatCost(costs.data.total.cost_usd)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}
