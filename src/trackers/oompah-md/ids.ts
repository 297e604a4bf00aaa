/**
 * Task id allocation (SPEC §5.2): `<PREFIX>-<n>` where n is one more than the
 * largest numeric suffix among parsable ids and the stems of all `*.md`
 * files, so a corrupt file's number is never reused.
 */

const NUMERIC_SUFFIX = /-(\d+)$/;

/** The numeric suffix of an id or stem (`X-12` → 12), or null. */
export function numericSuffix(idOrStem: string): number | null {
  const m = NUMERIC_SUFFIX.exec(idOrStem);
  if (!m?.[1]) return null;
  const n = Number.parseInt(m[1], 10);
  return Number.isSafeInteger(n) ? n : null;
}

/** The next id for `prefix` given every known id and file stem. */
export function nextTaskId(prefix: string, known: Iterable<string>): string {
  let max = 0;
  for (const k of known) {
    const n = numericSuffix(k);
    if (n !== null && n > max) max = n;
  }
  return `${prefix}-${max + 1}`;
}
