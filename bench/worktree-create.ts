/**
 * Worktree creation benchmark: `WorktreeManager.ensure` for a new issue vs a
 * raw `git worktree add` on a 50,000-file repository.
 * Run with `npx tsx bench/worktree-create.ts [runs]`.
 *
 * The repository (bare origin + managed clone, one commit) is generated once
 * under `$OOMPAH_BENCH_DIR` (default the OS temp dir) `/oompah-bench-worktree/`
 * and reused by later runs; dirty pages are flushed (`sync`) before each pair. Both sides
 * spawn git through the same wrapper; `ensure` additionally fetches, checks
 * the path, resolves the base and records base_sha. Runs are interleaved and
 * each worktree is deleted (untimed) before the next; the order alternates. Target: ratio ≤ 1.2.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { git } from "../src/git/git.js";
import { worktreePrune } from "../src/git/worktree-ops.js";
import { WorktreeManager } from "../src/workspace/worktrees.js";
import { header, median, verdict } from "./lib/report.js";

const FILES = 50_000;
const RUNS = Number(process.argv[2] ?? 7);
const dir = join(process.env.OOMPAH_BENCH_DIR ?? tmpdir(), "oompah-bench-worktree");
const origin = join(dir, "origin.git");
const clone = join(dir, "repos", "bench");
const wsRoot = join(dir, "ws");
const rawRoot = join(dir, "raw");
const cfg = join(dir, "gitconfig");

mkdirSync(dir, { recursive: true });
writeFileSync(
  cfg,
  "[user]\n\tname = Bench\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n[maintenance]\n\tauto = false\n",
);
const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: cfg, GIT_CONFIG_NOSYSTEM: "1" };

async function setup(): Promise<void> {
  if (existsSync(join(dir, "ready"))) return;
  rmSync(origin, { recursive: true, force: true });
  rmSync(join(dir, "repos"), { recursive: true, force: true });
  const seed = join(dir, "seed");
  rmSync(seed, { recursive: true, force: true, maxRetries: 5 });
  console.log(`generating ${FILES} files…`);
  await git(["init", "--bare", "-q", "-b", "main", origin], { cwd: dir, env });
  await git(["init", "-q", "-b", "main", seed], { cwd: dir, env });
  for (let i = 0; i < FILES; i++) {
    const sub = join(seed, `pkg${Math.floor(i / 500)}`, `mod${Math.floor(i / 50) % 10}`);
    if (i % 50 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(
      join(sub, `file${i}.ts`),
      `export const value${i} = ${i};\n// ${"x".repeat(i % 200)}\n`,
    );
  }
  await git(["add", "-A"], { cwd: seed, env, timeoutMs: 600_000 });
  await git(["commit", "-q", "-m", "50k files"], { cwd: seed, env, timeoutMs: 600_000 });
  await git(["push", "-q", origin, "HEAD:main"], { cwd: seed, env, timeoutMs: 600_000 });
  await git(["clone", "-q", origin, clone], { cwd: dir, env, timeoutMs: 600_000 });
  rmSync(seed, { recursive: true, force: true, maxRetries: 5 });
  writeFileSync(join(dir, "ready"), "");
}

async function cleanup(): Promise<void> {
  rmSync(wsRoot, { recursive: true, force: true });
  rmSync(rawRoot, { recursive: true, force: true });
  await worktreePrune({ cwd: clone, env });
  const branches = await git(
    ["for-each-ref", "--format=%(refname:short)", "refs/heads/bench", "refs/heads/oompah"],
    { cwd: clone, env },
  );
  for (const b of branches.stdout.split("\n").filter(Boolean))
    await git(["branch", "-D", "-q", b], { cwd: clone, env });
}

async function main(): Promise<void> {
  header(`Worktree creation in a ${FILES}-file repository: ensure vs git worktree add`);
  const t0 = performance.now();
  await setup();
  console.log(`repository ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dir})`);
  await cleanup();
  const manager = new WorktreeManager({
    workspaceRoot: wsRoot,
    gitEnv: env,
    gitTimeoutMs: 600_000,
  });
  const project = {
    name: "bench",
    clonePath: clone,
    defaultBranch: "main",
    identity: { name: "Bench", email: "b@x" },
  };
  const raw: number[] = [];
  const managed: number[] = [];
  // One untimed warm-up of each so the page cache holds the object store.
  for (let i = 0; i <= RUNS; i++) {
    mkdirSync(rawRoot, { recursive: true });
    execFileSync("sync");
    const timeRaw = async (): Promise<number> => {
      const t = performance.now();
      await git(
        ["worktree", "add", "-q", "-b", `bench/raw-${i}`, join(rawRoot, `r${i}`), "origin/main"],
        {
          cwd: clone,
          env,
          timeoutMs: 600_000,
        },
      );
      return performance.now() - t;
    };
    const timeEnsure = async (): Promise<[number, boolean]> => {
      const t = performance.now();
      const wt = await manager.ensure({
        project,
        issue: { identifier: `BENCH-${i}`, branch_name: null },
      });
      return [performance.now() - t, wt.created];
    };
    let rawMs: number;
    let ensureMs: number;
    let created: boolean;
    if (i % 2 === 0) {
      rawMs = await timeRaw();
      execFileSync("sync");
      [ensureMs, created] = await timeEnsure();
    } else {
      [ensureMs, created] = await timeEnsure();
      execFileSync("sync");
      rawMs = await timeRaw();
    }
    if (!created) throw new Error("ensure did not create a worktree");
    if (i > 0) {
      raw.push(rawMs);
      managed.push(ensureMs);
    }
    console.log(
      `run ${i}${i === 0 ? " (warm-up)" : ""}: raw ${rawMs.toFixed(0)} ms, ensure ${ensureMs.toFixed(0)} ms`,
    );
    await cleanup();
  }
  const r = median(raw);
  const m = median(managed);
  console.log(
    `\nmedian of ${RUNS}: raw git worktree add ${r.toFixed(0)} ms, WorktreeManager.ensure ${m.toFixed(0)} ms`,
  );
  verdict("ensure ≤ 1.2× raw git worktree add", `${(m / r).toFixed(2)}×`, m / r <= 1.2);
}

await main();
