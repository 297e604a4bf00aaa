/**
 * Orchestration overhead of an api run: what oompah adds to a 10-response
 * agent session when the model answers instantly. The real service (in this
 * process) dispatches an issue to an `api` provider whose base URL is the
 * fake OpenAI server (also in this process, zero latency), which replays a
 * scripted trajectory of in-process tools (reads, a write, an edit; see
 * bench/lib/trajectory.ts) ending in `finish`.
 * Run with `npx tsx bench/api-overhead.ts [runs]` (default 16, the first a warm-up).
 *
 * Run time = from the run's `run_phase: running` (session started) to its
 * `run_phase: delivering` (session over, after the §7.6 completion check,
 * which asks git whether the worktree changed), both taken when the event is
 * committed; the part up to the commit of the last `turn_completed` is the
 * ten turns (the run records in batches, so that commit may come a few
 * milliseconds into the completion check). Fake-server time = for each chat
 * request, the server's `http.server.request.start` →
 * `http.server.response.finish` (Node's
 * diagnostics channels). Overhead = run time − fake-server time: the SDK's
 * HTTP client and stream parsing, the agent loop, the tools, and the
 * orchestrator's recording of every event (SQLite rows, activity, run log,
 * usage ledger, stall judge) — and whatever else the service does meanwhile:
 * the time its main thread spent starting child processes in the window
 * (git; see bench/lib/spawn-timer.ts) is reported as part of it. Each run
 * starts on a quiet service, 3.5 s after the previous one finished.
 * Target: overhead ≤ 100 ms (median).
 */
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { startFakeOpenAI } from "../test/fakes/openai-server.js";
import { describeMs, header, load, median, ms, percentile, verdict } from "./lib/report.js";
import { RunClock } from "./lib/run-clock.js";
import { spawnsBetween } from "./lib/spawn-timer.js";
import { addProject, call, createBenchSandbox, startInProcess } from "./lib/service.js";
import { SHORT_TRAJECTORY, sampleRepoFiles, scriptedHandler } from "./lib/trajectory.js";

const RUNS = Number(process.argv[2] ?? 16);
const TARGET_MS = 100;
const KEY = "sk-bench-0123456789abcdef";
/** Pause after a run before the next: the tracker's 2 s commit debounce plus its commit and push. */
const SETTLE_MS = 3_500;

async function main(): Promise<void> {
  header(`api run overhead: ${SHORT_TRAJECTORY.length}-response session, zero-latency model`);
  const fake = await startFakeOpenAI({ apiKey: KEY });
  fake.setHandler(scriptedHandler(SHORT_TRAJECTORY));
  /** Completed fake-server requests: [start, end] on the performance clock. */
  const served: Array<[number, number]> = [];
  const started = new WeakMap<ServerResponse, number>();
  const mine = (req: IncomingMessage) => req.socket.localPort === fake.port;
  subscribe("http.server.request.start", (m) => {
    const { request, response } = m as { request: IncomingMessage; response: ServerResponse };
    if (mine(request)) started.set(response, performance.now());
  });
  subscribe("http.server.response.finish", (m) => {
    const { response } = m as { response: ServerResponse };
    const t = started.get(response);
    if (t !== undefined) served.push([t, performance.now()]);
  });

  const sb = await createBenchSandbox({
    files: { ...sampleRepoFiles(), ".oompah/tasks/config.yml": "task_prefix: OVH\n" },
    config: {
      polling: { interval_ms: 60_000 },
      tracker: { kind: "oompah_md" },
      agent: { max_concurrent_agents: 1, stall_timeout_ms: 60_000 },
      observability: { log_level: "warn" },
    },
    providers: [
      {
        id: "fake-api",
        name: "Fake OpenAI (zero latency)",
        backend: "api",
        base_url: fake.baseUrl,
        api_key_env: "BENCH_FAKE_KEY",
        models: ["fake-model"],
        default_model: "fake-model",
        model_costs: { "fake-model": { input_per_1m: 1, output_per_1m: 2 } },
        default: true,
      },
    ],
    env: { BENCH_FAKE_KEY: KEY },
  });
  const svc = await startInProcess(sb);
  const clock = new RunClock(svc.service.store.events);
  try {
    const project = await addProject(svc.url, sb);
    const overhead: number[] = [];
    const session: number[] = [];
    const server: number[] = [];
    const spawning: number[] = [];
    const loopOnly: number[] = [];
    const check: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const issue = await call<{ identifier: string }>(svc.url, "POST", "/api/v1/issues", {
        project_id: project.id,
        title: `Shorten old tool results (${i + 1})`,
        description: "Long sessions resend every tool result; shorten the old ones.",
        status: "Open",
      });
      const run = await clock.until(`the run of ${issue.identifier}`, () => {
        const r = clock.of(issue.identifier);
        return r?.finished != null ? r : null;
      });
      const from = run.running ?? Number.NaN;
      const last = run.lastTurn ?? Number.NaN;
      const to = run.delivering ?? Number.NaN;
      const inRun = served.filter(([s, e]) => s >= from && e <= to);
      if (inRun.length !== SHORT_TRAJECTORY.length)
        throw new Error(
          `expected ${SHORT_TRAJECTORY.length} model requests in run ${i + 1}, saw ${inRun.length}`,
        );
      const serverMs = inRun.reduce((sum, [s, e]) => sum + (e - s), 0);
      const spawns = spawnsBetween(from, to);
      const spawnMs = spawns.reduce((a, b) => a + b, 0);
      console.log(
        `run ${i + 1}${i === 0 ? " (warm-up)" : ""}: session ${ms(to - from)} = turns ${ms(last - from)} + completion check ${ms(to - last)}; fake server ${ms(serverMs)}, overhead ${ms(to - from - serverMs)} (${spawns.length} child processes started meanwhile: ${ms(spawnMs)}); whole run (claim → finished) ${ms((run.finished ?? 0) - run.claimed)}`,
      );
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      if (i === 0) continue;
      session.push(to - from);
      server.push(serverMs);
      overhead.push(to - from - serverMs);
      loopOnly.push(last - from - serverMs);
      check.push(to - last);
      spawning.push(spawnMs);
    }
    const runs = await call<{ runs: Array<{ outcome: string | null; turns: number }> }>(
      svc.url,
      "GET",
      `/api/v1/runs?project_id=${project.id}&limit=50`,
    );
    console.log(
      `\noutcomes: ${runs.runs.map((r) => `${r.outcome ?? "?"}/${r.turns} turns`).join(", ")}`,
    );
    console.log(`session (running → delivering): ${describeMs(session)}`);
    console.log(`fake-server time per session: ${describeMs(server)}`);
    console.log(`overhead: ${describeMs(overhead)}`);
    console.log(`  of which the ten turns (loop, tools, recording): ${describeMs(loopOnly)}`);
    console.log(`  of which the completion check after finish (§7.6, git): ${describeMs(check)}`);
    console.log(`  of which starting child processes: ${describeMs(spawning)}`);
    console.log(`(${load()})`);
    const p50 = median(overhead);
    verdict(
      `overhead ≤ ${TARGET_MS} ms (median; p95 ${ms(percentile(overhead, 95))})`,
      ms(p50),
      p50 <= TARGET_MS,
    );
  } finally {
    clock.close();
    await svc.stop();
    await fake.close();
    sb.remove();
  }
}

await main();
