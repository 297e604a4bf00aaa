/**
 * The Costs page (§17.5, §13): spend over time against the budget limit and
 * window, breakdowns by project, focus, profile, model, provider and issue,
 * and per-run cost down to each turn. Everything comes from the ledger
 * through `GET /api/v1/costs`, `/budget` and `/runs`, and is refetched when a
 * run starts or finishes and on every `state` change (running costs).
 */
import { useMemo, useState } from "react";
import { formatTime } from "../../../shared/format.js";
import type { DashboardData } from "../../../shared/use-dashboard.js";
import { useClock } from "../../../shared/use-clock.js";
import { useResource } from "../../../shared/use-resource.js";
import { PageHead, Panel, RetryError } from "../../../shared/ui/page.js";
import { Segmented } from "../../../shared/ui/segmented.js";
import { BREAKDOWNS, namesFrom, unpricedModels } from "../model/breakdown.js";
import { formatCount, formatUsd } from "../../../shared/format.js";
import { formatUsageSplit } from "../model/format.js";
import {
  costsPath,
  PERIODS,
  periodRange,
  spendSeries,
  windowLabel,
  windowSince,
  type PeriodId,
} from "../model/series.js";
import type { BudgetStatus, CostGroup, CostReport } from "../model/wire.js";
import { BreakdownTable } from "./breakdown-table.js";
import { RunsPanel } from "./run-costs.js";
import { SpendChart } from "./spend-chart.js";
import "./costs.css";

const LIVE = ["run_finished", "run_started", "state"] as const;

function BudgetCard({ budget }: { budget: BudgetStatus }) {
  const limited = budget.limit > 0;
  return (
    <div
      className={`panel costs-card${budget.exceeded ? " exceeded" : ""}`}
      data-testid="budget-card"
    >
      <span className="card-label">Budget · {windowLabel(budget)}</span>
      <strong data-testid="budget-spent">
        {formatUsd(budget.spent)}
        {limited && <span className="muted"> of {formatUsd(budget.limit)}</span>}
      </strong>
      {limited ? (
        <meter
          min={0}
          max={budget.limit}
          value={Math.min(budget.spent, budget.limit)}
          high={budget.limit * 0.8}
          optimum={0}
        >
          {Math.round((budget.spent / budget.limit) * 100)}%
        </meter>
      ) : (
        <span className="muted">No limit (agent.budget_limit is 0)</span>
      )}
      <span className={budget.exceeded ? "error" : "muted"}>
        {budget.exceeded
          ? "Exceeded: new runs wait for the next window"
          : `Window since ${formatTime(budget.window_start)}`}
      </span>
      {budget.per_issue_cap > 0 && (
        <span className="muted">Per-issue cap {formatUsd(budget.per_issue_cap)}</span>
      )}
    </div>
  );
}

export function CostsPage({ data }: { data: DashboardData }) {
  const { subscribe } = data;
  const [period, setPeriod] = useState<PeriodId>("7d");
  const [group, setGroup] = useState<CostGroup>("project");
  const [runId, setRunId] = useState<string | null>(null);
  const now = useClock(60_000);

  const budget = useResource<BudgetStatus>("/api/v1/budget", subscribe, LIVE);
  const range = periodRange(period, budget.data, now);
  const since = range?.since ?? null;
  const spend = useResource<CostReport>(range && costsPath(range.bucket, since), subscribe, LIVE);
  const inWindow = useResource<CostReport>(
    range && budget.data
      ? costsPath(range.bucket, windowSince(range, budget.data), { budgetOnly: true })
      : null,
    subscribe,
    LIVE,
  );
  const breakdown = useResource<CostReport>(range && costsPath(group, since), subscribe, LIVE);
  const models = useResource<CostReport>(
    range && group !== "model" ? costsPath("model", since) : null,
    subscribe,
    LIVE,
  );

  const bucket = range?.bucket ?? null;
  const series = useMemo(
    () =>
      spend.data && bucket
        ? spendSeries({
            spend: spend.data,
            inWindow: inWindow.data,
            budget: budget.data,
            range: { bucket, since },
            nowMs: Math.max(now, Date.now()),
          })
        : null,
    [spend.data, inWindow.data, budget.data, bucket, since, now],
  );
  const names = useMemo(() => namesFrom(data.state, data.board), [data.state, data.board]);
  const unpriced = unpricedModels(group === "model" ? breakdown.data : models.data);
  const resources = [budget, spend, inWindow, breakdown, models];
  const errors = resources.flatMap((r) => (r.error ? [r.error] : []));
  const periodLabel = PERIODS.find((p) => p.id === period)?.label ?? period;
  const total = spend.data?.total;

  return (
    <main className="page page-stack costs-page" data-testid="costs-page">
      <PageHead title="Costs">
        <Segmented label="Period" options={PERIODS} value={period} onChange={setPeriod} />
      </PageHead>
      {errors.length > 0 && (
        <RetryError
          message={`Could not load costs: ${[...new Set(errors)].join("; ")}`}
          retry={() => resources.forEach((r) => r.reload())}
          testId="costs-error"
        />
      )}
      {unpriced.length > 0 && (
        <div className="banner warning" role="status" data-testid="unpriced-warning">
          <strong>Estimated cost:</strong> no known price for{" "}
          {unpriced.map((m) => `${m.model} (${m.events} usage reports)`).join(", ")}. These were
          priced with <code>agent.unknown_model_price</code>; set <code>model_costs</code> for the
          model on its provider for exact figures.
        </div>
      )}
      {!total && !errors.length ? (
        <p className="empty-state" data-testid="costs-loading">
          Loading costs…
        </p>
      ) : (
        <section className="costs-summary" aria-label="Summary">
          <div className="panel costs-card">
            <span className="card-label">Spent · {periodLabel}</span>
            <strong data-testid="period-total">{formatUsd(total?.cost_usd ?? 0)}</strong>
            <span className="muted">
              {total?.runs ?? 0} run{total?.runs === 1 ? "" : "s"} · all usage
            </span>
          </div>
          {budget.data && <BudgetCard budget={budget.data} />}
          <div className="panel costs-card">
            <span className="card-label">Tokens · {periodLabel}</span>
            <strong>{formatCount((total?.input_tokens ?? 0) + (total?.output_tokens ?? 0))}</strong>
            <span className="muted">{total ? formatUsageSplit(total) : "—"}</span>
          </div>
        </section>
      )}

      <Panel title="Spend over time" className="costs-panel">
        {series && series.total === 0 && series.inWindow.every((v) => !v) ? (
          <p className="muted" data-testid="chart-empty">
            No spend recorded in this period. Costs appear here as soon as an agent run reports
            token usage.
          </p>
        ) : series ? (
          <>
            <SpendChart
              series={series}
              label={`Spend per ${bucket ?? "hour"}, ${periodLabel}: ${formatUsd(series.total)}`}
            />
            <p className="muted chart-note">
              Bars: spend per {bucket} (all usage). Line: budget spend accumulated in the current
              window (billable agent runs)
              {series.limit !== null ? ", against the dashed limit" : ""}. Shaded: the current
              window.
            </p>
          </>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </Panel>

      <Panel title={`Breakdown · ${periodLabel}`} className="costs-panel">
        <Segmented
          label="Group by"
          options={BREAKDOWNS}
          value={group}
          onChange={setGroup}
          testIdPrefix="group"
        />
        {breakdown.data ? (
          <BreakdownTable report={breakdown.data} group={group} names={names} />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </Panel>

      <RunsPanel subscribe={subscribe} selected={runId} onSelect={setRunId} />
    </main>
  );
}
