/**
 * What every benchmark prints: the machine it ran on (cores, memory, Node,
 * load average, which matters on a shared 2-core machine), distribution
 * figures, and one verdict line per target. Figures are copied from this
 * output into bench/README.md.
 */
import { cpus, loadavg, totalmem } from "node:os";

/** Nearest-rank percentile (`p` in 0–100) of `xs`; NaN for no samples. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Median (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** `p50 … p95 … max …` of a list of milliseconds. */
export function describeMs(xs: readonly number[], ps: readonly number[] = [50, 95]): string {
  const parts = ps.map((p) => `p${p} ${ms(percentile(xs, p))}`);
  return `${parts.join(", ")}, max ${ms(Math.max(...xs))} (n=${xs.length})`;
}

export function ms(x: number): string {
  return `${x.toFixed(x < 10 ? 1 : 0)} ms`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

/** `load avg 0.52 / 1.10 / 1.46` (1, 5, 15 minutes). */
export function load(): string {
  return `load avg ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")}`;
}

/** Prints the benchmark's title, the machine and the current load. */
export function header(title: string): void {
  const gib = (totalmem() / 1024 ** 3).toFixed(0);
  console.log(`# ${title}`);
  console.log(
    `${new Date().toISOString().slice(0, 10)} · ${cpus().length} cores, ${gib} GiB, Node ${process.version} · ${load()}`,
  );
}

/** One verdict line: `target <label>: <value> → met|NOT met`. */
export function verdict(label: string, value: string, met: boolean): void {
  console.log(`target ${label}: ${value} → ${met ? "met" : "NOT met"}`);
}
