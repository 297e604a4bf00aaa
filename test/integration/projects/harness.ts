/**
 * A real project registry behind the real HTTP app: SQLite store, JSON
 * document, clone manager running git on temp repositories. `security`
 * decides the bind the local-path rule sees.
 */
import { join } from "node:path";
import { afterEach } from "vitest";
import { ProjectsStore } from "../../../src/documents/projects.js";
import { SecretBox } from "../../../src/documents/secrets.js";
import { CloneManager } from "../../../src/projects/clone-manager.js";
import { ProjectService, type ProjectChangedEvent } from "../../../src/projects/project-service.js";
import type { ProjectView, WorktreeInfo } from "../../../src/projects/project-wire.js";
import { createHttpApp } from "../../../src/server/app.js";
import { projectRoutes } from "../../../src/server/routes/projects.js";
import { openStore, type Store } from "../../../src/store/db.js";
import { gitEnv, tempDir, waitFor } from "../../helpers/sandbox.js";

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.();
});

/** Any reply of the project API (a view, a list, a removal or an error envelope). */
export type ApiReply = Partial<Omit<ProjectView, "error">> & {
  error?: {
    code: string;
    message: string;
    hint?: string;
    details?: { issues?: Array<{ path: string; message: string }> };
  } | null;
  projects?: ProjectView[];
  worktrees?: WorktreeInfo[];
  removed?: boolean;
  purged?: boolean;
};

export interface Harness {
  dir: string;
  dataDir: string;
  workspaceRoot: string;
  projectsFile: string;
  store: Store;
  projects: ProjectsStore;
  clones: CloneManager;
  service: ProjectService;
  events: ProjectChangedEvent[];
  request(path: string, init?: RequestInit): Promise<Response>;
  json(method: string, path: string, body?: unknown): Promise<{ status: number; body: ApiReply }>;
  waitStatus(id: string, status: ProjectView["status"]): Promise<ProjectView>;
}

export async function makeHarness(
  opts: { host?: string; allowLocalRepoPaths?: boolean } = {},
): Promise<Harness> {
  const dir = tempDir("oompah-proj-");
  const dataDir = join(dir, "home");
  const workspaceRoot = join(dir, "worktrees");
  const projectsFile = join(dir, ".oompah", "projects.json");
  const store = await openStore({ dataDir });
  const projects = new ProjectsStore(projectsFile, new SecretBox({ env: {}, dataDir }));
  await projects.load();
  const events: ProjectChangedEvent[] = [];
  const clones = new CloneManager({
    dataDir,
    runtime: store.projectRuntime,
    env: gitEnv(dir),
    onDefaultBranch: async (id, branch) => {
      await projects.update(id, { default_branch: branch });
    },
  });
  const host = opts.host ?? "127.0.0.1";
  const service = new ProjectService({
    projects,
    clones,
    runtime: store.projectRuntime,
    settings: () => ({
      trackerKind: "oompah_md",
      serverHost: host,
      allowLocalRepoPaths: opts.allowLocalRepoPaths ?? false,
      workspaceRoot,
    }),
    onChange: (e) => events.push(e),
  });
  open.push(async () => {
    await clones.stop();
    await store.close();
  });
  const app = createHttpApp({
    routes: projectRoutes(service),
    security: () => ({
      host,
      port: 4567,
      apiToken: null,
      allowedHosts: ["oompah.test"],
      allowedOrigins: [],
      maxBodyBytes: 1 << 20,
      sessionSecret: Buffer.alloc(32, 1),
    }),
  });
  const request = async (path: string, init: RequestInit = {}): Promise<Response> =>
    app.request(`http://oompah.test:4567${path}`, init);
  const json = async (method: string, path: string, body?: unknown) => {
    const res = await request(path, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    return { status: res.status, body: (await res.json()) as ApiReply };
  };
  const waitStatus = (id: string, status: ProjectView["status"]) =>
    waitFor(
      async () => {
        const r = await json("GET", `/api/v1/projects/${id}`);
        return r.body.status === status ? (r.body as ProjectView) : null;
      },
      { what: `project ${id} ${status}` },
    );
  return {
    dir,
    dataDir,
    workspaceRoot,
    projectsFile,
    store,
    projects,
    clones,
    service,
    events,
    request,
    json,
    waitStatus,
  };
}
