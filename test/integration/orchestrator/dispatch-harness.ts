/**
 * A real environment for the dispatcher: a bare origin and the project's
 * managed clone, the oompah_md tracker on it, a SQLite store, the real
 * WorktreeManager and the real run-attempt pipeline over the mock backend.
 * The clock is injected (`advance`), and ticks are driven by the test, so
 * nothing waits on wall time. `reopen()` simulates a restart on the same
 * data directory.
 */
import { afterEach } from "vitest";
import { createMockBackend, type MockScripts } from "../../../src/agents/mock/index.js";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import type { FinishedWork } from "../../../src/domain/focus-proposals.js";
import type { Issue, NewIssue } from "../../../src/domain/issue.js";
import type { Provider } from "../../../src/domain/provider.js";
import { pino } from "pino";
import { AlertBoard } from "../../../src/orchestrator/alerts.js";
import { Orchestrator } from "../../../src/orchestrator/orchestrator.js";
import type { DispatchDeps } from "../../../src/orchestrator/dispatch-deps.js";
import { Dispatcher } from "../../../src/orchestrator/dispatcher.js";
import type { AttemptRunner, DispatchProject } from "../../../src/orchestrator/ports.js";
import { loadRunTokenKey, RunTokens } from "../../../src/orchestrator/run-token.js";
import type { WakeReason } from "../../../src/orchestrator/tick-loop.js";
import { openStore, type Store } from "../../../src/store/db.js";
import type { ProjectTrackers } from "../../../src/trackers/project-trackers.js";
import type { TrackerAdapter } from "../../../src/trackers/tracker.js";
import { waitFor } from "../../helpers/sandbox.js";
import { projectFixture, provider, recordingLogger } from "./project-fixture.js";

export { provider };

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.();
});

export interface DispatchHarnessOptions {
  /** WORKFLOW.md front matter merged over quick test defaults. */
  config?: Record<string, unknown>;
  scripts?: MockScripts;
  providers?: Provider[];
  project?: Partial<DispatchProject>;
  /** Secrets the config claims to read from the environment (preflight). */
  secrets?: Array<{ path: string; source: string }>;
  env?: Record<string, string | undefined>;
  /** Replaces the real attempt pipeline. */
  runner?: AttemptRunner;
}

export type DispatchHarness = Awaited<ReturnType<typeof makeDispatchHarness>>;

export async function makeDispatchHarness(o: DispatchHarnessOptions = {}) {
  const f = projectFixture({
    config: { ...o.config, agent: { stall_timeout_ms: 0, ...(o.config?.agent as object) } },
  });
  const { repo, dataDir, clone, config, tracker, worktrees } = f;
  const project: DispatchProject = {
    id: f.project.id,
    name: f.project.name,
    status: "ready",
    paused: false,
    max_concurrent_agents: null,
    provider_id: null,
    scm: "local",
    clone_path: clone,
    default_branch: "main",
    local_success_status: "In Review",
    git_author_name: "Oompah Bot",
    git_author_email: "bot@example.com",
    tracker_kind: "oompah_md",
    ...o.project,
  };
  const env: Record<string, string | undefined> = { ...repo.env, ...o.env };
  let nowMs = Date.parse("2030-01-01T00:00:00.000Z");
  const now = () => new Date(nowMs);
  /** When set, `fetchIssuesByIds` fails (a tracker outage during reconciliation). */
  const faults = { fetchByIds: false };
  const faulty: TrackerAdapter = new Proxy(tracker, {
    get(target, prop, receiver) {
      if (prop === "fetchIssuesByIds" && faults.fetchByIds)
        return () => Promise.reject(new Error("tracker down"));
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const trackers: ProjectTrackers = {
    list: () =>
      Promise.resolve([{ ok: true, projectId: project.id, name: project.name, tracker: faulty }]),
    get: () => Promise.resolve({ projectId: project.id, name: project.name, tracker: faulty }),
  };
  const mock = createMockBackend({ scripts: o.scripts ?? {}, allow: true });
  const { logs, logger } = recordingLogger();
  const alerts = new AlertBoard(now);
  const wakes: WakeReason[] = [];
  const pause = { manual: false };
  /** Issues handed to the §8.5 focus-proposal analysis. */
  const finished: FinishedWork[] = [];
  let store: Store = await openStore({ dataDir, now });
  let dispatcher: Dispatcher;

  const build = async (): Promise<Dispatcher> => {
    const runTokens = new RunTokens(await loadRunTokenKey(store.serviceState));
    const real = f.attemptRunner({
      store,
      trackerFor: () => Promise.resolve(faulty),
      backendFor: () => mock,
      runTokens,
      logger,
      now,
    });
    const runner: AttemptRunner =
      o.runner ??
      ((input) =>
        real({
          ...input,
          project: f.project,
          routing: { ...input.routing, model: input.routing.model ?? "" },
        }));
    const deps: DispatchDeps = {
      store,
      alerts,
      logger: logger as unknown as DispatchDeps["logger"],
      config: { current: { config, secrets: o.secrets ?? [], envFile: null } },
      env,
      projects: () => Promise.resolve([project]),
      trackers,
      docs: { foci: () => BUILTIN_FOCI, providers: () => o.providers ?? [provider("prov-mock")] },
      workspace: worktrees,
      runAttempt: runner,
      suggestions: { recordFinished: (w) => Promise.resolve(void finished.push(w)) },
      now,
      wake: (r) => void wakes.push(r),
      paused: () => pause.manual,
    };
    return new Dispatcher(deps);
  };
  dispatcher = await build();
  open.push(async () => {
    await dispatcher.shutdown();
    await tracker.close();
    await store.close();
  });

  const h = {
    repo,
    dataDir,
    clone,
    project,
    config,
    tracker,
    mock,
    logs,
    alerts,
    wakes,
    pause,
    finished,
    faults,
    env,
    worktrees,
    get store(): Store {
      return store;
    },
    get dispatcher(): Dispatcher {
      return dispatcher;
    },
    now,
    advance(ms: number): void {
      nowMs += ms;
    },
    tick: (reasons: WakeReason[] = ["tick"]) => dispatcher.tick(reasons),
    async issue(title: string, extra: Partial<NewIssue> = {}): Promise<Issue> {
      return tracker.createIssue({
        title,
        description: `Do ${title}`,
        status: "Open",
        type: "task",
        ...extra,
      });
    },
    async get(id: string): Promise<Issue> {
      return (await tracker.getIssueDetail(id)).issue;
    },
    runsOf: (issueId: string) => store.runs.list({ issue_id: issueId, limit: 100 }),
    /** Waits until no attempt is active. */
    idle: () => waitFor(() => dispatcher.activeRunIds.length === 0, { what: "attempts to finish" }),
    worktreeOf: f.worktreeOf,
    git: f.git,
    /** A restart: the old dispatcher is dropped without shutdown (a crash), the store reopened. */
    async reopen(opts: { graceful?: boolean } = {}): Promise<Dispatcher> {
      if (opts.graceful) await dispatcher.shutdown();
      await store.close();
      store = await openStore({ dataDir, now });
      dispatcher = await build();
      return dispatcher;
    },
  };
  return h;
}

/** A silent logger with every method the orchestrator may call. */
export const silentLogger = pino({ level: "silent" });

/** An Orchestrator over the harness's store and alerts (no dispatcher attached). */
export function orchestratorOn(h: DispatchHarness): Orchestrator {
  return new Orchestrator({
    store: h.store,
    alerts: h.alerts,
    config: {
      current: {
        config: {
          polling: { interval_ms: 60_000 },
          data_dir: h.store.dataDir,
          observability: { agent_log_retention_days: 14 },
        },
        path: null,
        hash: "h",
      },
      lastError: null,
      checkNow: () => Promise.resolve(),
    },
    logger: silentLogger,
    now: h.now,
  });
}
