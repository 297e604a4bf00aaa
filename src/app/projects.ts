/**
 * Wires the project registry for the composition root: projects.json (on
 * the state-directory watcher, so a hand edit that adds a project starts its
 * clone), the clone manager over `project_runtime`, and the ProjectService
 * the routes call. `start()` runs after the HTTP server is up (§7.10).
 */
import type { ConfigReloader } from "../config/reloader.js";
import { ProjectsStore } from "../documents/projects.js";
import type { Logger } from "../logging/logger.js";
import { CloneManager } from "../projects/clone-manager.js";
import { ProjectService, type ProjectChangedEvent } from "../projects/project-service.js";
import type { Store } from "../store/db.js";
import type { StateDocuments } from "./documents.js";

export interface ProjectRegistry {
  readonly store: ProjectsStore;
  readonly clones: CloneManager;
  readonly service: ProjectService;
  /** Ensures every managed clone (asynchronously). */
  start(): void;
  stop(): Promise<void>;
}

export interface ProjectRegistryOptions {
  documents: StateDocuments;
  store: Store;
  config: Pick<ConfigReloader, "current">;
  /** Base environment for git child processes. */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  onChange: (event: ProjectChangedEvent) => void;
  beforeRemove: (projectId: string, opts: { purge: boolean }) => Promise<void>;
}

export async function openProjectRegistry(opts: ProjectRegistryOptions): Promise<ProjectRegistry> {
  const { documents, logger } = opts;
  const file = documents.paths.projects;
  const projects = new ProjectsStore(file, documents.secrets);
  const first = await projects.load();
  if (first.error)
    logger.error({ component: "documents", code: first.error.code, file }, first.error.message);
  documents.watcher.report(file, first.error);
  for (const w of await projects.migratePlaintextSecrets().catch(() => []))
    logger.warn({ component: "documents", code: w.code, path: w.path }, w.message);

  // Every change also reaches the live channel, so dashboards follow clone status,
  // pause and settings without polling (§17.4, §17.5 /projects-manage).
  const changed = (event: ProjectChangedEvent, status?: "cloning" | "ready" | "error"): void => {
    opts.onChange(event);
    opts.store.events
      .append({
        type: "project_changed",
        project_id: event.project_id === "*" ? null : event.project_id,
        payload: { project_id: event.project_id, reason: event.reason, ...(status && { status }) },
      })
      .catch((err: unknown) =>
        logger.warn(
          { component: "live", err: err instanceof Error ? err.message : String(err) },
          "could not record project_changed",
        ),
      );
  };
  const config = () => opts.config.current.config;
  const clones = new CloneManager({
    dataDir: config().data_dir,
    runtime: opts.store.projectRuntime,
    env: opts.env,
    logger,
    onDefaultBranch: async (id, branch) => {
      if (projects.get(id)?.default_branch === null)
        await projects.update(id, { default_branch: branch });
    },
    onStatus: (id, status) =>
      changed({ type: "project_changed", project_id: id, reason: "status" }, status),
  });
  const service = new ProjectService({
    projects,
    clones,
    runtime: opts.store.projectRuntime,
    settings: () => ({
      trackerKind: config().tracker.kind,
      serverHost: config().server.host,
      allowLocalRepoPaths: config().server.allow_local_repo_paths,
      workspaceRoot: config().workspace.root,
    }),
    onChange: changed,
    beforeRemove: opts.beforeRemove,
  });
  let started = false;
  documents.watcher.add(file, {
    reload: async () => {
      const result = await projects.reload();
      if (result.changed && started) {
        for (const p of projects.list())
          if (!clones.isCloned(p) && !clones.isBusy(p.id)) void clones.ensure(p);
        changed({ type: "project_changed", project_id: "*", reason: "updated" });
      }
      return result;
    },
  });
  return {
    store: projects,
    clones,
    service,
    start: () => {
      started = true;
      service.ensureAll();
    },
    stop: () => clones.stop(),
  };
}
