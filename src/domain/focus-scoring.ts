/**
 * Deterministic focus scoring and selection (SPEC §8.3). No model is consulted:
 * the same issue and the same foci always give the same focus, and the per-focus
 * breakdown explains why (it is recorded on the run and returned by the preview
 * endpoint).
 */
import { BUILTIN_FOCI } from "./builtin-foci.js";
import {
  GENERAL_FOCUS_NAME,
  focusCompleteLabel,
  needsFocusLabel,
  type Focus,
  type FocusInput,
} from "./focus.js";
import type { CanonicalStatus } from "./status.js";

/** Statuses that imply a routing label (evaluated against the dispatch state). */
const STATUS_IMPLIED_LABELS: Partial<Record<CanonicalStatus, string>> = {
  "Needs CI Fix": "ci-fix",
  "Needs Rebase": "merge-conflict",
};

/** Statuses whose repair work always goes to one focus (SPEC §4.3). */
const STATUS_ROUTED_FOCI: Partial<Record<CanonicalStatus, string>> = {
  "Needs CI Fix": "ci_fix",
  "Needs Rebase": "merge_conflict",
};

/** Labels that allow the `test` focus to read the description as well as the title. */
const TEST_TEXT_LABELS = ["test", "testing", "needs:test"];

/** Why a focus was not a candidate at all. */
export type FocusExclusion = "inactive" | "proposed" | "focus_complete";

/** One focus's score and the evidence behind it. */
export interface FocusScore {
  name: string;
  score: number;
  /** Null when the focus was a candidate. */
  excluded: FocusExclusion | null;
  needs_label: boolean;
  keywords: string[];
  type_match: boolean;
  labels: string[];
  priority_bonus: number;
}

export interface FocusSelection {
  focus: Focus;
  scores: FocusScore[];
  /** `state:<status>`, `score`, or `fallback`. */
  reason: string;
}

/** Issue labels (lower-cased) plus the label implied by the dispatch state. */
export function effectiveLabels(input: FocusInput): Set<string> {
  const labels = new Set(input.labels.map((l) => l.trim().toLowerCase()));
  const implied = input.state ? STATUS_IMPLIED_LABELS[input.state] : undefined;
  if (implied) labels.add(implied);
  return labels;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whole-word/phrase, case-insensitive; words of a phrase may be separated by any whitespace. */
export function keywordPattern(keyword: string): RegExp | null {
  const words = keyword.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  return new RegExp(`\\b${words.map(escapeRegExp).join("\\s+")}\\b`, "i");
}

export function keywordMatches(keyword: string, text: string): boolean {
  return keywordPattern(keyword)?.test(text) ?? false;
}

/** Score one focus against an issue (SPEC §8.3 steps 1–6). */
export function scoreFocus(focus: Focus, input: FocusInput): FocusScore {
  const labels = effectiveLabels(input);
  const base: FocusScore = {
    name: focus.name,
    score: 0,
    excluded: null,
    needs_label: false,
    keywords: [],
    type_match: false,
    labels: [],
    priority_bonus: 0,
  };
  if (focus.status !== "active") return { ...base, excluded: focus.status };
  if (labels.has(focusCompleteLabel(focus.name))) return { ...base, excluded: "focus_complete" };

  let score = 0;
  const needs = labels.has(needsFocusLabel(focus.name));
  if (needs) score += 200;

  const titleOnly = focus.name === "test" && !TEST_TEXT_LABELS.some((l) => labels.has(l));
  const text = titleOnly ? input.title : `${input.title}\n${input.description}`;
  const keywords = focus.keywords.filter((k) => keywordMatches(k, text));
  score += 10 * keywords.length;

  const typeMatch = focus.issue_types.some((t) => t.toLowerCase() === input.type.toLowerCase());
  if (typeMatch) score += 50;

  const matchedLabels = focus.labels.filter((l) => labels.has(l.toLowerCase()));
  score += 30 * matchedLabels.length;

  const bonus = score > 0 ? focus.priority : 0;
  return {
    ...base,
    score: score + bonus,
    needs_label: needs,
    keywords,
    type_match: typeMatch,
    labels: matchedLabels,
    priority_bonus: bonus,
  };
}

export function scoreFoci(input: FocusInput, foci: readonly Focus[]): FocusScore[] {
  return foci.map((f) => scoreFocus(f, input));
}

function generalFocus(foci: readonly Focus[]): Focus {
  const general =
    foci.find((f) => f.name === GENERAL_FOCUS_NAME) ??
    BUILTIN_FOCI.find((f) => f.name === GENERAL_FOCUS_NAME);
  if (!general) throw new Error("built-in general focus missing");
  return general.status === "active" ? general : { ...general, status: "active" };
}

/**
 * Pick the focus for a run. Repair states route straight to their focus when it
 * is active and not completed, so a `needs:` label or a keyword-heavy title cannot
 * send a rebase to the wrong role; otherwise the highest score wins (ties: higher
 * priority, then name), and nothing above zero means the general focus.
 */
export function selectFocus(input: FocusInput, foci: readonly Focus[]): FocusSelection {
  const scores = scoreFoci(input, foci);
  const byName = new Map(foci.map((f) => [f.name, f]));

  const routed = input.state ? STATUS_ROUTED_FOCI[input.state] : undefined;
  const routedScore = routed ? scores.find((s) => s.name === routed) : undefined;
  const routedFocus = routed ? byName.get(routed) : undefined;
  if (input.state && routedFocus && routedScore && routedScore.excluded === null) {
    return { focus: routedFocus, scores, reason: `state:${input.state}` };
  }

  let best: { focus: Focus; score: number } | null = null;
  for (const s of scores) {
    const focus = byName.get(s.name);
    if (!focus || s.excluded !== null) continue;
    if (
      !best ||
      s.score > best.score ||
      (s.score === best.score &&
        (focus.priority > best.focus.priority ||
          (focus.priority === best.focus.priority && focus.name < best.focus.name)))
    ) {
      best = { focus, score: s.score };
    }
  }
  if (!best || best.score <= 0) return { focus: generalFocus(foci), scores, reason: "fallback" };
  return { focus: best.focus, scores, reason: "score" };
}
