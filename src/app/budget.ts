/**
 * Implements the budget and cost routes' ports over the store, the config in
 * force and the tracker registry (SPEC §13). Every number is read from the
 * ledger at request time, so the answers are the same after a restart. A
 * reset or a changed cap wakes the orchestrator (`budget_changed`) so a
 * paused dispatch resumes in the next tick rather than at the next poll.
 */
import { issueInternalKey } from "../domain/dispatch.js";
import { overCostCap } from "../domain/eligibility.js";
import type { OompahConfig } from "../config/schema.js";
import { budgetStatus, issueCostCap, issueSpend, resetBudget } from "../orchestrator/budget.js";
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
      const [{ override, cap }, spent] = await Promise.all([
        issueCostCap(w.store, key, agent().max_cost_per_issue),
        issueSpend(w.store, key),
      ]);
      w.wake("budget_changed");
      return {
        project_id: projectId,
        issue_id: issue.id,
        limit_usd: override,
        effective_cap_usd: cap,
        spent_usd: spent,
        at_cap: overCostCap(spent, cap),
      };
    },
    async costs(q) {
      const since = isoOf(q.since);
      const until = isoOf(q.until);
      const filter: LedgerFilter = {
        ...(since === undefined ? {} : { since }),
        ...(until === undefined ? {} : { until }),
        ...(q.project_id === undefined ? {} : { project_id: q.project_id }),
      };
      const [rows, total] = await Promise.all([
        w.store.ledger.groupBy(DIMENSION[q.group_by], filter),
        w.store.ledger.totals(filter),
      ]);
      return { group_by: q.group_by, since: since ?? null, until: until ?? null, rows, total };
    },
  };
}
