/**
 * Routing of one dispatch (SPEC §7.4 step 2): the profile (or the escalated
 * profile a retry carries), the focus scored against the issue with its
 * dispatch state, then provider, model and backend (§9.4). The result also
 * gives eligibility rules 11–12 their facts: whether the model is free or
 * subscription-billed and whether the provider is cooling down.
 */
import { matchPriceKey } from "../domain/pricing-keys.js";
import type { RoutingFacts } from "../domain/eligibility.js";
import type { Focus } from "../domain/focus.js";
import type { Issue } from "../domain/issue.js";
import type { Profile } from "../domain/profile.js";
import { routeIssue } from "../domain/routing-explanation.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { DispatchProject, RoutingDocs, RunRouting } from "./ports.js";

export interface RouteInput {
  issue: Issue;
  dispatchState: CanonicalStatus;
  project: Pick<DispatchProject, "provider_id"> | null;
  profiles: readonly Profile[];
  docs: RoutingDocs;
  /** Profile name a retry escalated to; null = match normally. */
  escalatedProfile: string | null;
  cooldownUntilMs: (providerId: string) => number | null;
}

/** The outcome; `focus` is the selected focus even when no provider resolves. */
export type RouteOutcome = { focus: Focus } & (
  | { ok: true; routing: RunRouting; facts: RoutingFacts }
  | { ok: false; alert: "no_providers" | "provider_ambiguous"; facts: RoutingFacts }
);

export function routeRun(input: RouteInput): RouteOutcome {
  const routed = routeIssue({
    issue: input.issue,
    state: input.dispatchState,
    foci: input.docs.foci(),
    profiles: input.profiles,
    providers: input.docs.providers(),
    project: input.project,
    escalation:
      input.escalatedProfile === null
        ? null
        : { consecutive_failures: 0, escalated_profile: input.escalatedProfile },
  });
  const { resolved } = routed;
  const focus = routed.focus.focus;
  const profile = routed.profile.profile;
  if (!resolved.ok) return { focus, ok: false, alert: resolved.alert, facts: { ok: false } };
  // The same key normalisation as pricing, so a dated or vendor-prefixed id finds its 0/0 entry.
  const costKey =
    resolved.model === null
      ? null
      : matchPriceKey(resolved.model, Object.keys(resolved.provider.model_costs));
  const cost = costKey === null ? undefined : resolved.provider.model_costs[costKey];
  return {
    focus,
    ok: true,
    routing: {
      focus,
      profile,
      provider: resolved.provider,
      model: resolved.model,
      backend: resolved.backend,
      warnings: resolved.warnings,
    },
    facts: {
      ok: true,
      provider_id: resolved.provider.id,
      model: resolved.model,
      free: cost !== undefined && cost.input_per_1m === 0 && cost.output_per_1m === 0,
      subscription: resolved.provider.billing === "subscription",
      cooldown_until_ms: input.cooldownUntilMs(resolved.provider.id),
    },
  };
}
