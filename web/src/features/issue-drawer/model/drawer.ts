/**
 * Pure text for the issue drawer: the routing explanation in a few lines
 * (focus, profile, provider/model/backend), one line per run (the current
 * one with the live counters of the state snapshot), and whether to say why
 * the issue is not dispatched.
 */
import { formatTokens, formatUsd } from "../../../shared/format.js";
import type {
  IssueDetail,
  RoutingExplanation,
  Run,
  RunningEntry,
  StateSnapshot,
} from "../../../shared/wire.js";

/** A label/value pair shown in the routing panel. */
export interface Fact {
  label: string;
  value: string;
}

export function routingFacts(r: RoutingExplanation): Fact[] {
  const facts: Fact[] = [
    { label: "Focus", value: `${r.focus.selected} (${r.focus.role}; ${r.focus.reason})` },
    {
      label: "Profile",
      value: `${r.profile.selected}${r.profile.implicit ? " (implicit)" : ""}${r.profile.escalated ? " (escalated)" : ""}`,
    },
  ];
  if (r.resolution.ok) {
    const res = r.resolution;
    facts.push(
      { label: "Provider", value: `${res.provider.name} (${res.provider_source})` },
      {
        label: "Model",
        value: res.model === null ? "backend default" : `${res.model} (${res.model_source ?? "?"})`,
      },
      { label: "Backend", value: res.backend },
    );
  } else {
    facts.push({ label: "Provider", value: `none (${r.resolution.alert})` });
  }
  return facts;
}

/** The top focus scores, best first, excluding zero scores. */
export function topScores(r: RoutingExplanation, n = 3): string[] {
  return [...r.focus.scores]
    .filter((s) => s.score > 0 && s.excluded === null)
    .sort((a, b) => b.score - a.score)
    .slice(0, n)
    .map((s) => `${s.name} ${s.score}`);
}

/** "#2 · focus docs · coder/gpt-x · 5 turns · 12.3k tok · $0.1200" (the outcome is shown beside it). */
export function runLine(run: Run): string {
  const parts = [`#${run.attempt}`];
  if (run.focus) parts.push(`focus ${run.focus}`);
  const who = [run.profile, run.model].filter((x): x is string => !!x).join("/");
  if (who) parts.push(who);
  parts.push(`${run.turns} turns`);
  const tok = run.input_tokens + run.output_tokens;
  parts.push(`${formatTokens(tok)} tok`);
  parts.push(formatUsd(run.cost_usd));
  return parts.join(" · ");
}

/**
 * The skip reason the drawer shows, or null. The API reports the first
 * failing eligibility rule of every issue (§7.2), but a current run is the
 * explanation (its reason would only say "claimed"), and an issue outside the
 * active statuses does not wait for dispatch, as on its card.
 */
export function drawerSkip(
  detail: Pick<IssueDetail, "skip_reason" | "current_run">,
): string | null {
  const reason = detail.skip_reason;
  if (reason === null || reason === "inactive_state" || detail.current_run !== null) return null;
  return reason;
}

/** The issue's run in the live state snapshot, if one is active. */
export function liveRunOf(
  state: StateSnapshot | null,
  issue: { project_id: string; id: string },
): RunningEntry | undefined {
  return state?.running.find((r) => r.project_id === issue.project_id && r.issue_id === issue.id);
}

/**
 * `run` with the phase and counters of `live` when `live` is that run: the
 * run list is fetched when the board changes, while the state snapshot is
 * pushed after every usage event, so the card's running badge and the drawer
 * show the same figures.
 */
export function withLive(run: Run, live: RunningEntry | undefined): Run {
  if (!live || live.run_id !== run.run_id) return run;
  return {
    ...run,
    phase: live.phase ?? run.phase,
    turns: live.turns ?? run.turns,
    input_tokens: live.input_tokens ?? run.input_tokens,
    output_tokens: live.output_tokens ?? run.output_tokens,
    cost_usd: live.cost_usd ?? run.cost_usd,
  };
}
