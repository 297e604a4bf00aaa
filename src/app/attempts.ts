/**
 * Builds the run-attempt pipeline for the service: the backends that exist
 * (the mock backend, refused unless `OOMPAH_ALLOW_MOCK=1`), the `local` SCM,
 * run tokens signed with the store's key, and the shared worktree manager.
 * The dispatcher's input is adapted to the pipeline's shape here (the full
 * project document, the resolved model).
 */
import { createApiBackend } from "../agents/api/backend.js";
import { buildToolSet, issueServicePort, scopedTaskRunner } from "../agents/api/tools/index.js";
import type { IssueService } from "../issues/issue-service.js";
import type { AgentBackend, BackendKind } from "../agents/backend.js";
import { createMockBackend } from "../agents/mock/index.js";
import type { ConfigReloader } from "../config/reloader.js";
import type { ProjectsStore } from "../documents/projects.js";
import { OompahError } from "../domain/errors.js";
import type { Provider } from "../domain/provider.js";
import type { SecretRedactor } from "../domain/redaction.js";
import type { Logger } from "../logging/logger.js";
import { createAttemptRunner } from "../orchestrator/attempt.js";
import type { AttemptRunner } from "../orchestrator/ports.js";
import { RunSignals } from "../orchestrator/run-signals.js";
import { loadRunTokenKey, RunTokens } from "../orchestrator/run-token.js";
import type { ModelPricer } from "../providers/pricing.js";
import type { Store } from "../store/db.js";
import type { ProjectTrackers } from "../trackers/project-trackers.js";
import type { WorktreeManager } from "../workspace/worktrees.js";
import { scmForProject } from "./scm.js";

export interface AttemptWiring {
  store: Store;
  reloader: ConfigReloader;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  redactor: SecretRedactor;
  projects: ProjectsStore;
  trackers: ProjectTrackers;
  /** `OOMPAH_SERVER_URL` handed to agents. */
  serverUrl: () => string;
  /** Backs the in-process `oompah task` of `run_command`, with each run's scope. */
  issues: IssueService;
  /** Pause between the mock agent's turns (the demo's `--pace`). */
  demoPauseMs?: number;
  /** The service's pricer (raises `model_price_unknown` once per model). */
  pricer?: ModelPricer;
  /**
   * A provider's key for the api backend (providers store: `api_key_env`, else
   * the stored key); throws `secret_unavailable`. Default: `api_key_env` only.
   */
  apiKey?: (provider: Provider) => string | null;
}

export interface Attempts {
  runTokens: RunTokens;
  /** Where `POST /api/v1/runs/{id}/finish|question` hands signals to running sessions. */
  signals: RunSignals;
  build(workspace: WorktreeManager): AttemptRunner;
}

export async function prepareAttempts(w: AttemptWiring): Promise<Attempts> {
  const runTokens = new RunTokens(await loadRunTokenKey(w.store.serviceState));
  const signals = new RunSignals();
  const mock = createMockBackend({
    env: w.env,
    ...(w.demoPauseMs === undefined ? {} : { demoPauseMs: w.demoPauseMs }),
  });
  const api = createApiBackend({
    apiKey: w.apiKey ?? ((p) => (p.api_key_env ? (w.env[p.api_key_env] ?? null) : null)),
    onRetry: ({ runId, ...retry }) =>
      w.logger.warn({ component: "api", run_id: runId, ...retry }, "provider request retried"),
  });
  const backendFor = (kind: BackendKind): AgentBackend => {
    if (kind === "mock") return mock;
    if (kind === "api") return api;
    throw new OompahError(
      "backend_unavailable",
      `the ${kind} backend is not available in this version`,
      {
        hint: "use a provider with another backend",
      },
    );
  };
  const dataDir = () => w.reloader.current.config.data_dir;
  return {
    runTokens,
    signals,
    build(workspace) {
      const run = createAttemptRunner({
        store: w.store,
        trackerFor: async (id) => (await w.trackers.get(id)).tracker,
        worktrees: workspace,
        backendFor,
        toolsFor: (r) => {
          const scope = {
            runId: r.runId,
            projectId: r.projectId,
            issueId: r.issueId,
            identifier: r.identifier,
          };
          const agent = w.reloader.current.config.agent;
          return buildToolSet({
            env: r.env,
            commandTimeoutMs: agent.command_timeout_ms,
            loginShell: agent.login_shell,
            taskCommand: scopedTaskRunner(
              scope,
              issueServicePort(w.issues, { kind: "run", scope }, signals),
            ),
          });
        },
        scmFor: (p) => scmForProject(p, { dataDir: dataDir(), env: w.env }),
        config: () => w.reloader.current,
        runTokens,
        signals,
        dataDir: dataDir(),
        serverUrl: w.serverUrl,
        env: w.env,
        gitEnv: w.env,
        redact: (t) => w.redactor.redact(t),
        logger: w.logger.child({ component: "run" }),
        ...(w.pricer ? { pricer: w.pricer } : {}),
      });
      return (input) =>
        run({
          ...input,
          project: w.projects.require(input.project.id),
          routing: { ...input.routing, model: input.routing.model ?? "" },
        });
    },
  };
}
