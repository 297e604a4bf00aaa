/**
 * Implements the HTTP layer's ServiceApi port over the running pieces:
 * orchestrator (pause, wake), store (runs, retries, ledger, epoch), config
 * watcher and alert board. The snapshot is assembled here so the routes stay
 * thin and the orchestrator does not depend on wire types.
 */
import { redactConfig, type LoadedWorkflow } from "../config/load.js";
import type { AlertBoard } from "../orchestrator/alerts.js";
import { budgetStatus } from "../orchestrator/budget.js";
import type { Orchestrator } from "../orchestrator/orchestrator.js";
import type { ServiceApi, StateSnapshot } from "../server/service-api.js";
import type { Store } from "../store/db.js";
import { VERSION } from "../version.js";

export interface ServiceApiDeps {
  orchestrator: Orchestrator;
  store: Store;
  alerts: AlertBoard;
  config: {
    readonly current: LoadedWorkflow;
    readonly lastError: (StateSnapshot["config"]["last_error"] & { at?: string }) | null;
  };
  /** The registered projects for the snapshot (clone status, pause, webhooks). */
  projects?: { summaries(): Promise<StateSnapshot["projects"]> };
  now?: () => Date;
}

export function createServiceApi(deps: ServiceApiDeps): ServiceApi {
  const now = deps.now ?? (() => new Date());
  return {
    health: () => ({
      status: "ok",
      version: VERSION,
      epoch: deps.store.epoch,
      uptime_s: Math.round((now().getTime() - deps.orchestrator.startedAt.getTime()) / 1000),
    }),
    state: () => buildState(deps, now()),
    config: () => ({
      path: deps.config.current.path,
      hash: deps.config.current.hash,
      effective: redactConfig(deps.config.current),
      warnings: deps.config.current.warnings,
      last_error: deps.config.lastError,
    }),
    refresh: () => deps.orchestrator.wake("refresh_requested"),
  };
}

async function buildState(deps: ServiceApiDeps, at: Date): Promise<StateSnapshot> {
  const { config } = deps.config.current;
  const [active, retries, allTime] = await Promise.all([
    deps.store.runs.listActive(),
    deps.store.retries.list(),
    deps.store.ledger.totals({ kind: "run" }),
  ]);
  const budget = await budgetStatus(deps.store, config.agent, at);
  const pause = deps.orchestrator.paused;
  const view = deps.orchestrator.dispatcher?.view();
  const lastError = deps.config.lastError;
  return {
    version: VERSION,
    epoch: deps.store.epoch,
    started_at: deps.orchestrator.startedAt.toISOString(),
    paused: { manual: pause.manual, reason: pause.reason, budget: budget.exceeded },
    config: {
      path: deps.config.current.path,
      hash: deps.config.current.hash,
      loaded_at: deps.orchestrator.configLoaded.toISOString(),
      last_error: lastError ? { code: lastError.code, message: lastError.message } : null,
    },
    counts: { running: active.length, retrying: retries.length, candidates: view?.candidates ?? 0 },
    running: active.map((r) => ({
      ...r,
      error: undefined,
      title: view?.titles.get(r.run_id) ?? null,
    })),
    retrying: retries.map((r) => ({ ...r })),
    budget,
    totals: {
      input_tokens: allTime.input_tokens,
      output_tokens: allTime.output_tokens,
      cost_usd: allTime.cost_usd,
      seconds_running: active.reduce(
        (s, r) => s + Math.max(0, (at.getTime() - Date.parse(r.started_at)) / 1000),
        0,
      ),
    },
    alerts: deps.alerts.list().map(({ hint: _hint, ...a }) => a),
    projects: (await deps.projects?.summaries()) ?? [],
    cooldowns: view?.cooldowns ?? [],
    orphaned_in_progress: view?.orphaned ?? [],
  };
}
