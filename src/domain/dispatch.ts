/**
 * One tick's dispatch decision (SPEC §7.1 step 4, §7.2, §7.3): due retries
 * (earliest first), then new candidates in §7.3 order, each checked against
 * the eligibility table while slot counters and "claimed this tick" are
 * updated as issues are picked. Pure: the caller gathers the facts (store,
 * routing, trackers) and performs the claims the plan lists.
 */
import type { Warning } from "./errors.js";
import type { Issue } from "./issue.js";
import type { CanonicalStatus } from "./status.js";
import {
  checkEligibility,
  type EligibilityConfig,
  type IssueFacts,
  type ProjectFacts,
  type RunningCounts,
  type ServiceFacts,
  type SkipReason,
} from "./eligibility.js";
import { sortCandidates, sortRetries } from "./ordering.js";

/** Internal key of an issue (§4.1): `<project_id>:<id>`. */
export function issueInternalKey(issue: Pick<Issue, "project_id" | "id">): string {
  return `${issue.project_id}:${issue.id}`;
}

/** One issue offered to the planner. */
export interface DispatchEntry {
  issue: Issue;
  /** Status used for per-state slots and focus (a retry keeps the one it was claimed from). */
  dispatch_state: CanonicalStatus;
  facts: Omit<IssueFacts, "claimed_this_tick">;
}

/** A due retry (ISO `due_at`). */
export interface RetryEntry extends DispatchEntry {
  due_at: string;
}

export interface DispatchPlanInput<C extends DispatchEntry, R extends RetryEntry> {
  config: EligibilityConfig;
  service: ServiceFacts;
  /** By project id; a project missing here counts as not ready. */
  projects: Readonly<Partial<Record<string, ProjectFacts>>>;
  retries: readonly R[];
  candidates: readonly C[];
}

export interface Skipped<E> {
  entry: E;
  rule: number;
  skip_reason: SkipReason;
}

export interface DispatchPlan<C, R> {
  /** In dispatch order: retries first. */
  dispatch: Array<{ kind: "retry"; entry: R } | { kind: "candidate"; entry: C }>;
  skipped: Array<Skipped<C | R>>;
  warnings: Warning[];
}

const NOT_READY: ProjectFacts = { status: "error", paused: false, max_concurrent_agents: null };

/** Decides which retries and candidates start now and why the others do not. */
export function planDispatch<C extends DispatchEntry, R extends RetryEntry>(
  input: DispatchPlanInput<C, R>,
): DispatchPlan<C, R> {
  const running: RunningCounts = {
    total: input.service.running.total,
    byState: { ...input.service.running.byState },
    byProject: { ...input.service.running.byProject },
  };
  const claimed = new Set<string>();
  const plan: DispatchPlan<C, R> = { dispatch: [], skipped: [], warnings: [] };

  const consider = (kind: "retry" | "candidate", entry: C | R): boolean => {
    const key = issueInternalKey(entry.issue);
    const verdict = checkEligibility({
      kind,
      issue: entry.issue,
      dispatch_state: entry.dispatch_state,
      config: input.config,
      service: { ...input.service, running },
      project: input.projects[entry.issue.project_id] ?? NOT_READY,
      facts: { ...entry.facts, claimed_this_tick: claimed.has(key) },
    });
    plan.warnings.push(...verdict.warnings);
    if (!verdict.eligible) {
      plan.skipped.push({ entry, rule: verdict.rule, skip_reason: verdict.skip_reason });
      return false;
    }
    claimed.add(key);
    running.total += 1;
    running.byState[entry.dispatch_state] = (running.byState[entry.dispatch_state] ?? 0) + 1;
    const pid = entry.issue.project_id;
    running.byProject[pid] = (running.byProject[pid] ?? 0) + 1;
    return true;
  };

  for (const r of sortRetries(input.retries, retryOrderKey)) {
    if (consider("retry", r)) plan.dispatch.push({ kind: "retry", entry: r });
  }
  for (const c of sortCandidates(input.candidates, (e) => e.issue)) {
    if (consider("candidate", c)) plan.dispatch.push({ kind: "candidate", entry: c });
  }
  return plan;
}

function retryOrderKey(r: RetryEntry): { due_at: string; identifier: string; project_id: string } {
  return { due_at: r.due_at, identifier: r.issue.identifier, project_id: r.issue.project_id };
}
