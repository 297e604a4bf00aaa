/**
 * Wires dispatch for the composition root: attaches the dispatcher to the
 * orchestrator over the project registry, the tracker registry, the routing
 * documents and a worktree manager, and implements the orchestrator and run
 * route ports over it and the store.
 */
import { join } from "node:path";
import type { ConfigReloader } from "../config/reloader.js";
import { OompahError } from "../domain/errors.js";
import type { Issue } from "../domain/issue.js";
import type { BoardIssueFacts } from "../issues/board.js";
import type { Logger } from "../logging/logger.js";
import type { Dispatcher } from "../orchestrator/dispatcher.js";
import type { Orchestrator } from "../orchestrator/orchestrator.js";
import type { AttemptRunner, DispatchProject } from "../orchestrator/ports.js";
import type { RunSignals } from "../orchestrator/run-signals.js";
import { orchestratorRoutes } from "../server/routes/orchestrator.js";
import { runRoutes, type RunsApi } from "../server/routes/runs.js";
import type { RouteDefinition } from "../server/route.js";
import type { Store } from "../store/db.js";
import type { ProjectTrackers } from "../trackers/project-trackers.js";
import { WorktreeManager } from "../workspace/worktrees.js";
import type { StateDocuments } from "./documents.js";

export interface DispatchWiring {
  orchestrator: Orchestrator;
  store: Store;
  reloader: ConfigReloader;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  documents: StateDocuments;
  projects: () => Promise<readonly DispatchProject[]>;
  trackers: ProjectTrackers;
  /** Builds the run-attempt pipeline over the shared worktree manager; null = no dispatch. */
  attempts?: ((workspace: WorktreeManager) => AttemptRunner) | null;
  /** The attempts' run signals (agents' finish / question). */
  signals: RunSignals;
}

export interface DispatchModule {
  dispatcher: Dispatcher;
  workspace: WorktreeManager;
  routes: RouteDefinition[];
  /** The issue detail's `skip_reason` hook. */
  skipReason(projectId: string, issueId: string): Promise<string | null>;
  /** The board's per-issue focus, spend and skip reason. */
  boardFacts(issues: readonly Issue[]): Promise<Record<string, BoardIssueFacts>>;
}

export function wireDispatch(w: DispatchWiring): DispatchModule {
  const config = () => w.reloader.current.config;
  const workspace = new WorktreeManager({
    workspaceRoot: config().workspace.root,
    gitEnv: w.env,
    tmpDir: join(config().data_dir, "tmp"),
    logger: w.logger.child({ component: "workspace" }),
  });
  const dispatcher = w.orchestrator.attachDispatcher({
    config: w.reloader,
    env: w.env,
    projects: w.projects,
    trackers: w.trackers,
    docs: { foci: () => w.documents.foci.all(), providers: () => w.documents.providers.list() },
    workspace,
    runAttempt: w.attempts ? w.attempts(workspace) : null,
    suggestions: w.documents.suggestions,
  });
  const runs = runsApi(w.store, dispatcher, w.signals);
  const routes = [
    ...orchestratorRoutes({
      pause: async (reason) => {
        await w.orchestrator.setPause(true, reason);
        return w.orchestrator.paused;
      },
      resume: async () => {
        await w.orchestrator.setPause(false);
        return w.orchestrator.paused;
      },
      dispatch: (pid, iid) => dispatcher.dispatchNow(pid, iid),
    }),
    ...runRoutes(runs),
  ];
  return {
    dispatcher,
    workspace,
    routes,
    skipReason: (pid, iid) => dispatcher.skipReason(pid, iid),
    boardFacts: (issues) => dispatcher.boardFacts(issues),
  };
}

export function runsApi(store: Store, dispatcher: Dispatcher, signals: RunSignals): RunsApi {
  const get = async (runId: string) => {
    const run = await store.runs.get(runId);
    if (!run)
      throw new OompahError("run_not_found", `no run ${runId}`, { details: { run_id: runId } });
    return run;
  };
  return {
    list: (filter) => store.runs.list(filter),
    get,
    async activity(runId, after, limit) {
      const rows = await store.runActivity.list(runId, { after, limit });
      return rows.map((r) => ({ n: r.n, ts: r.ts, type: r.type, data: r.payload }));
    },
    async cancel(runId) {
      const run = await get(runId);
      if (run.phase === "finished" || !(await dispatcher.cancel(runId)))
        throw new OompahError("conflict", `run ${runId} is not active`, {
          details: { run_id: runId, phase: run.phase, outcome: run.outcome },
        });
      return get(runId);
    },
    async signal(runId, signal) {
      const run = await get(runId);
      if (run.phase !== "running")
        throw new OompahError("conflict", `run ${runId} is not running`, {
          hint: "signals are accepted only while the run's agent session is running",
          details: { run_id: runId, phase: run.phase, outcome: run.outcome },
        });
      await signals.send(runId, signal);
    },
  };
}
