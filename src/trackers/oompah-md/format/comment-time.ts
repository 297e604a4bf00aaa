/**
 * Comment timestamps are written as UTC `YYYY-MM-DD HH:MM` without a suffix
 * (the original format); on read a trailing ` UTC`, seconds, or a full
 * ISO-8601 timestamp (older Backlog-style blocks) are accepted too.
 */

/** `2026-07-13 22:35` for the given instant, in UTC. */
export function formatCommentTimestamp(now: Date): string {
  return now.toISOString().slice(0, 16).replace("T", " ");
}

const STAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(?:(UTC|GMT|Z)|([+-])(\d{2}):?(\d{2}))?$/i;

/** ISO-8601 UTC for a stored timestamp, or the trimmed raw text when it cannot be read. */
export function commentTimestampToIso(raw: string): string {
  const text = raw.trim();
  const m = STAMP.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  let ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    Number((frac ?? "").padEnd(3, "0").slice(0, 3)),
  );
  if (sign !== undefined) {
    const offset = (Number(oh) * 60 + Number(om)) * 60_000;
    ms += sign === "+" ? -offset : offset;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}
