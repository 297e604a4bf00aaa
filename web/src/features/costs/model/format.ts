/** Number formats of the Costs page: dollars with enough digits for cheap runs, token counts. */

/** The token counts of some usage. */
export interface TokenCounts {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
}

/** `$0.0016` below a dollar, `$12.34` below a thousand, `$1,234` above. */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0.00";
  if (Math.abs(usd) < 1) return `$${usd.toFixed(4)}`;
  if (Math.abs(usd) < 1000) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString("en-US")}`;
}

/** `1,234,567`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** `42%` of `total` (`—` when the total is zero). */
export function formatShare(part: number, total: number): string {
  if (total <= 0) return "—";
  const pct = (part / total) * 100;
  return pct > 0 && pct < 1 ? "<1%" : `${Math.round(pct)}%`;
}

/** `1,200 in · 300 cached · 450 out`. */
export function formatTokens(t: TokenCounts): string {
  return `${formatCount(t.input_tokens)} in · ${formatCount(t.cached_input_tokens)} cached · ${formatCount(t.output_tokens)} out`;
}
