/**
 * What the board shows about each issue besides its tracker fields (SPEC
 * §17.5): the focus (the active run's, else the one routing selects now),
 * the billable spend so far (§13.3), and — for issues in an active status —
 * the first failing eligibility rule (§7.2), judged exactly as the tick and
 * the issue detail judge it. One decision context and one grouped ledger
 * query serve the whole board, so it stays cheap with many issues.
 */
import { issueInternalKey } from "../domain/dispatch.js";
import type { Issue } from "../domain/issue.js";
import type { BoardIssueFacts } from "../issues/board.js";
import type { ProviderCooldowns } from "./cooldowns.js";
import type { DispatchDeps } from "./dispatch-deps.js";
import { candidateSkipReason, decisionContext, plannedEntry } from "./dispatch-facts.js";

/** Facts of `issues`, keyed by the internal issue key `<project_id>:<id>`. */
export async function boardFacts(
  deps: DispatchDeps,
  cooldowns: ProviderCooldowns,
  issues: readonly Issue[],
): Promise<Record<string, BoardIssueFacts>> {
  const [ctx, spends] = await Promise.all([
    decisionContext(deps),
    deps.store.ledger.groupBy("issue_key", { kind: "run", billableOnly: true }),
  ]);
  const spent = new Map(spends.map((g) => [g.key, g.cost_usd]));
  const runFocus = new Map(ctx.active.map((r) => [r.issue_key, r.focus]));
  const out: Record<string, BoardIssueFacts> = {};
  for (const issue of issues) {
    const key = issueInternalKey(issue);
    const spendUsd = spent.get(key) ?? 0;
    // A cap can only stop an issue that has spent something, so only then is it read.
    const cap = spendUsd > 0 ? await deps.store.issueOverrides.costCap(key) : null;
    const entry = plannedEntry(deps, ctx, cooldowns, {
      issue,
      dispatchState: issue.state,
      escalatedProfile: null,
      spendUsd,
      capOverrideUsd: cap,
    });
    const candidate =
      ctx.config.active_states.includes(issue.state) &&
      !ctx.config.terminal_states.includes(issue.state);
    out[key] = {
      focus: runFocus.get(key) ?? entry.focus.name,
      cost_usd: spendUsd,
      skip_reason: candidate ? candidateSkipReason(ctx, entry) : null,
    };
  }
  return out;
}
