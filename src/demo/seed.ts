/**
 * Builds the demo's repository: the sample project committed on `main`, a
 * bare "origin" it is pushed to, and the seeded native tasks written through
 * the real `oompah_md` adapter (so their files are exactly what the tracker
 * writes) and pushed too. The service then clones the origin like any project.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Issue } from "../domain/issue.js";
import { git } from "../git/git.js";
import { createOompahMdTracker } from "../trackers/oompah-md/index.js";
import type { DemoPaths } from "./sandbox.js";
import { SAMPLE_FILES } from "./sample-project.js";
import { DEMO_TASKS } from "./tasks.js";

const SEED_IDENTITY = { name: "oompah demo", email: "demo@oompah.invalid" };

/**
 * Commits `files` on `main` of a new repository at `paths.seedRepo` and pushes
 * it to a new bare origin at `paths.origin` (the seed repository tracks it).
 */
export async function createOrigin(
  paths: DemoPaths,
  env: NodeJS.ProcessEnv,
  files: Readonly<Record<string, string>>,
  message: string,
): Promise<void> {
  const run = (cwd: string, ...args: string[]) => git(args, { cwd, env });
  for (const [rel, content] of Object.entries(files)) {
    const file = join(paths.seedRepo, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  await run(paths.seedRepo, "init", "-q", "-b", "main");
  await run(paths.seedRepo, "add", "-A");
  await run(paths.seedRepo, "commit", "-q", "-m", message);
  await run(paths.root, "init", "-q", "--bare", "-b", "main", paths.origin);
  await run(paths.seedRepo, "remote", "add", "origin", paths.origin);
  await run(paths.seedRepo, "push", "-q", "-u", "origin", "main");
}

/** Creates the origin with the sample project and the seeded tasks; returns the tasks. */
export async function seedRepository(paths: DemoPaths, env: NodeJS.ProcessEnv): Promise<Issue[]> {
  await createOrigin(paths, env, SAMPLE_FILES, "Initial commit: tiny-greeter");

  const tracker = createOompahMdTracker({
    projectId: "demo-seed",
    repoPath: paths.seedRepo,
    defaultBranch: "main",
    gitSync: true,
    commitDebounceMs: 0,
    identity: SEED_IDENTITY,
    env,
    watch: false,
    snapshotPath: null,
  });
  try {
    const issues: Issue[] = [];
    for (const task of DEMO_TASKS)
      issues.push(await tracker.createIssue({ ...task, status: "Open" }));
    await tracker.flush();
    return issues;
  } finally {
    await tracker.close();
  }
}
