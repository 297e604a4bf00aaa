/**
 * The two ways `oompah project …` reaches the registry (SPEC §18): through
 * the server API (default), or `--offline`, editing `.oompah/projects.json`
 * of the service directory directly — the running service hot-reloads it,
 * and a stopped one clones at its next start.
 */
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { loadWorkflow } from "../../config/load.js";
import { ProjectsStore } from "../../documents/projects.js";
import type { Project } from "../../documents/project-schema.js";
import { SecretBox } from "../../documents/secrets.js";
import { stateDocumentPaths } from "../../documents/state-dir.js";
import { assertContained, clonePathFor, worktreeRootFor } from "../../projects/paths.js";
import { draftFromInput } from "../../projects/project-input.js";
import { toProjectView } from "../../projects/project-view.js";
import type { ProjectCreateInput, ProjectView } from "../../projects/project-wire.js";
import type { ApiClient } from "../api-client.js";

export interface RemovedProject {
  id: string;
  name: string;
  purged: boolean;
}

/** What the project commands need, whichever way they reach the registry. */
export interface ProjectBackend {
  readonly mode: "server" | "offline";
  add(input: ProjectCreateInput): Promise<ProjectView>;
  list(): Promise<ProjectView[]>;
  get(idOrName: string): Promise<ProjectView>;
  remove(idOrName: string, purge: boolean): Promise<RemovedProject>;
}

const enc = encodeURIComponent;

export function serverBackend(client: ApiClient): ProjectBackend {
  return {
    mode: "server",
    add: (input) => client.post<ProjectView>("/api/v1/projects", input),
    list: async () => (await client.get<{ projects: ProjectView[] }>("/api/v1/projects")).projects,
    get: (p) => client.get<ProjectView>(`/api/v1/projects/${enc(p)}`),
    remove: (p, purge) =>
      client.delete<RemovedProject>(`/api/v1/projects/${enc(p)}${purge ? "?purge=true" : ""}`),
  };
}

/** Edits projects.json next to the WORKFLOW.md found from `cwd` (or in `cwd`). */
export async function offlineBackend(opts: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  workflow?: string;
}): Promise<ProjectBackend> {
  const loaded = await loadWorkflow({
    cwd: opts.cwd,
    env: opts.env,
    ...(opts.workflow === undefined ? {} : { path: opts.workflow }),
  });
  const { config } = loaded;
  const store = new ProjectsStore(
    stateDocumentPaths(loaded.serviceDir).projects,
    new SecretBox({ env: opts.env, dataDir: config.data_dir }),
  );
  const first = await store.load();
  if (first.error) throw first.error;
  const clonePath = (p: Project): string => clonePathFor(config.data_dir, p.name);
  // No store access offline (a running service holds the lock): a clone on disk means ready.
  const view = (p: Project): ProjectView =>
    toProjectView(
      p,
      existsSync(`${clonePath(p)}/.git`)
        ? {
            project_id: p.id,
            clone_status: "ready",
            clone_error: null,
            last_sync_at: null,
            last_webhook_at: null,
            forwarder_state: null,
            forwarder_restarts: 0,
            updated_at: "",
          }
        : undefined,
      clonePath(p),
    );
  return {
    mode: "offline",
    add: async (input) => {
      const settings = {
        trackerKind: config.tracker.kind,
        serverHost: config.server.host,
        allowLocalRepoPaths: true,
      };
      return view(await store.create(draftFromInput(input, settings, true)));
    },
    list: () => Promise.resolve(store.list().map(view)),
    get: (p) => Promise.resolve(view(store.require(p))),
    remove: async (p, purge) => {
      const removed = await store.remove(p);
      if (purge) {
        await rm(clonePath(removed), { recursive: true, force: true });
        const dir = worktreeRootFor(config.workspace.root, removed.name);
        assertContained(config.workspace.root, dir);
        await rm(dir, { recursive: true, force: true });
      }
      return { id: removed.id, name: removed.name, purged: purge };
    },
  };
}
