/**
 * Pure derivations of the board: which columns to show (every canonical status
 * in §4.3 order, optionally without the terminal ones), the issues of each
 * column after the project filter, and what the running-agents bar and the
 * cards show from the state snapshot.
 */
import {
  CANONICAL_STATUSES,
  DEFAULT_TERMINAL_STATES,
  type Board,
  type CanonicalStatus,
  type Issue,
  type RetryEntry,
  type RunningEntry,
  type StateSnapshot,
} from "../../../shared/wire.js";

/** One rendered column. */
export interface ColumnView {
  status: CanonicalStatus;
  issues: Issue[];
}

export interface BoardFilter {
  /** Project id, or null for every project. */
  projectId: string | null;
  showTerminal: boolean;
}

/** Key of an issue across projects. */
export function issueKey(issue: { project_id: string; id: string }): string {
  return `${issue.project_id}\u0000${issue.id}`;
}

/** Columns in canonical order; issues keep the server's order within a column. */
export function boardColumns(board: Board | null, filter: BoardFilter): ColumnView[] {
  const byStatus = new Map<string, Issue[]>();
  for (const col of board?.columns ?? []) byStatus.set(col.status, col.issues);
  return CANONICAL_STATUSES.filter(
    (s) => filter.showTerminal || !DEFAULT_TERMINAL_STATES.includes(s),
  ).map((status) => ({
    status,
    issues: (byStatus.get(status) ?? []).filter(
      (i) => filter.projectId === null || i.project_id === filter.projectId,
    ),
  }));
}

/** The running entry of each issue, keyed by {@link issueKey}. */
export function runningByIssue(state: StateSnapshot | null): Map<string, RunningEntry> {
  const out = new Map<string, RunningEntry>();
  for (const r of state?.running ?? [])
    out.set(issueKey({ project_id: r.project_id, id: r.issue_id }), r);
  return out;
}

/** The queued retry of each issue, keyed by {@link issueKey}. */
export function retriesByIssue(state: StateSnapshot | null): Map<string, RetryEntry> {
  const out = new Map<string, RetryEntry>();
  for (const r of state?.retrying ?? [])
    out.set(issueKey({ project_id: r.project_id, id: r.issue_id }), r);
  return out;
}

/** Totals for the running-agents bar. */
export function runningSummary(state: StateSnapshot | null): {
  count: number;
  tokens: number;
  costUsd: number;
} {
  let tokens = 0;
  let costUsd = 0;
  for (const r of state?.running ?? []) {
    tokens += (r.input_tokens ?? 0) + (r.output_tokens ?? 0);
    costUsd += r.cost_usd ?? 0;
  }
  return { count: state?.counts.running ?? 0, tokens, costUsd };
}

/** "P0".."P4", or null when the priority is unknown. */
export function priorityLabel(priority: number | null): string | null {
  return priority === null ? null : `P${priority}`;
}

/** "in 42s", "in 3m", "due" — the retry countdown on a card. */
export function countdown(dueAt: string, nowMs: number): string {
  const s = Math.round((Date.parse(dueAt) - nowMs) / 1000);
  if (!Number.isFinite(s) || s <= 0) return "due";
  if (s < 60) return `in ${s}s`;
  if (s < 3600) return `in ${Math.round(s / 60)}m`;
  return `in ${Math.round(s / 3600)}h`;
}
