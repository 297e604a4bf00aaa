/**
 * Follows the demo as it happens: polls the board and the runs of the demo
 * project and prints one line per status move and per finished run (focus,
 * profile, branch, cost). Polling the API rather than hooking the internals
 * keeps the demo a plain client of its own service.
 */
import type { BoardIssue, DemoApi, RunView } from "./demo-api.js";

/** What the watcher reports once, when every seeded task reached `finalStatus`. */
export interface DemoSummary {
  issues: BoardIssue[];
  runs: RunView[];
  totalCostUsd: number;
}

export interface ProgressOptions {
  api: DemoApi;
  projectId: string;
  finalStatus: string;
  expected: number;
  print: (line: string) => void;
  intervalMs?: number;
  signal: AbortSignal;
}

const usd = (n: number): string => `$${n.toFixed(4)}`;

/** Resolves with the summary when every task is final; stops quietly when `signal` aborts. */
export async function followProgress(o: ProgressOptions): Promise<DemoSummary | null> {
  const seen = new Map<string, string>();
  const reported = new Set<string>();
  const interval = o.intervalMs ?? 300;
  let lastError = "";
  while (!o.signal.aborted) {
    try {
      const [issues, runs] = await Promise.all([
        o.api.issues(o.projectId),
        o.api.runs(o.projectId),
      ]);
      for (const run of [...runs].reverse()) {
        if (run.phase !== "finished" || reported.has(run.run_id)) continue;
        reported.add(run.run_id);
        o.print(
          `  ${run.identifier}: run finished (${run.outcome ?? "?"}) — focus ${run.focus ?? "-"}, profile ${run.profile ?? "-"}, branch ${run.branch ?? "-"}, cost ${usd(run.cost_usd)}`,
        );
      }
      for (const issue of issues) {
        const before = seen.get(issue.id);
        if (before === issue.state) continue;
        seen.set(issue.id, issue.state);
        o.print(
          `  ${issue.identifier}: ${before === undefined ? "" : `${before} → `}${issue.state}  ${issue.title}`,
        );
      }
      const done = issues.filter((i) => i.state === o.finalStatus);
      if (issues.length >= o.expected && done.length === issues.length) {
        const totalCostUsd = runs.reduce((sum, r) => sum + r.cost_usd, 0);
        return { issues, runs, totalCostUsd };
      }
    } catch (e) {
      if (o.signal.aborted) break;
      // Early polls fail while the project is still being cloned; say so once per distinct message.
      const message = e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e);
      if (message !== lastError) o.print(`  (waiting: ${message})`);
      lastError = message;
    }
    await delay(interval, o.signal);
  }
  return null;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

export { usd as formatUsd };
