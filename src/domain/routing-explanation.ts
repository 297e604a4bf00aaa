/**
 * Explains how an issue would be routed (SPEC §18 `oompah route`, the issue
 * drawer): every focus score with its evidence, the profile match with its
 * scores, and the provider, model and backend with each fallback warning.
 * Dispatch routes with the same {@link routeIssue} (selectFocus,
 * profileForRun, resolveModel), so the explanation cannot drift from the
 * decision. No key material is carried: providers appear by id and name.
 */
import type { Warning } from "./errors.js";
import type { Focus } from "./focus.js";
import { selectFocus, type FocusScore } from "./focus-scoring.js";
import type { Issue } from "./issue.js";
import { resolveModel, type ModelSource, type ProviderSource } from "./model-resolution.js";
import { profileForRun, type EscalationState, type Profile, type ProfileScore } from "./profile.js";
import type { Backend, Provider } from "./provider.js";
import type { CanonicalStatus } from "./status.js";

export interface RoutingInput {
  issue: Pick<
    Issue,
    | "id"
    | "identifier"
    | "project_id"
    | "title"
    | "description"
    | "type"
    | "priority"
    | "labels"
    | "state"
  >;
  foci: readonly Focus[];
  profiles: readonly Profile[];
  providers: readonly Provider[];
  project?: { provider_id?: string | null } | null;
  /** The state the run would be dispatched from (defaults to the issue's state). */
  dispatchState?: CanonicalStatus | null;
  escalation?: EscalationState | null;
}

/** The explanation, as the API returns it and the CLI prints it. */
export interface RoutingExplanation {
  issue: {
    id: string;
    identifier: string;
    project_id: string;
    title: string;
    type: string;
    priority: number | null;
    state: string;
    labels: string[];
  };
  focus: {
    selected: string;
    role: string;
    /** `score`, `fallback` or `state:<status>`. */
    reason: string;
    scores: FocusScore[];
  };
  profile: {
    selected: string;
    score: number;
    implicit: boolean;
    escalated: boolean;
    scores: ProfileScore[];
  };
  resolution:
    | {
        ok: true;
        provider: { id: string; name: string };
        provider_source: ProviderSource;
        model: string | null;
        model_source: ModelSource | null;
        backend: Backend;
      }
    | { ok: false; code: "no_provider"; alert: "no_providers" | "provider_ambiguous" };
  warnings: Warning[];
}

/**
 * The three routing decisions (§7.4 step 2) for `issue` dispatched from
 * `state`: the focus, the profile (or the escalated one) and the provider,
 * model and backend. Dispatch and the explanation both take them from here.
 */
export function routeIssue(input: {
  issue: Pick<Issue, "title" | "description" | "type" | "priority" | "labels">;
  state: CanonicalStatus | null;
  foci: readonly Focus[];
  profiles: readonly Profile[];
  providers: readonly Provider[];
  project: { provider_id?: string | null } | null;
  escalation: EscalationState | null;
}) {
  const { issue } = input;
  const focus = selectFocus(
    {
      title: issue.title,
      description: issue.description,
      type: issue.type,
      labels: issue.labels,
      state: input.state,
    },
    input.foci,
  );
  const profile = profileForRun(
    {
      title: issue.title,
      description: issue.description,
      type: issue.type,
      priority: issue.priority,
    },
    input.profiles,
    input.escalation,
  );
  const resolved = resolveModel({
    focus: focus.focus,
    profile: profile.profile,
    providers: input.providers,
    project: input.project,
  });
  return { focus, profile, resolved };
}

/** Pure: the same inputs always give the same explanation. */
export function explainRouting(input: RoutingInput): RoutingExplanation {
  const { issue } = input;
  const { focus, profile, resolved } = routeIssue({
    issue,
    state: input.dispatchState === undefined ? issue.state : input.dispatchState,
    foci: input.foci,
    profiles: input.profiles,
    providers: input.providers,
    project: input.project ?? null,
    escalation: input.escalation ?? null,
  });
  return {
    issue: {
      id: issue.id,
      identifier: issue.identifier,
      project_id: issue.project_id,
      title: issue.title,
      type: issue.type,
      priority: issue.priority,
      state: issue.state,
      labels: [...issue.labels],
    },
    focus: {
      selected: focus.focus.name,
      role: focus.focus.role,
      reason: focus.reason,
      scores: [...focus.scores].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)),
    },
    profile: {
      selected: profile.profile.name,
      score: profile.escalated
        ? (profile.match.scores.find((s) => s.name === profile.profile.name)?.score ?? 0)
        : profile.match.score,
      implicit: !profile.escalated && profile.match.implicit,
      escalated: profile.escalated,
      scores: profile.match.scores,
    },
    resolution: resolved.ok
      ? {
          ok: true,
          provider: { id: resolved.provider.id, name: resolved.provider.name },
          provider_source: resolved.providerSource,
          model: resolved.model,
          model_source: resolved.modelSource,
          backend: resolved.backend,
        }
      : { ok: false, code: resolved.code, alert: resolved.alert },
    warnings: resolved.warnings,
  };
}
