/** Priority normalisation (SPEC §4.2): 0 is most urgent, 4 least, null unknown. */
const WORDS: Readonly<Record<string, number>> = {
  critical: 0,
  urgent: 0,
  blocker: 0,
  high: 1,
  medium: 2,
  normal: 2,
  low: 3,
  lowest: 4,
  trivial: 4,
  backlog: 4,
};

export function normalisePriority(raw: unknown): number | null {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return null;
    return Math.min(4, Math.max(0, Math.trunc(raw)));
  }
  if (typeof raw !== "string") return null;
  const s = raw.trim().toLowerCase();
  if (/^-?\d+$/.test(s)) return normalisePriority(Number(s));
  const p = /^p([0-4])$/.exec(s);
  if (p) return Number(p[1]);
  return WORDS[s] ?? null;
}

/** Sort key that puts null after 4. */
export function prioritySortKey(p: number | null): number {
  return p ?? 5;
}
