/**
 * Native tracker listing benchmark: 10,000 generated task files.
 * Run with `npx tsx bench/tracker-listing.ts [count]`.
 *
 * Reports the cold listing (scan + parse of every file), a warm listing, the
 * end-to-end incremental update after one file is edited outside the adapter
 * (watcher event → re-stat and re-parse of that file → listing shows it), an
 * adapter write, and the fallback full rescan (mtime/size of every file, one
 * re-parse). The generated files are flushed to disk (`sync`) first. A cold
 * listing is measured in fresh processes (a new process has no JIT-compiled
 * parser either, as after a restart), five times, and the median counts: on
 * a shared 2-core machine one sample alone says little.
 * Targets: cold < 1 s (median), incremental < 20 ms.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CANONICAL_STATUSES, STATUS_SLUGS, type CanonicalStatus } from "../src/domain/status.js";
import { createOompahMdTracker } from "../src/trackers/oompah-md/index.js";
import { describeMs, header, median, ms as fmt, verdict } from "./lib/report.js";

const COUNT = Number(process.argv[2] ?? 10_000);
const COLD_RUNS = 5;
/** Set in the child processes that measure one cold listing of this repository. */
const COLD_REPO = process.env.OOMPAH_BENCH_COLD_REPO;
const STATUSES: CanonicalStatus[] = [
  "Backlog",
  "Open",
  "In Progress",
  "In Review",
  "Done",
  "Merged",
];

function taskText(
  n: number,
  status: CanonicalStatus,
  title = `Generated task number ${n}`,
): string {
  return `---
id: BENCH-${n}
type: ${n % 5 === 0 ? "bug" : "task"}
status: ${status}
priority: ${n % 5}
title: ${title}
parent: null
children: []
blocked_by:${n > 1 && n % 7 === 0 ? `\n- BENCH-${n - 1}` : " []"}
labels:
- area-${n % 13}
- generated
assignee: null
created_at: '2026-01-01T00:00:00Z'
updated_at: '2026-01-02T00:00:00Z'
work_branch: null
target_branch: main
oompah.agent_run_id: 00000000-0000-4000-8000-${String(n).padStart(12, "0")}
---
## Summary

Task ${n}: make the widget handle case ${n}. The description has a few lines
of ordinary Markdown, a list and a code span \`widget.handle(${n})\`.

- first point
- second point

## Acceptance Criteria

- [ ] Widget handles case ${n}.

## Notes

## Comments

<!-- COMMENTS:BEGIN -->
author: alice
created: 2026-01-01 10:00
---
Please look at this.
---
author: oompah
created: 2026-01-01 10:05
---
Working on it.
---
<!-- COMMENTS:END -->
`;
}

function ms(start: number): string {
  return `${(performance.now() - start).toFixed(1)} ms`;
}

/**
 * CPU time (user + system) of this process since `start`: on a shared machine
 * the wall time includes waiting for other processes, the CPU time does not.
 */
function cpu(start: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(start);
  return `cpu ${((used.user + used.system) / 1000).toFixed(1)} ms`;
}

/** In a child process: one cold listing of `repo`, printed as JSON. */
async function coldOnce(repo: string): Promise<void> {
  const tracker = createOompahMdTracker({
    projectId: "bench",
    repoPath: repo,
    defaultBranch: "main",
    gitSync: false,
    commitDebounceMs: 0,
    identity: { name: "oompah", email: "oompah@localhost" },
    snapshotPath: null,
  });
  const t = performance.now();
  const c = process.cpuUsage();
  const list = await tracker.fetchIssuesByStates([...CANONICAL_STATUSES]);
  const wall = performance.now() - t;
  const used = process.cpuUsage(c);
  await tracker.dispose();
  console.log(JSON.stringify({ n: list.length, wall, cpu: (used.user + used.system) / 1000 }));
}

/** Cold listings of `repo` in fresh processes. */
function coldListings(repo: string): Array<{ n: number; wall: number; cpu: number }> {
  const out = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename], {
      env: { ...process.env, OOMPAH_BENCH_COLD_REPO: repo },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`cold listing process failed:\n${r.stderr}`);
    out.push(
      JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "") as {
        n: number;
        wall: number;
        cpu: number;
      },
    );
  }
  return out;
}

async function main(): Promise<void> {
  header(`Native tracker: listing ${COUNT} task files`);
  const root = mkdtempSync(join(tmpdir(), "oompah-bench-"));
  const repo = join(root, "bench-repo");
  try {
    for (const s of STATUSES)
      mkdirSync(join(repo, ".oompah/tasks", STATUS_SLUGS[s]), { recursive: true });
    for (let n = 1; n <= COUNT; n++) {
      const status = STATUSES[n % STATUSES.length] as CanonicalStatus;
      writeFileSync(
        join(repo, ".oompah/tasks", STATUS_SLUGS[status], `BENCH-${n}.md`),
        taskText(n, status),
      );
    }
    // Files at rest: the kernel's write-back of 10,000 new files must not run during the listing.
    execFileSync("sync");
    const snapshotPath = join(root, "task-index.json");
    const open = () =>
      createOompahMdTracker({
        projectId: "bench",
        repoPath: repo,
        defaultBranch: "main",
        gitSync: false,
        commitDebounceMs: 0,
        identity: { name: "oompah", email: "oompah@localhost" },
        snapshotPath,
      });
    const tracker = open();
    const all = [...CANONICAL_STATUSES];

    const colds = coldListings(repo);
    if (colds.some((r) => r.n !== COUNT)) throw new Error("a cold listing missed tasks");
    const coldMs = median(colds.map((r) => r.wall));
    console.log(
      `cold listing of ${COUNT} tasks (fresh process, every file parsed), ${COLD_RUNS} runs: median ${fmt(coldMs)}, CPU median ${fmt(median(colds.map((r) => r.cpu)))}; ${describeMs(
        colds.map((r) => r.wall),
        [50],
      )}`,
    );
    await tracker.fetchIssuesByStates(all); // this process's own first scan (not timed)

    let t = performance.now();
    let c = process.cpuUsage();

    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await tracker.fetchIssuesByStates(all);
      warm.push(performance.now() - t);
    }
    console.log(`warm listing (nothing changed), median of 5: ${fmt(median(warm))}`);

    // External edits: a human saves one file; measure until a listing shows it.
    const incremental: number[] = [];
    let target = 0;
    let status: CanonicalStatus = "Open";
    let path = "";
    for (let round = 1; round <= 5; round++) {
      target = (4242 * round) % COUNT || 1;
      status = STATUSES[target % STATUSES.length] as CanonicalStatus;
      path = join(repo, ".oompah/tasks", STATUS_SLUGS[status], `BENCH-${target}.md`);
      const title = `Edited by a human ${round}`;
      t = performance.now();
      writeFileSync(path, taskText(target, status, title));
      for (;;) {
        const list = await tracker.fetchIssuesByStates(all);
        if (list.some((i) => i.id === `BENCH-${target}` && i.title === title)) break;
        await new Promise((r) => setImmediate(r));
      }
      incremental.push(performance.now() - t);
    }
    console.log(
      `incremental update after one external edit (write → listing shows it), median of 5: ${fmt(median(incremental))}`,
    );

    t = performance.now();
    await tracker.updateIssue(`BENCH-${target}`, { status: "Needs Human" });
    console.log(`adapter write (status move of one task): ${ms(t)}`);
    t = performance.now();
    const after = await tracker.fetchIssuesByStates(["Needs Human"]);
    console.log(`listing after the adapter write: ${ms(t)} (${after.length} in Needs Human)`);

    // Fallback path (HEAD moved or no watcher): stat every file, re-parse the changed one.
    writeFileSync(
      path.replace(STATUS_SLUGS[status], "needs-human"),
      taskText(target, "Needs Human", "Again"),
    );
    await new Promise((r) => setTimeout(r, 100));
    const internals = tracker as unknown as { parts: { fresh: { rescan(): Promise<void> } } };
    t = performance.now();
    await internals.parts.fresh.rescan();
    console.log(`full mtime/size rescan of ${COUNT} files (one re-parsed): ${ms(t)}`);
    t = performance.now();
    await tracker.close();
    console.log(`close (writes the persisted read cache): ${ms(t)}`);

    // A restarted process: the persisted cache is restored, every file re-stat'ed.
    writeFileSync(
      path.replace(STATUS_SLUGS[status], "needs-human"),
      taskText(target, "Needs Human", "Restart"),
    );
    const restarted = open();
    t = performance.now();
    c = process.cpuUsage();
    const relisted = await restarted.fetchIssuesByStates(all);
    console.log(
      `cold listing after a restart (${relisted.length} tasks, persisted cache): ${ms(t)} (${cpu(c)})`,
    );
    await restarted.close();
    verdict("cold listing < 1 s (median)", fmt(coldMs), coldMs < 1_000);
    verdict(
      "incremental update < 20 ms (median)",
      fmt(median(incremental)),
      median(incremental) < 20,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (COLD_REPO) await coldOnce(COLD_REPO);
else await main();
