/**
 * The breakdown tables of the Costs page: one ledger report grouped by a
 * dimension, with readable labels (project names, issue identifiers and
 * titles from the board) and each row's share of the total. Rows priced
 * with `agent.unknown_model_price` carry their count so the page can mark
 * them as estimates.
 */
import type { Board, StateSnapshot } from "../../../shared/wire.js";
import { formatShare } from "./format.js";
import type { CostGroup, CostReport } from "./wire.js";

export const BREAKDOWNS: ReadonlyArray<{ id: CostGroup; label: string }> = [
  { id: "project", label: "Project" },
  { id: "focus", label: "Focus" },
  { id: "profile", label: "Profile" },
  { id: "model", label: "Model" },
  { id: "provider", label: "Provider" },
  { id: "issue", label: "Issue" },
];

export interface BreakdownRow {
  /** Stable React key. */
  id: string;
  label: string;
  /** Secondary text (an issue's title, a project id). */
  detail: string | null;
  /** The rows had no value for the dimension (console turns, unset focus…). */
  unset: boolean;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  runs: number;
  share: string;
  fallback_events: number;
}

/** What labels are looked up in. */
export interface Names {
  projects: ReadonlyMap<string, string>;
  /** `<project_id>:<issue id>` → identifier and title. */
  issues: ReadonlyMap<string, { identifier: string; title: string }>;
}

export function namesFrom(state: StateSnapshot | null, board: Board | null): Names {
  const projects = new Map((state?.projects ?? []).map((p) => [p.id, p.name]));
  const issues = new Map<string, { identifier: string; title: string }>();
  for (const column of board?.columns ?? [])
    for (const i of column.issues)
      issues.set(`${i.project_id}:${i.id}`, { identifier: i.identifier, title: i.title });
  return { projects, issues };
}

function labelOf(
  group: CostGroup,
  key: string,
  names: Names,
): { label: string; detail: string | null } {
  if (group === "project") {
    const name = names.projects.get(key);
    return name === undefined ? { label: key, detail: null } : { label: name, detail: key };
  }
  if (group === "issue") {
    const known = names.issues.get(key);
    if (known) return { label: known.identifier, detail: known.title };
    const at = key.indexOf(":");
    if (at < 0) return { label: key, detail: null };
    const project = key.slice(0, at);
    return { label: key.slice(at + 1), detail: names.projects.get(project) ?? project };
  }
  return { label: key, detail: null };
}

const UNSET: Partial<Record<CostGroup, string>> = { issue: "No issue (console turns)" };

export function breakdownRows(report: CostReport, group: CostGroup, names: Names): BreakdownRow[] {
  return report.rows.map((r) => {
    const text =
      r.key === null
        ? { label: UNSET[group] ?? "(not set)", detail: null }
        : labelOf(group, r.key, names);
    return {
      id: r.key ?? "\u0000unset",
      ...text,
      unset: r.key === null,
      input_tokens: r.input_tokens,
      cached_input_tokens: r.cached_input_tokens,
      output_tokens: r.output_tokens,
      cost_usd: r.cost_usd,
      runs: r.runs,
      share: formatShare(r.cost_usd, report.total.cost_usd),
      fallback_events: r.fallback_events,
    };
  });
}

/** Models priced with the fallback in a by-model report, most events first. */
export function unpricedModels(
  byModel: CostReport | null,
): Array<{ model: string; events: number }> {
  return (byModel?.rows ?? [])
    .filter((r) => r.fallback_events > 0)
    .map((r) => ({ model: r.key ?? "(unknown model)", events: r.fallback_events }))
    .sort((a, b) => b.events - a.events || a.model.localeCompare(b.model));
}
