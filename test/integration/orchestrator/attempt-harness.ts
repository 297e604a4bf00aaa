/**
 * A real environment for the run-attempt pipeline: a bare origin, the
 * project's managed clone made with `git clone`, the oompah_md tracker on
 * that clone, a SQLite store, the real WorktreeManager and the mock backend
 * driven by per-test scripts.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { AgentBackend } from "../../../src/agents/backend.js";
import {
  createMockBackend,
  type MockBackend,
  type MockScripts,
} from "../../../src/agents/mock/index.js";
import { resolveConfig } from "../../../src/config/resolve.js";
import { compileTemplate } from "../../../src/config/template.js";
import { ProjectSchema, type Project } from "../../../src/documents/project-schema.js";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import { issueInternalKey } from "../../../src/domain/dispatch.js";
import type { Issue } from "../../../src/domain/issue.js";
import { DEFAULT_PROFILE } from "../../../src/domain/profile.js";
import { ProviderSchema, type Provider } from "../../../src/domain/provider.js";
import { SecretRedactor } from "../../../src/domain/redaction.js";
import {
  createAttemptRunner,
  type AttemptInput,
  type AttemptResult,
} from "../../../src/orchestrator/attempt.js";
import { loadRunTokenKey, RunTokens } from "../../../src/orchestrator/run-token.js";
import { clonePathFor } from "../../../src/projects/paths.js";
import { createLocalScm } from "../../../src/scm/local.js";
import { openStore, type Store } from "../../../src/store/db.js";
import { createOompahMdTracker } from "../../../src/trackers/oompah-md/index.js";
import type { OompahMdTracker } from "../../../src/trackers/oompah-md/index.js";
import { WorktreeManager } from "../../../src/workspace/worktrees.js";
import { git, makeRepoWithOrigin } from "../../helpers/sandbox.js";
import { afterEach } from "vitest";

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.();
});

export const mockProvider: Provider = ProviderSchema.parse({
  id: "prov-mock",
  name: "Demo",
  backend: "mock",
  api_key_env: "MOCK_PROVIDER_KEY",
  models: ["mock-1"],
  model_costs: { "mock-1": { input_per_1m: 1, output_per_1m: 2 } },
});

/** A value that must never reach a log. */
export const PROVIDER_KEY = "sk-mock-provider-secret-0123456789";

export interface HarnessOptions {
  /** WORKFLOW.md front matter (merged over quick test defaults). */
  config?: Record<string, unknown>;
  template?: string;
  project?: Record<string, unknown>;
  scripts?: MockScripts;
  /** Wraps the mock backend (e.g. to look at the tracker when a session starts). */
  wrapBackend?: (b: MockBackend) => AgentBackend;
}

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

export async function makeHarness(o: HarnessOptions = {}) {
  const repo = makeRepoWithOrigin({ "README.md": "# sample\n", ".oompah/tasks/open/.gitkeep": "" });
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
  const env: NodeJS.ProcessEnv = {
    ...repo.env,
    MOCK_PROVIDER_KEY: PROVIDER_KEY,
    OOMPAH_ALLOW_MOCK: "1",
  };
  const { config } = resolveConfig({
    raw: {
      workspace: { root: join(repo.root, "ws") },
      data_dir: dataDir,
      agent: { shutdown_grace_ms: 500, ...(o.config?.agent as object | undefined) },
      ...Object.fromEntries(Object.entries(o.config ?? {}).filter(([k]) => k !== "agent")),
    },
    env: {},
    serviceDir: repo.root,
  });
  const template = compileTemplate(o.template ?? "");
  const store: Store = await openStore({ dataDir });
  const tracker: OompahMdTracker = createOompahMdTracker({
    projectId: project.id,
    repoPath: clone,
    defaultBranch: "main",
    gitSync: false,
    commitDebounceMs: 0,
    identity: { name: "Oompah Bot", email: "bot@example.com" },
    env: repo.env,
    watch: false,
    snapshotPath: null,
  });
  open.push(
    () => store.close(),
    () => tracker.close(),
  );
  const mock = createMockBackend({ scripts: o.scripts ?? {}, allow: true });
  const backend = o.wrapBackend ? o.wrapBackend(mock) : mock;
  const redactor = new SecretRedactor();
  const runTokens = new RunTokens(await loadRunTokenKey(store.serviceState));
  const logs: string[] = [];
  const logger = {
    info: (obj: object, msg: string) => logs.push(`info ${msg} ${JSON.stringify(obj)}`),
    warn: (obj: object, msg: string) => logs.push(`warn ${msg} ${JSON.stringify(obj)}`),
    error: (obj: object, msg: string) => logs.push(`error ${msg} ${JSON.stringify(obj)}`),
  };
  const worktrees = new WorktreeManager({
    workspaceRoot: config.workspace.root,
    gitEnv: repo.env,
    tmpDir: repo.root,
  });
  const runAttempt = createAttemptRunner({
    store,
    trackerFor: () => Promise.resolve(tracker),
    worktrees,
    backendFor: () => backend,
    scmFor: (p) =>
      createLocalScm({
        clonePath: clonePathFor(dataDir, p.name),
        defaultBranch: "main",
        env: repo.env,
      }),
    config: () => ({ config, template }),
    runTokens,
    dataDir,
    serverUrl: () => "http://127.0.0.1:9",
    env,
    gitEnv: repo.env,
    secretEnvNames: () => ["MOCK_PROVIDER_KEY"],
    redact: (t) => redactor.redact(t),
    logger,
    pushRetryDelaysMs: [1, 1, 1],
  });
  let runs = 0;

  /** Claims a run for `issue` the way the dispatcher does and runs the attempt. */
  async function run(
    issue: Issue,
    extra: {
      attempt?: number;
      signal?: AbortSignal;
      cancelReason?: AttemptInput["cancelReason"];
    } = {},
  ): Promise<AttemptResult & { runId: string }> {
    const runId = `run-${++runs}-${issue.id}`;
    const row = await store.runs.insertClaim({
      run_id: runId,
      project_id: project.id,
      issue_id: issue.id,
      issue_key: issueInternalKey(issue),
      identifier: issue.identifier,
      attempt: extra.attempt ?? 1,
      started_at: new Date().toISOString(),
      dispatch_state: issue.state,
    });
    const focus = BUILTIN_FOCI.find((f) => f.name === "general");
    if (!focus) throw new Error("no general focus");
    const result = await runAttempt({
      run: row,
      issue,
      project,
      routing: {
        focus,
        profile: DEFAULT_PROFILE,
        provider: mockProvider,
        model: "mock-1",
        backend: "mock",
        warnings: [],
      },
      attemptNumber: extra.attempt ?? 1,
      signal: extra.signal ?? new AbortController().signal,
      cancelReason: extra.cancelReason ?? (() => null),
    });
    return { ...result, runId };
  }

  return {
    repo,
    dataDir,
    clone,
    project,
    config,
    store,
    tracker,
    mock,
    logs,
    worktrees,
    run,
    /** Creates an Open issue in the tracker. */
    async issue(title = "Add a changelog", description = "Write CHANGELOG.md"): Promise<Issue> {
      return tracker.createIssue({ title, description, status: "Open", type: "task" });
    },
    git: (cwd: string, ...args: string[]) => git(cwd, repo.env, ...args),
    /** The path of the issue's worktree. */
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

/** A script step that writes a file in the worktree (counts as an edit). */
export function writeStep(path: string, content: string) {
  return { tool: "write_file", args: { path, content }, writeFile: { path, content } } as const;
}
