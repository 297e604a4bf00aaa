/**
 * Builds the run-attempt pipeline for the service: the backends that exist
 * (the mock backend, refused unless `OOMPAH_ALLOW_MOCK=1`), the `local` SCM,
 * run tokens signed with the store's key, and the shared worktree manager.
 * The dispatcher's input is adapted to the pipeline's shape here (the full
 * project document, the resolved model).
 */
import type { AgentBackend, BackendKind } from "../agents/backend.js";
import { createMockBackend } from "../agents/mock/index.js";
import type { ConfigReloader } from "../config/reloader.js";
import type { ProjectsStore } from "../documents/projects.js";
import { OompahError } from "../domain/errors.js";
import type { SecretRedactor } from "../domain/redaction.js";
import type { Logger } from "../logging/logger.js";
import { createAttemptRunner } from "../orchestrator/attempt.js";
import type { AttemptRunner } from "../orchestrator/ports.js";
import { loadRunTokenKey, RunTokens } from "../orchestrator/run-token.js";
import { clonePathFor } from "../projects/paths.js";
import { createLocalScm } from "../scm/local.js";
import type { Store } from "../store/db.js";
import type { ProjectTrackers } from "../trackers/project-trackers.js";
import type { WorktreeManager } from "../workspace/worktrees.js";

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
}

export interface Attempts {
  runTokens: RunTokens;
  build(workspace: WorktreeManager): AttemptRunner;
}

export async function prepareAttempts(w: AttemptWiring): Promise<Attempts> {
  const runTokens = new RunTokens(await loadRunTokenKey(w.store.serviceState));
  const mock = createMockBackend({ env: w.env });
  const backendFor = (kind: BackendKind): AgentBackend => {
    if (kind === "mock") return mock;
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
    build(workspace) {
      const run = createAttemptRunner({
        store: w.store,
        trackerFor: async (id) => (await w.trackers.get(id)).tracker,
        worktrees: workspace,
        backendFor,
        scmFor: (p) =>
          p.scm === "local"
            ? createLocalScm({
                clonePath: clonePathFor(dataDir(), p.name),
                defaultBranch: p.default_branch ?? "main",
                env: w.env,
              })
            : null,
        config: () => w.reloader.current,
        runTokens,
        dataDir: dataDir(),
        serverUrl: w.serverUrl,
        env: w.env,
        gitEnv: w.env,
        redact: (t) => w.redactor.redact(t),
        logger: w.logger.child({ component: "run" }),
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
