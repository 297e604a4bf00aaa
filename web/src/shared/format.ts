/** Formats every page uses for times, money and token counts. */

/** A timestamp in the browser's time zone, e.g. `Jan 1, 2030, 2:05 PM`; unparsable text as is. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** `$0.0016` below a dollar (cheap runs stay visible), `$12.34` below a thousand, `$1,234` above. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0.00";
  if (Math.abs(usd) < 1) return `$${usd.toFixed(4)}`;
  if (Math.abs(usd) < 1000) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString("en-US")}`;
}

/** `1,234,567`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Compact token count: 950, 12.3k, 4.1M. */
export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
