/**
 * `oompah demo` end to end (SPEC §18): sandbox → sample repository and tasks
 * → WORKFLOW.md and the mock provider → the real service on loopback → the
 * project registered through the API → progress lines until every task is
 * Done. `stop()` shuts the service down and removes the sandbox unless kept.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startService, type Service } from "../app.js";
import { DemoApi } from "./demo-api.js";
import { choosePort } from "./port.js";
import { followProgress, formatUsd, type DemoSummary } from "./progress.js";
import { createSandbox, demoEnv, removeSandbox, type DemoPaths } from "./sandbox.js";
import { seedRepository } from "./seed.js";
import { DEMO_PROVIDER_NAME, demoProviders, demoWorkflow } from "./workflow.js";

export interface DemoOptions {
  /** Wanted HTTP port (default 8080); a busy port falls back to an ephemeral one. */
  port?: number;
  /** Keep the sandbox on stop. */
  keep?: boolean;
  /** Pause between the demo agent's turns (ms), so a person can follow a run. */
  paceMs?: number;
  env: NodeJS.ProcessEnv;
  /** Progress and messages (one line per call). */
  print: (line: string) => void;
  logLevel?: string;
  /** Parent of the sandbox (default the OS temp dir). */
  tmpRoot?: string;
}

/** A running demo. */
export interface Demo {
  url: string;
  paths: DemoPaths;
  service: Service;
  /** Resolves when every seeded task reached Done (null if stopped first). */
  finished: Promise<DemoSummary | null>;
  /** Stops the service; removes the sandbox unless `keep`. Returns whether it was removed. */
  stop(): Promise<{ removed: boolean }>;
}

const PROJECT_NAME = "tiny-greeter";
const FINAL_STATUS = "Done";

export async function startDemo(o: DemoOptions): Promise<Demo> {
  const paths = createSandbox(o.tmpRoot);
  let service: Service | null = null;
  try {
    const env = demoEnv(paths, o.env);
    o.print(`Creating the demo sandbox in ${paths.root}`);
    const tasks = await seedRepository(paths, env);
    mkdirSync(join(paths.serviceDir, ".oompah"), { recursive: true });
    writeFileSync(join(paths.serviceDir, "WORKFLOW.md"), demoWorkflow(paths));
    writeFileSync(
      join(paths.serviceDir, ".oompah", "providers.json"),
      JSON.stringify(demoProviders(), null, 2) + "\n",
      { mode: 0o600 },
    );
    const wanted = o.port ?? 8080;
    const { port, fellBack } = await choosePort(wanted);
    if (fellBack) o.print(`Port ${wanted} is busy; using a free port instead.`);
    service = await startService({
      cwd: paths.serviceDir,
      env,
      cli: { port },
      logToStdout: false,
      ...(o.paceMs === undefined ? {} : { demoPauseMs: o.paceMs }),
      ...(o.logLevel === undefined ? {} : { logLevel: o.logLevel }),
    });
    const url = `http://127.0.0.1:${service.httpPort ?? port}`;
    const api = new DemoApi(url);
    const project = await api.addProject({
      repo_url: paths.origin,
      name: PROJECT_NAME,
      scm: "local",
      default_branch: "main",
      local_success_status: FINAL_STATUS,
      git_author_name: "oompah demo",
      git_author_email: "demo@oompah.invalid",
    });
    printIntro(o.print, url, paths, tasks.length);
    const controller = new AbortController();
    const finished = followProgress({
      api,
      projectId: project.id,
      finalStatus: FINAL_STATUS,
      expected: tasks.length,
      print: o.print,
      signal: controller.signal,
    }).then((summary) => {
      if (summary) printSummary(o.print, summary, paths);
      return summary;
    });
    const running = service;
    let stopping: Promise<{ removed: boolean }> | null = null;
    return {
      url,
      paths,
      service: running,
      finished,
      stop: () =>
        (stopping ??= (async () => {
          controller.abort();
          await finished.catch(() => null);
          await running.stop();
          if (o.keep) return { removed: false };
          removeSandbox(paths);
          return { removed: true };
        })()),
    };
  } catch (e) {
    await service?.stop();
    if (!o.keep) removeSandbox(paths);
    throw e;
  }
}

function printIntro(print: (l: string) => void, url: string, paths: DemoPaths, n: number): void {
  print("");
  print(`oompah demo is running. Dashboard and API: ${url}/`);
  print("");
  print(`What happens now: ${n} tasks were seeded as native task files in a sample TypeScript`);
  print(`repository (bare origin: ${paths.origin}). For each one the orchestrator picks a focus`);
  print(`and a profile, creates a git worktree, runs the "${DEMO_PROVIDER_NAME}" provider,`);
  print("commits its change on the task's branch, pushes it to the origin, comments on the task,");
  print("records the cost, and moves the task to Done. No network and no API key are used.");
  print("");
}

function printSummary(print: (l: string) => void, s: DemoSummary, paths: DemoPaths): void {
  print("");
  print(
    `All ${s.issues.length} tasks are Done: ${s.runs.length} runs, total recorded cost ${formatUsd(s.totalCostUsd)} (mock prices).`,
  );
  print(`Inspect the branches with: git --git-dir ${paths.origin} branch -a`);
  print("Press Ctrl-C to stop the demo.");
}
