/**
 * Builds oompah_md trackers over real temp git repositories for the
 * integration tests: a bare origin, a managed checkout, and the adapter with
 * the test's git environment and instant push-retry pauses.
 */
import { git, makeRepoWithOrigin } from "../../helpers/sandbox.js";
import type { TrackerAlert } from "../../../src/trackers/oompah-md/index.js";
import {
  createOompahMdTracker,
  type OompahMdTrackerOptions,
} from "../../../src/trackers/oompah-md/index.js";

export type Repo = ReturnType<typeof makeRepoWithOrigin>;

/** A bare origin plus a clone whose directory name gives the `WORK` id prefix. */
export function makeRepo(files?: Record<string, string>): Repo {
  return makeRepoWithOrigin(files);
}

/** A tracker on `repo.work` with git sync on and alerts collected into `alerts`. */
export function makeTracker(
  repo: Repo,
  overrides: Partial<OompahMdTrackerOptions> = {},
): { tracker: ReturnType<typeof createOompahMdTracker>; alerts: TrackerAlert[] } {
  const alerts: TrackerAlert[] = [];
  const tracker = createOompahMdTracker({
    projectId: "proj-test",
    repoPath: repo.work,
    defaultBranch: "main",
    gitSync: true,
    commitDebounceMs: 60_000,
    identity: { name: "oompah-test", email: "oompah@test.invalid" },
    env: repo.env,
    sleep: () => Promise.resolve(),
    onAlert: (a) => alerts.push(a),
    ...overrides,
  });
  return { tracker, alerts };
}

/** Commit subjects on origin's main, newest first. */
export function originSubjects(repo: Repo): string[] {
  const out = git(repo.origin, repo.env, "log", "--format=%s", "main");
  return out === "" ? [] : out.split("\n");
}

/** Files tracked on origin's main under `.oompah/tasks`. */
export function originTaskFiles(repo: Repo): string[] {
  const out = git(repo.origin, repo.env, "ls-tree", "-r", "--name-only", "main", ".oompah/tasks");
  return out === "" ? [] : out.split("\n");
}
