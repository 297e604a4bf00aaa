/**
 * Native tracker listing benchmark: 10,000 generated task files.
 * Run with `npx tsx bench/tracker-listing.ts [count]`.
 *
 * Reports the cold listing (scan + parse of every file), a warm listing, the
 * end-to-end incremental update after one file is edited outside the adapter
 * (watcher event → re-stat and re-parse of that file → listing shows it), an
 * adapter write, and the fallback full rescan (mtime/size of every file, one
 * re-parse). Targets: cold < 1 s, incremental < 20 ms.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CANONICAL_STATUSES, STATUS_SLUGS, type CanonicalStatus } from "../src/domain/status.js";
import { createOompahMdTracker } from "../src/trackers/oompah-md/index.js";

const COUNT = Number(process.argv[2] ?? 10_000);
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

function median(xs: number[]): string {
  const sorted = [...xs].sort((a, b) => a - b);
  return `${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1)} ms`;
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

async function main(): Promise<void> {
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

    let t = performance.now();
    let c = process.cpuUsage();
    const cold = await tracker.fetchIssuesByStates(all);
    console.log(
      `cold listing of ${cold.length} tasks (first scan, every file parsed): ${ms(t)} (${cpu(c)})`,
    );

    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await tracker.fetchIssuesByStates(all);
      warm.push(performance.now() - t);
    }
    console.log(`warm listing (nothing changed), median of 5: ${median(warm)}`);

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
      `incremental update after one external edit (write → listing shows it), median of 5: ${median(incremental)}`,
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
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
