/**
 * The body of the `search_files` worker thread. A JavaScript regex cannot be
 * interrupted, so a catastrophic-backtracking pattern must run where it can
 * be killed without stalling the service: this function is serialised with
 * `toString()` and started as an `eval` worker (no separate file to ship or
 * transpile), which is why it is self-contained and loads its modules with
 * `process.getBuiltinModule` (works whether the eval runs as CommonJS or ESM).
 */

/** What the worker receives. */
export interface SearchJob {
  pattern: string;
  flags: string;
  /** Absolute file paths and the relative names to print. */
  files: Array<{ abs: string; rel: string }>;
  context: number;
  maxMatches: number;
}

/** What the worker answers. */
export interface SearchReply {
  lines: string[];
  matches: number;
  truncated: boolean;
}

export function searchWorkerMain(): void {
  const fs = process.getBuiltinModule("node:fs");
  const wt = process.getBuiltinModule("node:worker_threads");
  const job = wt.workerData as SearchJob;
  const re = new RegExp(job.pattern, job.flags);
  const out: string[] = [];
  let matches = 0;
  let truncated = false;
  for (const file of job.files) {
    if (truncated) break;
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file.abs);
    } catch {
      continue;
    }
    if (buf.subarray(0, 8192).includes(0)) continue;
    const lines = buf.toString("utf8").split(/\r?\n/);
    let lastPrinted = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? "";
      re.lastIndex = 0;
      if (!re.test(line)) continue;
      if (matches >= job.maxMatches) {
        truncated = true;
        break;
      }
      matches++;
      const from = Math.max(0, i - job.context, lastPrinted + 1);
      if (job.context > 0 && lastPrinted >= 0 && from > lastPrinted + 1) out.push("--");
      for (let j = from; j < i; j++)
        out.push(`${file.rel}-${j + 1}-${(lines[j] ?? "").slice(0, 500)}`);
      out.push(`${file.rel}:${i + 1}:${line.slice(0, 500)}`);
      const to = Math.min(lines.length - 1, i + job.context);
      for (let j = i + 1; j <= to; j++) {
        re.lastIndex = 0;
        if (re.test(lines[j] ?? "")) break;
        out.push(`${file.rel}-${j + 1}-${(lines[j] ?? "").slice(0, 500)}`);
        lastPrinted = j;
      }
      lastPrinted = Math.max(lastPrinted, i);
    }
  }
  const reply: SearchReply = { lines: out, matches, truncated };
  wt.parentPort?.postMessage(reply);
}
