/**
 * Composition of the issues feature: the tracker registry over the project
 * registry and the hot-reloaded config, the issue service with its
 * orchestrator wake and run lookup, and its HTTP routes. `app.ts` builds it
 * once and closes it at shutdown (flushing pending tracker commits).
 */
import type { LoadedWorkflow } from "../config/load.js";
import { issueInternalKey } from "../domain/dispatch.js";
import { IssueService, type IssueServiceDeps } from "../issues/issue-service.js";
import type { Logger } from "../logging/logger.js";
import type { AlertBoard } from "../orchestrator/alerts.js";
import { issueCostStatus } from "../orchestrator/budget.js";
import type { ProjectView } from "../projects/project-wire.js";
import { issueRoutes } from "../server/routes/issues.js";
import type { RouteDefinition } from "../server/route.js";
import type { Store } from "../store/db.js";
import type { RunsRepo } from "../store/runs.js";
import { TrackerRegistry, type TrackerProject } from "../trackers/registry.js";

/** The project fields the tracker registry is built from. */
export type TrackerProjectView = Pick<
  ProjectView,
  | "id"
  | "name"
  | "status"
  | "error_message"
  | "clone_path"
  | "default_branch"
  | "tracker_kind"
  | "tracker_settings"
  | "git_author_name"
  | "git_author_email"
>;

export interface IssuesDeps {
  /** Registered projects with their clone status (the project service's `list`). */
  projects: () => Promise<readonly TrackerProjectView[]>;
  config: { readonly current: LoadedWorkflow };
  env: NodeJS.ProcessEnv;
  logger: Logger;
  alerts: AlertBoard;
  runs: RunsRepo;
  /** Spend and cost-cap overrides for the issue detail's `cost` (§13.3). */
  costs: Pick<Store, "ledger" | "issueOverrides">;
  /**
   * Wakes the orchestrator (`issue_mutated`): after every mutation through the
   * service (with its issue) and when task files changed outside it (without).
   */
  wake: (projectId: string, issueId?: string) => void;
  /** The issue detail's `skip_reason` (the dispatcher's eligibility check). */
  skipReason?: (projectId: string, issueId: string) => Promise<string | null>;
  /** The board's per-issue focus, spend and skip reason (the dispatcher's view). */
  boardFacts?: IssueServiceDeps["boardFacts"];
}

export interface IssuesModule {
  registry: TrackerRegistry;
  service: IssueService;
  routes: RouteDefinition[];
  stop(): Promise<void>;
}

/** The registry's view of a project: project settings merged over the global `tracker.*`. */
export function trackerProjectOf(
  p: TrackerProjectView,
  config: LoadedWorkflow["config"],
): TrackerProject {
  return {
    id: p.id,
    name: p.name,
    status: p.status,
    error_message: p.error_message,
    repoPath: p.clone_path,
    defaultBranch: p.default_branch ?? "main",
    trackerKind: p.tracker_kind ?? config.tracker.kind,
    trackerSettings: { ...config.tracker.settings, ...p.tracker_settings },
    identity: { name: p.git_author_name, email: p.git_author_email },
  };
}

export function createIssues(deps: IssuesDeps): IssuesModule {
  const cfg = () => deps.config.current.config;
  const log = deps.logger.child({ component: "trackers" });
  const registry = new TrackerRegistry({
    projects: async () => (await deps.projects()).map((p) => trackerProjectOf(p, cfg())),
    settings: () => ({
      gitSync: cfg().tracker.git_sync,
      commitDebounceMs: cfg().tracker.commit_debounce_ms,
      fetchIntervalMs: cfg().polling.interval_ms,
    }),
    env: deps.env,
    onAlert: (projectId, a) => {
      log.warn({ project: projectId, code: a.code }, a.message);
      deps.alerts.raise({
        code: a.code,
        severity: "warning",
        message: a.message,
        project_id: projectId,
      });
    },
    onChange: (projectId) => deps.wake(projectId),
    onWarning: (projectId, w) =>
      log.warn({ project: projectId, code: w.code, path: w.path }, w.message),
    onCloseError: (projectId, err) =>
      log.error({ project: projectId, code: err.code }, err.message),
  });
  const service = new IssueService({
    trackers: registry,
    onMutated: (projectId, issueId) => deps.wake(projectId, issueId),
    runsFor: (projectId, issueId) =>
      deps.runs.list({ project_id: projectId, issue_id: issueId, limit: 20 }),
    terminalStates: () => cfg().tracker.terminal_states,
    cost: (projectId, issueId) =>
      issueCostStatus(
        deps.costs,
        issueInternalKey({ project_id: projectId, id: issueId }),
        cfg().agent.max_cost_per_issue,
      ),
    ...(deps.skipReason ? { skipReason: deps.skipReason } : {}),
    ...(deps.boardFacts ? { boardFacts: deps.boardFacts } : {}),
  });
  return { registry, service, routes: issueRoutes(service), stop: () => registry.close() };
}
