/**
 * Automatic focus proposals (SPEC §8.5): after an issue finishes, its words are
 * compared with the active foci; recurring work in a domain no focus covers
 * becomes a suggestion, and a suggestion backed by three distinct issues becomes
 * a `proposed` focus that an operator may activate. Pure: the caller loads and
 * saves the documents.
 */
import { z } from "zod";
import {
  BASELINE_MUST_DO,
  BASELINE_MUST_NOT_DO,
  FOCUS_DOMAINS,
  type DomainTemplate,
} from "./focus-domains.js";
import { FocusSchema, type Focus } from "./focus.js";

export { BASELINE_MUST_DO, BASELINE_MUST_NOT_DO, FOCUS_DOMAINS };

const STOP_WORDS = new Set(
  (
    "the and for are but not you all any can had her was one our out has him his how its may now see two who did get " +
    "let say she too use that with have this will your from they been more when what were which their there than then " +
    "them these some would make like into time only also very just over such most other should could about after before " +
    "where while being because does doing done each both those here need needs needed issue issues work working please " +
    "using used file files code change changes added adding fix fixed fixes update updated within without must"
  )
    .split(/\s+/)
    .filter(Boolean),
);

const DOMAIN_OF_WORD: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [domain, t] of Object.entries(FOCUS_DOMAINS))
    for (const w of t.vocabulary) if (!m.has(w)) m.set(w, domain);
  return m;
})();

/** Lower-case words of at least three letters, stop words removed. */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z0-9]*(?:-[a-z0-9]+)*/g) ?? [];
  return words.filter((w) => w.replace(/[^a-z]/g, "").length >= 3 && !STOP_WORDS.has(w));
}

/** The top 15 words by frequency, domain words weighted ×3; ties by first appearance. */
export function workKeywords(texts: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const w of tokenize(texts.join("\n")))
    counts.set(w, (counts.get(w) ?? 0) + (DOMAIN_OF_WORD.has(w) ? 3 : 1));
  return [...counts.entries()]
    .map(([word, n], order) => ({ word, n, order }))
    .sort((a, b) => b.n - a.n || a.order - b.order)
    .slice(0, 15)
    .map((e) => e.word);
}

export const SuggestionSchema = z.object({
  name: z.string(),
  role: z.string(),
  keywords: z.array(z.string()).default([]),
  domains: z.array(z.string()).default([]),
  issue_ids: z.array(z.string()).default([]),
  first_seen: z.string(),
  last_seen: z.string(),
  status: z.enum(["pending", "accepted", "dismissed"]).default("pending"),
});
/** One entry of `.oompah/focus_suggestions.json`. */
export type FocusSuggestion = z.infer<typeof SuggestionSchema>;
export const SuggestionsDocumentSchema = z.array(SuggestionSchema);

/** What analysing one finished issue decided. */
export type ProposalOutcome =
  | { kind: "too_few_domain_keywords"; keywords: string[]; domainKeywords: string[] }
  | { kind: "covered"; keywords: string[]; focus: string; overlap: number }
  | { kind: "dismissed"; suggestion: string }
  | { kind: "suggested"; suggestion: FocusSuggestion; proposedFocus: Focus | null };

export interface FinishedWork {
  /** Distinct id of the issue (use the internal key `<project_id>:<id>`). */
  issueId: string;
  title: string;
  description: string;
  /** Texts of non-oompah comments. */
  comments: readonly string[];
}

function capitalise(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** The rules a proposed focus carries: each domain's, then the baseline, de-duplicated. */
export function proposedFocusFor(s: FocusSuggestion): Focus {
  const templates = s.domains
    .map((d) => FOCUS_DOMAINS[d])
    .filter((t): t is DomainTemplate => t !== undefined);
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  return FocusSchema.parse({
    name: s.name,
    role: s.role,
    description: `Proposed from ${s.issue_ids.length} finished issues about ${s.domains.join(", ")} work that no active focus covered.`,
    must_do: uniq([...templates.flatMap((t) => t.must_do), ...BASELINE_MUST_DO]),
    must_not_do: uniq([...templates.flatMap((t) => t.must_not_do), ...BASELINE_MUST_NOT_DO]),
    keywords: s.keywords,
    priority: 5,
    status: "proposed",
  });
}

/**
 * Analyse one finished issue. Returns the updated suggestions document and, when
 * a pending suggestion reaches three distinct issues and no focus of that name
 * exists yet, the `proposed` focus to write into foci.json.
 */
export function analyseFinishedIssue(
  work: FinishedWork,
  foci: readonly Focus[],
  suggestions: readonly FocusSuggestion[],
  now: string,
): { outcome: ProposalOutcome; suggestions: FocusSuggestion[] } {
  const keywords = workKeywords([work.title, work.description, ...work.comments]);
  const domainKeywords = keywords.filter((w) => DOMAIN_OF_WORD.has(w));
  const unchanged = [...suggestions];
  if (domainKeywords.length < 3) {
    return {
      outcome: { kind: "too_few_domain_keywords", keywords, domainKeywords },
      suggestions: unchanged,
    };
  }

  const workSet = new Set(keywords);
  let best: { focus: string; overlap: number } | null = null;
  for (const f of foci) {
    if (f.status !== "active" || f.keywords.length === 0) continue;
    const hits = f.keywords.filter((k) => workSet.has(k.toLowerCase())).length;
    const overlap = hits / f.keywords.length;
    if (!best || overlap > best.overlap) best = { focus: f.name, overlap };
  }
  if (best && best.overlap >= 0.4)
    return { outcome: { kind: "covered", keywords, ...best }, suggestions: unchanged };

  const [kw1 = "", kw2 = ""] = domainKeywords;
  const name = `${kw1}_${kw2}`.replace(/-/g, "_");
  const domains = [...new Set(domainKeywords.map((w) => DOMAIN_OF_WORD.get(w) ?? ""))].filter(
    Boolean,
  );
  const existing = suggestions.find((s) => s.name === name);
  if (existing?.status === "dismissed")
    return { outcome: { kind: "dismissed", suggestion: name }, suggestions: unchanged };

  const suggestion: FocusSuggestion = existing
    ? {
        ...existing,
        keywords: [...new Set([...existing.keywords, ...domainKeywords])],
        domains: [...new Set([...existing.domains, ...domains])],
        issue_ids: [...new Set([...existing.issue_ids, work.issueId])],
        last_seen: now,
      }
    : {
        name,
        role: `${capitalise(kw1)} ${capitalise(kw2)} Specialist`,
        keywords: domainKeywords,
        domains,
        issue_ids: [work.issueId],
        first_seen: now,
        last_seen: now,
        status: "pending",
      };
  const next = existing
    ? suggestions.map((s) => (s.name === name ? suggestion : s))
    : [...suggestions, suggestion];
  const ready =
    suggestion.status === "pending" &&
    suggestion.issue_ids.length >= 3 &&
    !foci.some((f) => f.name === name);
  return {
    outcome: {
      kind: "suggested",
      suggestion,
      proposedFocus: ready ? proposedFocusFor(suggestion) : null,
    },
    suggestions: next,
  };
}
