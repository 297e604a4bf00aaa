/**
 * Label normalisation (SPEC §4.1): every adapter hands labels through here so
 * routing and eligibility rules can compare them with plain string equality.
 */

/**
 * Trims, lower-cases and de-duplicates labels, keeping the first occurrence's
 * position. Empty strings and non-string values are dropped (numbers are kept
 * as their decimal text because YAML turns a label like `2024` into a number).
 */
export function normaliseLabels(labels: readonly unknown[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of labels) {
    let text: string;
    if (typeof raw === "string") text = raw;
    else if (typeof raw === "number" && Number.isFinite(raw)) text = String(raw);
    else continue;
    const label = text.trim().toLowerCase();
    if (label === "" || seen.has(label)) continue;
    seen.add(label);
    out.push(label);
  }
  return out;
}
