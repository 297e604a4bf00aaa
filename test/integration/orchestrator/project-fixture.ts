/**
 * What the attempt and dispatch harnesses share: a bare origin and the
 * project's managed clone made with `git clone`, the oompah_md tracker on that
 * clone, the resolved config, the real WorktreeManager, and the real run-attempt
 * pipeline over them. Each harness owns the store, the backend and the cleanup.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { resolveConfig } from "../../../src/config/resolve.js";
import { compileTemplate } from "../../../src/config/template.js";
import { ProjectSchema, type Project } from "../../../src/documents/project-schema.js";
import { ProviderSchema, type Provider } from "../../../src/domain/provider.js";
import { createAttemptRunner } from "../../../src/orchestrator/attempt.js";
import type { AttemptDeps } from "../../../src/orchestrator/attempt-deps.js";
import { clonePathFor } from "../../../src/projects/paths.js";
import { createLocalScm } from "../../../src/scm/local.js";
import { WorktreeManager } from "../../../src/workspace/worktrees.js";
import { git } from "../../helpers/sandbox.js";
import { localTracker, taskRepo } from "../../helpers/service-dir.js";

/** A mock-backend provider with prices, so runs have a cost. */
export function provider(id: string, extra: Record<string, unknown> = {}): Provider {
  return ProviderSchema.parse({
    id,
    name: id,
    backend: "mock",
    models: ["mock-1"],
    model_costs: { "mock-1": { input_per_1m: 1, output_per_1m: 2 } },
    ...extra,
  });
}

/** A logger that keeps each line as `<level> <msg> <obj as JSON>`. */
export function recordingLogger() {
  const logs: string[] = [];
  const line = (level: string) => (obj: object, msg: string) =>
    void logs.push(`${level} ${msg} ${JSON.stringify(obj)}`);
  const logger = {
    info: line("info"),
    warn: line("warn"),
    error: line("error"),
    debug: line("debug"),
    child: () => logger,
  };
  return { logs, logger };
}

export interface FixtureOptions {
  /** WORKFLOW.md front matter merged over quick test defaults (`agent.shutdown_grace_ms: 500`). */
  config?: Record<string, unknown>;
  template?: string;
  /** Fields of the project document. */
  project?: Record<string, unknown>;
}

/** The ports of the pipeline a harness must give; the rest default to this fixture. */
type RunnerDeps = Pick<AttemptDeps, "store" | "runTokens" | "backendFor" | "logger"> &
  Partial<AttemptDeps>;

export function projectFixture(o: FixtureOptions = {}) {
  const repo = taskRepo();
  const dataDir = join(repo.root, "data");
  const project: Project = ProjectSchema.parse({
    id: "proj-test",
    name: "demo",
    repo_url: repo.origin,
    scm: "local",
    webhook_forwarding: false,
    default_branch: "main",
    git_author_name: "Oompah Bot",
    git_author_email: "bot@example.com",
    ...o.project,
  });
  const clone = clonePathFor(dataDir, project.name);
  execFileSync("git", ["clone", "-q", repo.origin, clone], { env: repo.env });
  const { config } = resolveConfig({
    raw: {
      workspace: { root: join(repo.root, "ws") },
      data_dir: dataDir,
      ...o.config,
      agent: { shutdown_grace_ms: 500, ...(o.config?.agent as object | undefined) },
    },
    env: {},
    serviceDir: repo.root,
  });
  const template = compileTemplate(o.template ?? "");
  const tracker = localTracker(project.id, clone, repo.env);
  const worktrees = new WorktreeManager({
    workspaceRoot: config.workspace.root,
    gitEnv: repo.env,
    tmpDir: repo.root,
  });
  return {
    repo,
    dataDir,
    project,
    clone,
    config,
    tracker,
    worktrees,
    /** The real pipeline over this project, with quick push retries. */
    attemptRunner: (deps: RunnerDeps) =>
      createAttemptRunner({
        trackerFor: () => Promise.resolve(tracker),
        worktrees,
        scmFor: (p) =>
          createLocalScm({
            clonePath: clonePathFor(dataDir, p.name),
            defaultBranch: "main",
            env: repo.env,
          }),
        config: () => ({ config, template }),
        dataDir,
        serverUrl: () => "http://127.0.0.1:9",
        env: repo.env,
        gitEnv: repo.env,
        pushRetryDelaysMs: [1, 1, 1],
        ...deps,
      }),
    git: (cwd: string, ...args: string[]) => git(cwd, repo.env, ...args),
    /** The path of the worktree. */
    worktreeOf: (identifier: string) =>
      worktrees.pathFor(
        {
          name: project.name,
          clonePath: clone,
          defaultBranch: "main",
          identity: { name: "x", email: "y" },
        },
        identifier,
      ),
  };
}
