/**
 * The 11 canonical statuses (SPEC §4.3), their directory/label slugs, and the
 * alias table that maps tracker-native spellings onto them.
 */
export const CANONICAL_STATUSES = [
  "Backlog",
  "Open",
  "In Progress",
  "Needs Answer",
  "Needs Human",
  "In Review",
  "Needs CI Fix",
  "Needs Rebase",
  "Done",
  "Merged",
  "Archived",
] as const;

export type CanonicalStatus = (typeof CANONICAL_STATUSES)[number];

export const STATUS_SLUGS: Readonly<Record<CanonicalStatus, string>> = {
  Backlog: "backlog",
  Open: "open",
  "In Progress": "in-progress",
  "Needs Answer": "needs-answer",
  "Needs Human": "needs-human",
  "In Review": "in-review",
  "Needs CI Fix": "needs-ci-fix",
  "Needs Rebase": "needs-rebase",
  Done: "done",
  Merged: "merged",
  Archived: "archived",
};

export const DEFAULT_ACTIVE_STATES: readonly CanonicalStatus[] = [
  "Open",
  "Needs CI Fix",
  "Needs Rebase",
];
export const DEFAULT_TERMINAL_STATES: readonly CanonicalStatus[] = ["Done", "Merged", "Archived"];

/** Native spellings → canonical status (SPEC §4.3 "Aliases"), before normalisation. */
export const STATUS_ALIASES: Readonly<Record<string, CanonicalStatus>> = {
  "to do": "Open",
  todo: "Open",
  ready: "Open",
  new: "Open",
  reopened: "Open",
  proposed: "Backlog",
  draft: "Backlog",
  triage: "Backlog",
  icebox: "Backlog",
  deferred: "Backlog",
  decomposed: "Backlog",
  "in progress": "In Progress",
  doing: "In Progress",
  wip: "In Progress",
  started: "In Progress",
  hooked: "In Progress",
  pinned: "In Progress",
  question: "Needs Answer",
  waiting: "Needs Answer",
  "needs info": "Needs Answer",
  blocked: "Needs Human",
  "duplicate candidate": "Needs Human",
  "needs attention": "Needs Human",
  review: "In Review",
  "in review": "In Review",
  "pr open": "In Review",
  "in validation": "In Review",
  "ready to integrate": "In Review",
  "ci failed": "Needs CI Fix",
  "ci fix": "Needs CI Fix",
  "failing ci": "Needs CI Fix",
  "merge conflict": "Needs Rebase",
  conflict: "Needs Rebase",
  rebase: "Needs Rebase",
  closed: "Done",
  complete: "Done",
  completed: "Done",
  resolved: "Done",
  finished: "Done",
  merged: "Merged",
  cancelled: "Archived",
  canceled: "Archived",
  wontfix: "Archived",
  "won't do": "Archived",
  duplicate: "Archived",
  obsolete: "Archived",
};

/** Case-insensitive; `_` and `-` count as spaces; repeated spaces collapse. */
export function normaliseStatusKey(raw: string): string {
  return raw.trim().toLowerCase().replace(/[_-]/g, " ").replace(/\s+/g, " ");
}

const LOOKUP: ReadonlyMap<string, CanonicalStatus> = (() => {
  const m = new Map<string, CanonicalStatus>();
  for (const s of CANONICAL_STATUSES) {
    m.set(normaliseStatusKey(s), s);
    m.set(normaliseStatusKey(STATUS_SLUGS[s]), s);
  }
  for (const [alias, s] of Object.entries(STATUS_ALIASES)) m.set(normaliseStatusKey(alias), s);
  return m;
})();

/** The canonical status for a native spelling, or null when it maps to none. */
export function canonicalStatus(raw: string): CanonicalStatus | null {
  return LOOKUP.get(normaliseStatusKey(raw)) ?? null;
}

export function isCanonicalStatus(value: string): value is CanonicalStatus {
  return (CANONICAL_STATUSES as readonly string[]).includes(value);
}

/** Canonical status for a slug such as `in-progress`, or null. */
export function statusFromSlug(slug: string): CanonicalStatus | null {
  for (const s of CANONICAL_STATUSES) if (STATUS_SLUGS[s] === slug) return s;
  return null;
}
