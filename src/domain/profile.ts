/**
 * Agent profiles (SPEC §9.1) — model tiers chosen by matching rules — and the
 * escalation ladder (§9.2). Profiles come from `agent.profiles` in WORKFLOW.md;
 * the config layer validates them.
 */

/**
 * A model tier. Structural, so the config layer's validated `agent.profiles`
 * entries (src/config/profile-schema.ts) can be passed as they are. A null or
 * absent priority bound means 0 (min) / 4 (max) and is not "explicit".
 */
export interface Profile {
  name: string;
  model_role?: string | null;
  model?: string | null;
  provider_id?: string | null;
  issue_types: readonly string[];
  keywords: readonly string[];
  min_priority?: number | null;
  max_priority?: number | null;
  max_turns?: number | null;
}

/** Used when no profile is configured or none matches: no role, no model. */
export const DEFAULT_PROFILE: Profile = Object.freeze({
  name: "default",
  issue_types: [],
  keywords: [],
});

/** The part of an issue that profile matching reads. */
export interface ProfileInput {
  title: string;
  description: string;
  type: string;
  /** Null is treated as 2. */
  priority: number | null;
}

/** Score of one profile; null when the profile does not match. */
export interface ProfileScore {
  name: string;
  score: number | null;
}

export interface ProfileMatch {
  profile: Profile;
  score: number;
  scores: ProfileScore[];
  /** True when the implicit `default` profile was used. */
  implicit: boolean;
}

/** Score one profile (SPEC §9.1 steps 1–4); null means skip. */
export function scoreProfile(profile: Profile, input: ProfileInput): number | null {
  let score = 0;
  const type = input.type.toLowerCase();
  if (profile.issue_types.length) {
    if (!profile.issue_types.some((t) => t.toLowerCase() === type)) return null;
    score += 10;
  }
  const text = `${input.title}\n${input.description}`.toLowerCase();
  const hits = profile.keywords.filter(
    (k) => k.trim() && text.includes(k.trim().toLowerCase()),
  ).length;
  if (profile.keywords.length && hits === 0 && profile.issue_types.length === 0) return null;
  score += 5 * hits;
  const priority = input.priority ?? 2;
  const min = profile.min_priority ?? 0;
  const max = profile.max_priority ?? 4;
  if (priority < min || priority > max) return null;
  if (profile.min_priority != null || profile.max_priority != null) score += 3;
  return score;
}

/** Highest score wins, ties by declaration order; nothing matching → implicit `default`. */
export function matchProfile(input: ProfileInput, profiles: readonly Profile[]): ProfileMatch {
  const scores = profiles.map((p) => ({ name: p.name, score: scoreProfile(p, input) }));
  let bestIndex = -1;
  scores.forEach((s, i) => {
    const best = scores[bestIndex];
    if (s.score !== null && (best?.score == null || s.score > best.score)) bestIndex = i;
  });
  const profile = profiles[bestIndex];
  const best = scores[bestIndex];
  if (!profile || best?.score == null)
    return { profile: DEFAULT_PROFILE, score: 0, scores, implicit: true };
  return { profile, score: best.score, scores, implicit: false };
}

/**
 * The profile after `lastUsed` in the ladder (the declaration order), staying on
 * the last one. A last-used profile outside the ladder (the implicit default)
 * escalates to the first rung. Null when the ladder is empty.
 */
export function nextProfile(ladder: readonly Profile[], lastUsed: string | null): Profile | null {
  if (!ladder.length) return null;
  const i = lastUsed === null ? -1 : ladder.findIndex((p) => p.name === lastUsed);
  return ladder[Math.min(i + 1, ladder.length - 1)] ?? null;
}

/** Per-issue escalation memory, kept in the retry entry and `issue_overrides`. */
export interface EscalationState {
  consecutive_failures: number;
  escalated_profile: string | null;
}

export const NO_ESCALATION: EscalationState = Object.freeze({
  consecutive_failures: 0,
  escalated_profile: null,
});

/**
 * Update escalation after a run. Success (or a human status change: pass
 * `"reset"`) clears it; each failure at or beyond `escalateAfterAttempts`
 * moves one rung up from the profile the failed run used. `0` disables.
 */
export function escalateAfterRun(
  state: EscalationState,
  outcome: "success" | "failure" | "reset",
  opts: { ladder: readonly Profile[]; usedProfile: string; escalateAfterAttempts: number },
): EscalationState {
  if (outcome !== "failure") return NO_ESCALATION;
  const failures = state.consecutive_failures + 1;
  if (opts.escalateAfterAttempts <= 0 || failures < opts.escalateAfterAttempts) {
    return { consecutive_failures: failures, escalated_profile: state.escalated_profile };
  }
  const next = nextProfile(opts.ladder, opts.usedProfile);
  return {
    consecutive_failures: failures,
    escalated_profile: next?.name ?? state.escalated_profile,
  };
}

/** The profile a run uses: an escalated profile that still exists wins over matching. */
export function profileForRun(
  input: ProfileInput,
  profiles: readonly Profile[],
  escalation: EscalationState | null,
): { profile: Profile; escalated: boolean; match: ProfileMatch } {
  const match = matchProfile(input, profiles);
  const escalated = escalation?.escalated_profile
    ? profiles.find((p) => p.name === escalation.escalated_profile)
    : undefined;
  return escalated
    ? { profile: escalated, escalated: true, match }
    : { profile: match.profile, escalated: false, match };
}
