/**
 * A real service on a real project, set up the way an operator would: tasks
 * seeded on the project's origin through a throw-away oompah_md tracker, and a
 * service directory holding WORKFLOW.md and the `.oompah/projects.json` and
 * `.oompah/providers.json` documents.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Issue, NewIssue } from "../../src/domain/issue.js";
import { createOompahMdTracker, type OompahMdTracker } from "../../src/trackers/oompah-md/index.js";
import { makeRepoWithOrigin, tempDir } from "./sandbox.js";

export type TaskRepo = ReturnType<typeof makeRepoWithOrigin>;

/** A bare origin and a clone whose first commit holds a README and an empty oompah_md task folder. */
export function taskRepo(): TaskRepo {
  return makeRepoWithOrigin({ "README.md": "# sample\n", ".oompah/tasks/open/.gitkeep": "" });
}

/**
 * An oompah_md tracker on the checkout at `repoPath` that commits locally and
 * at once: no git sync, no file watcher, no persisted snapshot.
 */
export function localTracker(
  projectId: string,
  repoPath: string,
  env: NodeJS.ProcessEnv,
): OompahMdTracker {
  return createOompahMdTracker({
    projectId,
    repoPath,
    defaultBranch: "main",
    gitSync: false,
    commitDebounceMs: 0,
    identity: { name: "Oompah Bot", email: "bot@example.com" },
    env,
    watch: false,
    snapshotPath: null,
  });
}

/**
 * A {@link taskRepo} with `tasks` (status Open unless given) created by an
 * oompah_md tracker on its clone and pushed to origin; the tasks as stored.
 */
export async function seedTasks(
  projectId: string,
  tasks: NewIssue[],
): Promise<{ repo: TaskRepo; issues: Issue[] }> {
  const repo = taskRepo();
  const seed = createOompahMdTracker({
    projectId,
    repoPath: repo.work,
    defaultBranch: "main",
    gitSync: true,
    commitDebounceMs: 0,
    identity: { name: "Seeder", email: "seed@example.com" },
    env: repo.env,
    watch: false,
    snapshotPath: null,
  });
  try {
    const issues: Issue[] = [];
    for (const task of tasks) issues.push(await seed.createIssue({ status: "Open", ...task }));
    await seed.flush();
    return { repo, issues };
  } finally {
    await seed.close();
  }
}

/** A `projects.json` entry for a project cloned from `origin` with the `local` SCM. */
export function localProject(
  id: string,
  name: string,
  origin: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { id, name, repo_url: origin, scm: "local", default_branch: "main", ...extra };
}

/** A `providers.json` entry for the mock backend, with prices so runs have a cost. */
export const MOCK_PROVIDER = {
  id: "prov-mock",
  name: "Mock",
  backend: "mock",
  models: ["mock-1"],
  model_costs: { "mock-1": { input_per_1m: 1, output_per_1m: 2 } },
};

export interface ServiceDocs {
  /** WORKFLOW.md (default: no stall timeout, a one-line prompt). */
  workflow?: string;
  projects: unknown[];
  providers: unknown[];
}

/** Writes WORKFLOW.md and `.oompah/projects.json` + `providers.json` into `dir`; returns `dir`. */
export function serviceDir(docs: ServiceDocs, dir = tempDir("oompah-svc-")): string {
  writeFileSync(
    join(dir, "WORKFLOW.md"),
    docs.workflow ?? "---\nagent:\n  stall_timeout_ms: 0\n---\nWork on {{ issue.title }}.\n",
  );
  const state = join(dir, ".oompah");
  mkdirSync(state, { recursive: true });
  writeFileSync(join(state, "projects.json"), JSON.stringify(docs.projects));
  writeFileSync(join(state, "providers.json"), JSON.stringify(docs.providers));
  return dir;
}
