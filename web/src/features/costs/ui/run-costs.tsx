/**
 * Per-run cost: the latest runs with their tokens and dollars, and for the
 * selected one its detail (`GET /api/v1/runs/{id}`) with the cost of every
 * usage report, turn by turn (`GET /api/v1/runs/{id}/costs`). Fallback-priced
 * reports are marked as estimates.
 */
import { formatTime } from "../../../shared/format.js";
import type { LiveSubscribe } from "../../../shared/use-dashboard.js";
import { useResource } from "../../../shared/use-resource.js";
import { DataTable, Fact } from "../../../shared/ui/data.js";
import { Panel, ResourceStatus } from "../../../shared/ui/page.js";
import type { Run } from "../../../shared/wire.js";
import { formatUsd } from "../../../shared/format.js";
import { formatUsageSplit } from "../model/format.js";
import type { RunCosts } from "../model/wire.js";
import { UsageCells, usageColumns } from "./usage-cells.js";

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
    <Panel title="Runs" className="costs-panel">
      <ResourceStatus resource={runs} what="runs" loading="Loading runs…" inline />
      {runs.data && list.length === 0 && (
        <p className="muted" data-testid="runs-empty">
          No runs yet. Each agent run appears here with its tokens and cost.
        </p>
      )}
      {list.length > 0 && (
        <DataTable
          data-testid="runs-table"
          columns={[
            "Issue",
            "Started",
            "Model",
            "Focus",
            "Status",
            { label: "Turns", num: true },
            ...usageColumns({ cached: false }),
          ]}
        >
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
                    className="text-link"
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
                <UsageCells usage={r} cached={false} costTestId="run-cost" />
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {selected && <RunDetail runId={selected} subscribe={subscribe} />}
    </Panel>
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
          <dl className="fact-grid">
            <Fact label="Model">{r.model ?? "—"}</Fact>
            <Fact label="Provider">{r.provider_id ?? "—"}</Fact>
            <Fact label="Profile / focus">
              {r.profile ?? "—"} / {r.focus ?? "—"}
            </Fact>
            <Fact label="Tokens">{formatUsageSplit(r)}</Fact>
            <Fact label="Cost" testId="run-detail-cost">
              {formatUsd(r.cost_usd)}
            </Fact>
          </dl>
        </>
      )}
      {costs.data && costs.data.entries.length === 0 && (
        <p className="muted">This run reported no token usage.</p>
      )}
      {costs.data && costs.data.entries.length > 0 && (
        <DataTable
          data-testid="turn-costs"
          caption="Cost per turn (one row per usage report)"
          columns={["#", "Time", ...usageColumns({ cached: true }), "Price source"]}
        >
          <tbody>
            {costs.data.entries.map((e, i) => (
              <tr key={`${e.ts}:${i}`} data-testid="turn-row">
                <td>{i + 1}</td>
                <td>{formatTime(e.ts)}</td>
                <UsageCells usage={e} cached />
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
              <UsageCells usage={costs.data.total} cached />
              <td />
            </tr>
          </tfoot>
        </DataTable>
      )}
    </div>
  );
}
