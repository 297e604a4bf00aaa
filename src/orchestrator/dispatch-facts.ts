/**
 * Gathers the facts the eligibility rules read (SPEC §7.2): service-wide
 * ones once per decision (pause, budget, running counts, pending retries)
 * and per-issue ones (active run, retry, spend and cap override, routing).
 * Shared by the tick, manual dispatch and the issue detail's `skip_reason`,
 * so all three judge an issue the same way.
 */
import { issueInternalKey, type DispatchEntry } from "../domain/dispatch.js";
import {
  checkEligibility,
  type EligibilityConfig,
  type ProjectFacts,
  type RunningCounts,
  type ServiceFacts,
  type SkipReason,
} from "../domain/eligibility.js";
import type { Focus } from "../domain/focus.js";
import type { Issue } from "../domain/issue.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { Retry } from "../store/retries.js";
import type { Run } from "../store/runs.js";
import { BudgetGuard, budgetStatus, issueSpend } from "./budget.js";
import { cfgOf, type DispatchDeps } from "./dispatch-deps.js";
import type { ProviderCooldowns } from "./cooldowns.js";
import type { DispatchProject, RunRouting } from "./ports.js";
import { routeRun } from "./route-run.js";

/** Facts of one decision. */
export interface DecisionContext {
  config: EligibilityConfig;
  service: ServiceFacts;
  projects: Partial<Record<string, ProjectFacts>>;
  projectById: Map<string, DispatchProject>;
  active: Run[];
  activeKeys: Set<string>;
  retries: Map<string, Retry>;
  routingAlerts: Set<string>;
}

/** An entry the planner sees, carrying the routing it was judged with. */
export interface PlannedEntry extends DispatchEntry {
  /** The focus routing selected (known even when no provider resolves). */
  focus: Focus;
  routing: RunRouting | null;
  escalatedProfile: string | null;
}

/** One budget guard (alert + boundary wake) per dispatcher. */
const budgetGuards = new WeakMap<DispatchDeps, BudgetGuard>();

/** The dispatcher's budget guard (its armed boundary wake is visible as `wakeAt`). */
export function budgetGuardOf(deps: DispatchDeps): BudgetGuard {
  let guard = budgetGuards.get(deps);
  if (!guard) {
    guard = new BudgetGuard({ alerts: deps.alerts, wake: deps.wake });
    budgetGuards.set(deps, guard);
  }
  return guard;
}

/** Rule 11's fact (§13.2); also keeps the `budget_exceeded` alert and the resume wake current. */
export async function budgetExceeded(deps: DispatchDeps, now: Date): Promise<boolean> {
  const status = await budgetStatus(deps.store, cfgOf(deps).agent, now);
  budgetGuardOf(deps).observe(status, now);
  return status.exceeded;
}

export async function decisionContext(deps: DispatchDeps): Promise<DecisionContext> {
  const cfg = cfgOf(deps);
  const now = deps.now();
  const [active, retries, projects, exceeded] = await Promise.all([
    deps.store.runs.listActive(),
    deps.store.retries.list(),
    deps.projects(),
    budgetExceeded(deps, now),
  ]);
  const running: RunningCounts = { total: active.length, byState: {}, byProject: {} };
  for (const r of active) {
    const s = r.dispatch_state ?? "Open";
    running.byState[s] = (running.byState[s] ?? 0) + 1;
    running.byProject[r.project_id] = (running.byProject[r.project_id] ?? 0) + 1;
  }
  return {
    config: {
      active_states: cfg.tracker.active_states,
      terminal_states: cfg.tracker.terminal_states,
      required_labels: cfg.tracker.required_labels,
      require_description: cfg.agent.require_description,
      max_concurrent_agents: cfg.agent.max_concurrent_agents,
      max_concurrent_agents_by_state: cfg.agent.max_concurrent_agents_by_state,
      max_cost_per_issue: cfg.agent.max_cost_per_issue,
    },
    service: {
      now_ms: now.getTime(),
      paused: deps.paused(),
      budget_exceeded: exceeded,
      running,
    },
    projects: Object.fromEntries(
      projects.map((p) => [
        p.id,
        { status: p.status, paused: p.paused, max_concurrent_agents: p.max_concurrent_agents },
      ]),
    ),
    projectById: new Map(projects.map((p) => [p.id, p])),
    active,
    activeKeys: new Set(active.map((r) => r.issue_key)),
    retries: new Map(retries.map((r) => [r.issue_key, r])),
    routingAlerts: new Set(),
  };
}

/** The planner entry of an issue (routing resolved first, §7.2). */
export async function entryFor(
  deps: DispatchDeps,
  ctx: DecisionContext,
  cooldowns: ProviderCooldowns,
  issue: Issue,
  dispatchState: CanonicalStatus,
  escalatedProfile: string | null,
): Promise<PlannedEntry> {
  const key = issueInternalKey(issue);
  const [spend, cap] = await Promise.all([
    issueSpend(deps.store, key),
    deps.store.issueOverrides.costCap(key),
  ]);
  return plannedEntry(deps, ctx, cooldowns, {
    issue,
    dispatchState,
    escalatedProfile,
    spendUsd: spend,
    capOverrideUsd: cap,
  });
}

/** What {@link plannedEntry} needs besides the decision: the issue and its spend. */
export interface EntryInput {
  issue: Issue;
  dispatchState: CanonicalStatus;
  escalatedProfile: string | null;
  spendUsd: number;
  capOverrideUsd: number | null;
}

/** The planner entry from facts already read (no I/O), for callers that read spend in bulk. */
export function plannedEntry(
  deps: DispatchDeps,
  ctx: DecisionContext,
  cooldowns: ProviderCooldowns,
  e: EntryInput,
): PlannedEntry {
  const { issue } = e;
  const route = routeRun({
    issue,
    dispatchState: e.dispatchState,
    project: ctx.projectById.get(issue.project_id) ?? null,
    profiles: cfgOf(deps).agent.profiles,
    docs: deps.docs,
    escalatedProfile: e.escalatedProfile,
    cooldownUntilMs: (id) => cooldowns.untilMs(id),
  });
  if (!route.ok) ctx.routingAlerts.add(route.alert);
  return {
    issue,
    focus: route.focus,
    dispatch_state: e.dispatchState,
    routing: route.ok ? route.routing : null,
    escalatedProfile: e.escalatedProfile,
    facts: {
      has_active_run: ctx.activeKeys.has(issueInternalKey(issue)),
      has_pending_retry: ctx.retries.has(issueInternalKey(issue)),
      spend_usd: e.spendUsd,
      cost_cap_override_usd: e.capOverrideUsd,
      routing: route.facts,
    },
  };
}

/** The first failing §7.2 rule for a new candidate now (null = it would be dispatched). */
export function candidateSkipReason(ctx: DecisionContext, entry: PlannedEntry): SkipReason | null {
  const verdict = checkEligibility({
    kind: "candidate",
    issue: entry.issue,
    dispatch_state: entry.dispatch_state,
    config: ctx.config,
    service: ctx.service,
    project: ctx.projects[entry.issue.project_id] ?? {
      status: "error",
      paused: false,
      max_concurrent_agents: null,
    },
    facts: { ...entry.facts, claimed_this_tick: false },
  });
  return verdict.eligible ? null : verdict.skip_reason;
}
