/**
 * Implements the budget and cost routes' ports over the store, the config in
 * force and the tracker registry (SPEC §13). Every number is read from the
 * ledger at request time, so the answers are the same after a restart. A
 * reset or a changed cap wakes the orchestrator (`budget_changed`) so a
 * paused dispatch resumes in the next tick rather than at the next poll.
 */
import { issueInternalKey } from "../domain/dispatch.js";
import { OompahError } from "../domain/errors.js";
import type { OompahConfig } from "../config/schema.js";
import { budgetStatus, issueCostStatus, resetBudget } from "../orchestrator/budget.js";
import type { WakeReason } from "../orchestrator/tick-loop.js";
import type { BudgetApi } from "../server/routes/budget.js";
import type { CostGroup, CostsApi } from "../server/routes/costs.js";
import type { Store } from "../store/db.js";
import type { LedgerDimension, LedgerFilter } from "../store/ledger.js";
import type { ProjectTrackers } from "../trackers/project-trackers.js";

export interface BudgetWiring {
  store: Store;
  config: { readonly current: { config: OompahConfig } };
  trackers: Pick<ProjectTrackers, "get">;
  wake: (reason: WakeReason) => void;
  now?: () => Date;
}

const DIMENSION: Record<CostGroup, LedgerDimension> = {
  profile: "profile",
  focus: "focus",
  model: "model",
  provider: "provider_id",
  project: "project_id",
  issue: "issue_key",
  day: "day",
  hour: "hour",
};

const isoOf = (s: string | undefined): string | undefined =>
  s === undefined ? undefined : new Date(s).toISOString();

export function createBudgetApi(w: BudgetWiring): BudgetApi & CostsApi {
  const now = w.now ?? (() => new Date());
  const agent = () => w.config.current.config.agent;
  return {
    status: () => budgetStatus(w.store, agent(), now()),
    async reset() {
      await resetBudget(w.store, now());
      await w.store.events.append({
        type: "state",
        payload: { budget_reset_at: now().toISOString() },
      });
      w.wake("budget_changed");
      return budgetStatus(w.store, agent(), now());
    },
    async setCostCap(projectRef, issueId, limitUsd) {
      const { projectId, tracker } = await w.trackers.get(projectRef);
      const { issue } = await tracker.getIssueDetail(issueId);
      const key = issueInternalKey({ project_id: projectId, id: issue.id });
      await w.store.issueOverrides.setCostCap(key, limitUsd);
      const cost = await issueCostStatus(w.store, key, agent().max_cost_per_issue);
      w.wake("budget_changed");
      return { project_id: projectId, issue_id: issue.id, ...cost };
    },
    async costs(q) {
      const since = isoOf(q.since);
      const until = isoOf(q.until);
      const filter: LedgerFilter = {
        ...(since === undefined ? {} : { since }),
        ...(until === undefined ? {} : { until }),
        ...(q.project_id === undefined ? {} : { project_id: q.project_id }),
        ...(q.kind === undefined ? {} : { kind: q.kind }),
        ...(q.billable_only ? { billableOnly: true } : {}),
      };
      const [rows, total] = await Promise.all([
        w.store.ledger.groupBy(DIMENSION[q.group_by], filter),
        w.store.ledger.totals(filter),
      ]);
      return { group_by: q.group_by, since: since ?? null, until: until ?? null, rows, total };
    },
    async runCosts(runId) {
      const run = await w.store.runs.get(runId);
      if (!run)
        throw new OompahError("run_not_found", `no run ${runId}`, { details: { run_id: runId } });
      const [rows, total] = await Promise.all([
        w.store.ledger.list({ run_id: runId }),
        w.store.ledger.totals({ run_id: runId }),
      ]);
      const entries = rows.map((r) => ({
        ts: r.ts,
        input_tokens: r.input_tokens,
        cached_input_tokens: r.cached_input_tokens,
        output_tokens: r.output_tokens,
        cost_usd: r.cost_usd,
        price_source: r.price_source,
        billable: r.billable,
      }));
      return { run_id: runId, model: run.model, entries, total };
    },
  };
}
