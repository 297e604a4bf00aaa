/**
 * The real service with a mock provider whose demo agent pauses inside its
 * first turn, so a test can act as the agent of a running run: the
 * `before_run` hook writes the run's `OOMPAH_*` environment (exactly what the
 * agent and its commands get, §19.5) to a file, and the test signals with it
 * — through `oompah task` as a child process or the API over the Unix socket.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ApiClient } from "../../../src/cli/api-client.js";
import type { Issue } from "../../../src/domain/issue.js";
import type { Run } from "../../../src/store/runs.js";
import { spawnOompah } from "../../helpers/oompah-process.js";
import { git, tempDir, waitFor } from "../../helpers/sandbox.js";
import { serviceEnv, startTestService } from "../../helpers/service.js";
import { MOCK_PROVIDER, localProject, seedTasks, serviceDir } from "../../helpers/service-dir.js";

const slow = { timeoutMs: 60_000, intervalMs: 50 };

export interface SignalServiceOptions {
  /** Titles of the Open tasks seeded on origin before the service starts. */
  tasks: string[];
  /** The provider document (default: the mock provider, whose demo agent pauses). */
  provider?: Record<string, unknown>;
  /** Added to the service environment (e.g. the provider's key). */
  env?: NodeJS.ProcessEnv;
}

/** A running run as its agent sees it. */
export interface AgentView {
  run: Run;
  /** The run's `OOMPAH_*` variables plus PATH and HOME: an agent command's environment. */
  env: NodeJS.ProcessEnv;
  /** `OOMPAH_SERVER_URL` with the run token: the agent's API client. */
  api: ApiClient;
}

export async function signalService(o: SignalServiceOptions) {
  const { repo, issues } = await seedTasks(
    "proj-sig",
    o.tasks.map((title) => ({ title, description: `Do ${title}.`, type: "task" })),
  );
  const dir = tempDir("oompah-sig-");
  const envDir = join(dir, "agent-env");
  mkdirSync(envDir);
  serviceDir(
    {
      workflow: [
        "---",
        "agent:",
        "  stall_timeout_ms: 0",
        "  shutdown_grace_ms: 1000",
        "hooks:",
        "  before_run: |",
        `    printenv | grep '^OOMPAH_' > '${envDir}'/"$OOMPAH_RUN_ID"`,
        "---",
        "Work on {{ issue.identifier }}: {{ issue.title }}.",
        "",
      ].join("\n"),
      projects: [localProject("proj-sig", "sig", repo.origin)],
      providers: [o.provider ?? MOCK_PROVIDER],
    },
    dir,
  );
  // The demo agent sleeps this long between its turns: the run stays in flight until signalled.
  const svc = await startTestService({
    cwd: dir,
    env: { ...serviceEnv(dir), OOMPAH_ALLOW_MOCK: "1", ...o.env },
    demoPauseMs: 600_000,
  });
  const operator = new ApiClient({ server: svc.url });
  const runsOf = (issueId: string) => svc.service.store.runs.list({ issue_id: issueId });

  return {
    repo,
    issues,
    svc,
    operator,
    runsOf,
    /** Waits until `issue` has a run in phase `running` and returns it as its agent sees it. */
    async agentOf(issue: Issue): Promise<AgentView> {
      const run = await waitFor(
        async () =>
          (await runsOf(issue.id)).find(
            (r) => r.phase === "running" && existsSync(join(envDir, r.run_id)),
          ),
        { what: `a running run of ${issue.identifier}`, ...slow },
      );
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir };
      for (const line of readFileSync(join(envDir, run.run_id), "utf8").split("\n")) {
        const eq = line.indexOf("=");
        if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
      }
      const api = new ApiClient({ server: env.OOMPAH_SERVER_URL!, token: env.OOMPAH_RUN_TOKEN! });
      return { run, env, api };
    },
    /** Waits for the first run of `issue`. */
    runOf: (issue: Issue) =>
      waitFor(async () => (await runsOf(issue.id))[0], {
        what: `a run of ${issue.identifier}`,
        ...slow,
      }),
    /** Waits until the run has its final row. */
    finished: (runId: string) =>
      waitFor(
        async () => {
          const r = await svc.service.store.runs.get(runId);
          return r?.phase === "finished" && r.outcome !== null ? r : null;
        },
        { what: `run ${runId} to finish`, ...slow },
      ),
    async detail(issue: Issue) {
      return operator.get<{
        issue: { state: string };
        comments: Array<{ author: string; text: string }>;
      }>(`/api/v1/projects/proj-sig/issues/${encodeURIComponent(issue.id)}`);
    },
    /** `git log -1` of `branch` on origin. */
    originMessage: (branch: string) =>
      git(repo.root, repo.env, "--git-dir", repo.origin, "log", "-1", "--format=%B", branch),
  };
}

/** Runs `oompah task …` as a child process (from the sources) in `cwd` with `env`. */
export function oompahTask(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, stdout, stderr } = spawnOompah(["task", ...args], { cwd, env });
  return new Promise((ok, fail) => {
    child.once("error", fail);
    child.once("close", (code) => ok({ code, stdout: stdout().trim(), stderr: stderr().trim() }));
  });
}
