/**
 * A real environment for the dispatcher: a bare origin and the project's
 * managed clone, the oompah_md tracker on it, a SQLite store, the real
 * WorktreeManager and the real run-attempt pipeline over the mock backend.
 * The clock is injected (`advance`), and ticks are driven by the test, so
 * nothing waits on wall time. `reopen()` simulates a restart on the same
 * data directory.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterEach } from "vitest";
import { createMockBackend, type MockScripts } from "../../../src/agents/mock/index.js";
import { resolveConfig } from "../../../src/config/resolve.js";
import { compileTemplate } from "../../../src/config/template.js";
import { ProjectSchema, type Project } from "../../../src/documents/project-schema.js";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import type { FinishedWork } from "../../../src/domain/focus-proposals.js";
import type { Issue, NewIssue } from "../../../src/domain/issue.js";
import { ProviderSchema, type Provider } from "../../../src/domain/provider.js";
import { pino } from "pino";
import { AlertBoard } from "../../../src/orchestrator/alerts.js";
import { Orchestrator } from "../../../src/orchestrator/orchestrator.js";
import { createAttemptRunner } from "../../../src/orchestrator/attempt.js";
import type { DispatchDeps } from "../../../src/orchestrator/dispatch-deps.js";
import { Dispatcher } from "../../../src/orchestrator/dispatcher.js";
import type { AttemptRunner, DispatchProject } from "../../../src/orchestrator/ports.js";
import { loadRunTokenKey, RunTokens } from "../../../src/orchestrator/run-token.js";
import type { WakeReason } from "../../../src/orchestrator/tick-loop.js";
import { clonePathFor } from "../../../src/projects/paths.js";
import { createLocalScm } from "../../../src/scm/local.js";
import { openStore, type Store } from "../../../src/store/db.js";
import {
  createOompahMdTracker,
  type OompahMdTracker,
} from "../../../src/trackers/oompah-md/index.js";
import type { ProjectTrackers } from "../../../src/trackers/project-trackers.js";
import type { TrackerAdapter } from "../../../src/trackers/tracker.js";
import { WorktreeManager } from "../../../src/workspace/worktrees.js";
import { git, makeRepoWithOrigin, waitFor } from "../../helpers/sandbox.js";

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.();
});

export function provider(id: string, extra: Record<string, unknown> = {}): Provider {
  return ProviderSchema.parse({
    id,
    name: id,
    backend: "mock",
    models: ["mock-1"],
    model_costs: { "mock-1": { input_per_1m: 1, output_per_1m: 2 } },
    ...extra,
  });
}

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
  const repo = makeRepoWithOrigin({ "README.md": "# sample\n", ".oompah/tasks/open/.gitkeep": "" });
  const dataDir = join(repo.root, "data");
  const projectDoc: Project = ProjectSchema.parse({
    id: "proj-test",
    name: "demo",
    repo_url: repo.origin,
    scm: "local",
    webhook_forwarding: false,
    default_branch: "main",
    git_author_name: "Oompah Bot",
    git_author_email: "bot@example.com",
  });
  const clone = clonePathFor(dataDir, projectDoc.name);
  execFileSync("git", ["clone", "-q", repo.origin, clone], { env: repo.env });
  const project: DispatchProject = {
    id: projectDoc.id,
    name: projectDoc.name,
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
  const { config } = resolveConfig({
    raw: {
      workspace: { root: join(repo.root, "ws") },
      data_dir: dataDir,
      ...o.config,
      agent: { shutdown_grace_ms: 500, stall_timeout_ms: 0, ...(o.config?.agent as object) },
    },
    env: {},
    serviceDir: repo.root,
  });
  const template = compileTemplate("");
  const env: Record<string, string | undefined> = { ...repo.env, ...o.env };
  let nowMs = Date.parse("2030-01-01T00:00:00.000Z");
  const now = () => new Date(nowMs);
  const tracker: OompahMdTracker = createOompahMdTracker({
    projectId: project.id,
    repoPath: clone,
    defaultBranch: "main",
    gitSync: false,
    commitDebounceMs: 0,
    identity: { name: "Oompah Bot", email: "bot@example.com" },
    env: repo.env,
    watch: false,
    snapshotPath: null,
  });
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
  const worktrees = new WorktreeManager({
    workspaceRoot: config.workspace.root,
    gitEnv: repo.env,
    tmpDir: repo.root,
  });
  const logs: string[] = [];
  const line = (level: string) => (obj: object, msg: string) =>
    void logs.push(`${level} ${msg} ${JSON.stringify(obj)}`);
  const logger = {
    info: line("info"),
    warn: line("warn"),
    error: line("error"),
    debug: line("debug"),
    child: () => logger,
  };
  const alerts = new AlertBoard(now);
  const wakes: WakeReason[] = [];
  const pause = { manual: false };
  /** Issues handed to the §8.5 focus-proposal analysis. */
  const finished: FinishedWork[] = [];
  let store: Store = await openStore({ dataDir, now });
  let dispatcher: Dispatcher;

  const build = async (): Promise<Dispatcher> => {
    const runTokens = new RunTokens(await loadRunTokenKey(store.serviceState));
    const real = createAttemptRunner({
      store,
      trackerFor: () => Promise.resolve(faulty),
      worktrees,
      backendFor: () => mock,
      scmFor: (p) =>
        createLocalScm({
          clonePath: clonePathFor(dataDir, p.name),
          defaultBranch: "main",
          env: repo.env,
        }),
      config: () => ({ config, template }),
      runTokens,
      dataDir,
      serverUrl: () => "http://127.0.0.1:9",
      env: repo.env,
      gitEnv: repo.env,
      logger,
      now,
      pushRetryDelaysMs: [1, 1, 1],
    });
    const runner: AttemptRunner =
      o.runner ??
      ((input) =>
        real({
          ...input,
          project: projectDoc,
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
    worktreeOf: (identifier: string) =>
      worktrees.pathFor(
        {
          name: project.name,
          clonePath: clone,
          defaultBranch: "main",
          identity: { name: "x", email: "y" },
        },
        identifier,
      ),
    git: (cwd: string, ...args: string[]) => git(cwd, repo.env, ...args),
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
