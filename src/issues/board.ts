/**
 * Board shaping (SPEC §17.2 `GET /api/v1/issues`): which status columns are
 * shown, which issues match the filters, and their order inside a column.
 * Pure functions, so the dashboard, `oompah task list` and the live-channel
 * snapshot all agree on them. Next to the issues (which keep the normalised
 * §4.1 shape) the board carries what the orchestrator knows of each one:
 * focus, spend and skip reason (§17.5 cards).
 */
import type { Issue } from "../domain/issue.js";
import { prioritySortKey } from "../domain/priority.js";
import { CANONICAL_STATUSES, type CanonicalStatus } from "../domain/status.js";

/** One board column. */
export interface BoardColumn {
  status: CanonicalStatus;
  issues: Issue[];
}

/** A project whose issues are missing from the board, and why. */
export interface BoardProjectError {
  project_id: string;
  code: string;
  message: string;
}

/** What the orchestrator knows of one board issue. */
export interface BoardIssueFacts {
  /** Focus name: the active run's, else the one routing would select now. */
  focus: string | null;
  /** Billable run spend over all attempts, USD (§13.3). */
  cost_usd: number;
  /** Why an issue in an active status is not dispatched now (§7.2); null otherwise. */
  skip_reason: string | null;
}

/** The board: one column per shown canonical status, in §4.3 order. */
export interface Board {
  columns: BoardColumn[];
  generated_at: string;
  /** Projects that could not be read (the rest of the board is still served). */
  errors: BoardProjectError[];
  /** Facts per shown issue keyed `<project_id>:<id>`; empty without an orchestrator. */
  facts: Record<string, BoardIssueFacts>;
}

/**
 * The statuses shown, in §4.3 order: those asked for, else every status
 * except the terminal ones unless `includeTerminal`.
 */
export function boardStatuses(opts: {
  statuses?: readonly CanonicalStatus[] | undefined;
  includeTerminal: boolean;
  terminal: readonly CanonicalStatus[];
}): CanonicalStatus[] {
  const asked = opts.statuses && opts.statuses.length > 0 ? new Set(opts.statuses) : null;
  const terminal = new Set(opts.terminal);
  return CANONICAL_STATUSES.filter((s) =>
    asked ? asked.has(s) : opts.includeTerminal || !terminal.has(s),
  );
}

/** True when the issue matches the free-text query (case-insensitive) and the label filter. */
export function matchesFilter(
  issue: Issue,
  filter: { q?: string | undefined; label?: string | undefined },
): boolean {
  if (filter.label !== undefined && !issue.labels.includes(filter.label)) return false;
  const q = filter.q?.trim().toLowerCase() ?? "";
  if (q === "") return true;
  const haystack = [issue.id, issue.identifier, issue.title, issue.description, ...issue.labels];
  return haystack.some((s) => s.toLowerCase().includes(q));
}

/** Column order: most urgent first (unknown priority last), then oldest, then by identifier. */
export function compareIssues(a: Issue, b: Issue): number {
  return (
    prioritySortKey(a.priority) - prioritySortKey(b.priority) ||
    (a.created_at ?? "\uffff").localeCompare(b.created_at ?? "\uffff") ||
    a.identifier.localeCompare(b.identifier, "en", { numeric: true })
  );
}

/** Groups issues into the given columns (issues of other statuses are dropped). */
export function groupColumns(
  issues: readonly Issue[],
  statuses: readonly CanonicalStatus[],
): BoardColumn[] {
  const columns = new Map<CanonicalStatus, Issue[]>(statuses.map((s) => [s, []]));
  for (const issue of issues) columns.get(issue.state)?.push(issue);
  return statuses.map((status) => ({
    status,
    issues: (columns.get(status) ?? []).sort(compareIssues),
  }));
}
