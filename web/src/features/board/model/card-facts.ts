/**
 * What a card shows besides the issue's own fields (§17.5): the board's
 * per-issue facts (focus, spend, skip reason) and the skip reason in words.
 * A running card shows its run's live cost instead of the board's spend.
 * A running or retrying card does not repeat "already claimed": its badge
 * already says what is happening.
 */
import type { SkipReason } from "../../../../../src/domain/eligibility.js";
import type { Board } from "../../../shared/wire.js";

/** Focus, spend and skip reason of one issue. */
export type IssueFacts = Board["facts"][string];

/** The facts of an issue on the board (keyed `<project_id>:<id>` by the server). */
export function factsOf(
  board: Board | null,
  issue: { project_id: string; id: string },
): IssueFacts | undefined {
  return board?.facts[`${issue.project_id}:${issue.id}`];
}

const SKIP_TEXT: Record<SkipReason, string> = {
  paused: "service paused",
  project_paused: "project paused",
  project_not_ready: "project not ready",
  missing_fields: "missing id, title or status",
  inactive_state: "status is not dispatched",
  label_gate: "held back by its labels",
  empty_description: "needs a description",
  epic_container: "epic with children",
  blocked: "blocked by unfinished issues",
  already_claimed: "already claimed",
  issue_cost_cap: "issue cost cap reached",
  budget_exceeded: "budget exceeded",
  no_provider: "no provider for its routing",
  provider_cooldown: "provider cooling down",
  no_slot: "waiting for a free agent slot",
  no_state_slot: "waiting for a slot for its status",
  no_project_slot: "waiting for a project slot",
};

/** The skip reason in words; unknown codes are shown as they are. */
export function skipText(reason: string): string {
  return (SKIP_TEXT as Record<string, string | undefined>)[reason] ?? reason;
}

/** The skip reason a card shows, or null (none, or the card is running or retrying). */
export function cardSkip(
  facts: IssueFacts | undefined,
  busy: { running: boolean; retrying: boolean },
): string | null {
  const reason = facts?.skip_reason ?? null;
  if (reason === null || busy.running || busy.retrying) return null;
  return reason;
}

/**
 * The issue's spend a card shows, or null. While a run is active its badge
 * shows the run's live cost; the board's figure is only refreshed when the
 * board changes, so it would contradict the badge until the run ends.
 */
export function cardSpend(facts: IssueFacts | undefined, running: boolean): number | null {
  if (running || !facts || facts.cost_usd <= 0) return null;
  return facts.cost_usd;
}
