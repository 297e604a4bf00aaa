/**
 * 100 concurrent runs: event-loop lag and memory of the service while 100
 * mock-agent runs are dispatched, run side by side and delivered, on the real
 * service (in this process), the native tracker with git sync, real git
 * worktrees, commits and pushes to a bare origin.
 * Run with `npx tsx bench/concurrent-runs.ts [runs] [agent pause ms]` (default 100, 8000).
 *
 * The tasks are created through the API while dispatch is paused; then
 * `max_concurrent_agents: <runs>` lets one resume start them all. The mock
 * agent pauses between its turns (the demo's pacing), so all runs are in
 * flight together (worktree creation and delivery queue on the repository
 * lock, so the last sessions start tens of seconds after the first). Event-loop delay is sampled with
 * `perf_hooks.monitorEventLoopDelay` (10 ms resolution) from the resume until
 * the last run finished; its histogram holds whole timer intervals, so the
 * lag is a value minus the 10 ms resolution. RSS is sampled every 100 ms. The
 * benchmark's own work in this process is that sampling and an event-log
 * listener. Child processes (git, hooks) are counted and the time the main
 * thread spends inside `ChildProcess.spawn` (fork + exec, synchronous in
 * libuv) is measured by wrapping it, because that is where most lag comes from.
 * Target: event-loop lag p99 < 50 ms.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { describeMs, header, load, mib, ms, verdict } from "./lib/report.js";
import { RunClock } from "./lib/run-clock.js";
import { spawnsBetween } from "./lib/spawn-timer.js";
import {
  addProject,
  call,
  createBenchSandbox,
  MOCK_PROVIDER,
  startInProcess,
} from "./lib/service.js";

const RUNS = Number(process.argv[2] ?? 100);
const PAUSE_MS = Number(process.argv[3] ?? 8000);
const TARGET_P99_MS = 50;
const RESOLUTION_MS = 10;

async function main(): Promise<void> {
  header(`${RUNS} concurrent mock runs: event-loop lag and RSS`);
  const sb = await createBenchSandbox({
    files: {
      "README.md": "# concurrency bench\n",
      ".oompah/tasks/config.yml": "task_prefix: CC\n",
      ".oompah/tasks/open/.gitkeep": "",
    },
    config: {
      polling: { interval_ms: 5_000 },
      tracker: { kind: "oompah_md" },
      agent: {
        max_concurrent_agents: RUNS,
        stall_timeout_ms: 600_000,
        shutdown_grace_ms: 2_000,
      },
      observability: { log_level: "warn" },
    },
    providers: [MOCK_PROVIDER],
  });
  const svc = await startInProcess(sb, { paused: true, demoPauseMs: PAUSE_MS });
  const clock = new RunClock(svc.service.store.events);
  try {
    const project = await addProject(svc.url, sb);
    for (let i = 1; i <= RUNS; i++) {
      await call(svc.url, "POST", "/api/v1/issues", {
        project_id: project.id,
        title: `Concurrent task ${i}`,
        description: `Write the demo file for task ${i}.`,
        status: "Open",
      });
    }
    // Let the creation commits settle so the measurement starts from a quiet service.
    await new Promise((r) => setTimeout(r, 1500));
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    let heapPeak = process.memoryUsage().heapUsed;
    let peakSessions = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      rssPeak = Math.max(rssPeak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed);
      peakSessions = Math.max(peakSessions, clock.inFlight);
    }, 100);
    const lag = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    lag.enable();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await call(svc.url, "POST", "/api/v1/orchestrator/resume");
    const allRunning = await clock.until(
      "every session to start",
      () => {
        const started = [...clock.runs.values()].filter((r) => r.running !== null);
        return started.length >= RUNS ? performance.now() : null;
      },
      600_000,
    );
    const allDone = await clock.until(
      "every run to finish",
      () => {
        const done = [...clock.runs.values()].filter((r) => r.finished !== null);
        return done.length >= RUNS ? performance.now() : null;
      },
      600_000,
    );
    lag.disable();
    clearInterval(sampler);
    const spawns = spawnsBetween(t0, allDone);
    const used = process.cpuUsage(cpu);
    const runs = await call<{ runs: Array<{ outcome: string | null }> }>(
      svc.url,
      "GET",
      `/api/v1/runs?project_id=${project.id}&limit=500`,
    );
    const outcomes = new Map<string, number>();
    for (const r of runs.runs)
      outcomes.set(r.outcome ?? "?", (outcomes.get(r.outcome ?? "?") ?? 0) + 1);
    const lagMs = (q: number) => Math.max(0, lag.percentile(q) / 1e6 - RESOLUTION_MS);

    console.log(`\nresume → all ${RUNS} sessions started: ${ms(allRunning - t0)}`);
    console.log(`resume → all ${RUNS} runs finished: ${ms(allDone - t0)}`);
    console.log(`peak runs in flight (session started, run not finished): ${peakSessions}`);
    console.log(`outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}`);
    console.log(
      `event-loop lag: p50 ${ms(lagMs(50))}, p99 ${ms(lagMs(99))}, max ${ms(lag.max / 1e6 - RESOLUTION_MS)} (${lag.count} samples)`,
    );
    console.log(
      `child processes spawned: ${spawns.length}; main thread inside spawn: ${ms(spawns.reduce((a, b) => a + b, 0))} in total, ${describeMs(spawns, [50, 99])} each`,
    );
    console.log(
      `RSS: ${mib(rssBefore)} before, peak ${mib(rssPeak)} (+${mib(rssPeak - rssBefore)}); heap used peak ${mib(heapPeak)}`,
    );
    console.log(
      `CPU of this process during the runs: ${((used.user + used.system) / 1000).toFixed(0)} ms (${load()})`,
    );
    verdict(`event-loop lag p99 < ${TARGET_P99_MS} ms`, ms(lagMs(99)), lagMs(99) < TARGET_P99_MS);
  } finally {
    clock.close();
    await svc.stop();
    sb.remove();
  }
}

await main();
