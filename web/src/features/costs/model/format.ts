/** Number formats of the Costs page beyond the shared ones (web/src/shared/format.ts). */
import { formatCount } from "../../../shared/format.js";

/** The token counts of some usage. */
export interface TokenCounts {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
}

/** `42%` of `total` (`—` when the total is zero). */
export function formatShare(part: number, total: number): string {
  if (total <= 0) return "—";
  const pct = (part / total) * 100;
  return pct > 0 && pct < 1 ? "<1%" : `${Math.round(pct)}%`;
}

/** `1,200 in · 300 cached · 450 out`. */
export function formatUsageSplit(t: TokenCounts): string {
  return `${formatCount(t.input_tokens)} in · ${formatCount(t.cached_input_tokens)} cached · ${formatCount(t.output_tokens)} out`;
}
