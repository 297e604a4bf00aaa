/**
 * Dispatch ordering (SPEC §7.3). Candidates from every project are merged and
 * sorted by priority (null last) → `created_at` (null last) → identifier in
 * natural order (`X-9` before `X-10`) → `project_id`. Due retries come first,
 * earliest `due_at` first.
 */
import { prioritySortKey } from "./priority.js";

/** The fields ordering reads. */
export interface OrderKey {
  priority: number | null;
  created_at: string | null;
  identifier: string;
  project_id: string;
}

const naturalCollator = new Intl.Collator("en", { numeric: true, sensitivity: "variant" });

/** Natural order of identifiers, so `X-9` < `X-10`. */
export function compareIdentifiers(a: string, b: string): number {
  return naturalCollator.compare(a, b);
}

/** ISO-8601 UTC instants compare as epoch millis; unparsable or null sort last. */
function timeKey(iso: string | null): number {
  if (iso === null) return Number.POSITIVE_INFINITY;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function cmp(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Comparator of §7.3 for new candidates. */
export function compareCandidates(a: OrderKey, b: OrderKey): number {
  return (
    cmp(prioritySortKey(a.priority), prioritySortKey(b.priority)) ||
    cmp(timeKey(a.created_at), timeKey(b.created_at)) ||
    compareIdentifiers(a.identifier, b.identifier) ||
    (a.project_id < b.project_id ? -1 : a.project_id > b.project_id ? 1 : 0)
  );
}

/** A sorted copy of `items` (input untouched); `key` picks the ordering fields. */
export function sortCandidates<T>(items: readonly T[], key: (item: T) => OrderKey): T[] {
  return [...items].sort((a, b) => compareCandidates(key(a), key(b)));
}

/** The fields retry ordering reads. */
export interface RetryOrderKey {
  /** ISO-8601 UTC. */
  due_at: string;
  identifier: string;
  project_id: string;
}

/** Earlier `due_at` first; ties fall back to identifier then project for determinism. */
export function compareRetries(a: RetryOrderKey, b: RetryOrderKey): number {
  return (
    cmp(timeKey(a.due_at), timeKey(b.due_at)) ||
    compareIdentifiers(a.identifier, b.identifier) ||
    (a.project_id < b.project_id ? -1 : a.project_id > b.project_id ? 1 : 0)
  );
}

/** A sorted copy of due retries. */
export function sortRetries<T>(items: readonly T[], key: (item: T) => RetryOrderKey): T[] {
  return [...items].sort((a, b) => compareRetries(key(a), key(b)));
}
