/**
 * A real environment for the run-attempt pipeline: a bare origin, the
 * project's managed clone made with `git clone`, the oompah_md tracker on
 * that clone, a SQLite store, the real WorktreeManager and the mock backend
 * driven by per-test scripts.
 */
import type { AgentBackend } from "../../../src/agents/backend.js";
import {
  createMockBackend,
  type MockBackend,
  type MockScripts,
} from "../../../src/agents/mock/index.js";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import { issueInternalKey } from "../../../src/domain/dispatch.js";
import type { Issue } from "../../../src/domain/issue.js";
import { DEFAULT_PROFILE } from "../../../src/domain/profile.js";
import type { Provider } from "../../../src/domain/provider.js";
import { SecretRedactor } from "../../../src/domain/redaction.js";
import type { AttemptInput, AttemptResult } from "../../../src/orchestrator/ports.js";
import { loadRunTokenKey, RunTokens } from "../../../src/orchestrator/run-token.js";
import { openStore, type Store } from "../../../src/store/db.js";
import { afterEach } from "vitest";
import {
  projectFixture,
  provider,
  recordingLogger,
  type FixtureOptions,
} from "./project-fixture.js";

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.();
});

export const mockProvider: Provider = provider("prov-mock", {
  name: "Demo",
  api_key_env: "MOCK_PROVIDER_KEY",
});

/** A value that must never reach a log. */
export const PROVIDER_KEY = "sk-mock-provider-secret-0123456789";

export interface HarnessOptions extends FixtureOptions {
  scripts?: MockScripts;
  /** Wraps the mock backend (e.g. to look at the tracker when a session starts). */
  wrapBackend?: (b: MockBackend) => AgentBackend;
}

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

export async function makeHarness(o: HarnessOptions = {}) {
  const f = projectFixture(o);
  const { repo, project, tracker } = f;
  const store: Store = await openStore({ dataDir: f.dataDir });
  open.push(
    () => store.close(),
    () => tracker.close(),
  );
  const mock = createMockBackend({ scripts: o.scripts ?? {}, allow: true });
  const backend = o.wrapBackend ? o.wrapBackend(mock) : mock;
  const redactor = new SecretRedactor();
  const { logs, logger } = recordingLogger();
  const runAttempt = f.attemptRunner({
    store,
    backendFor: () => backend,
    runTokens: new RunTokens(await loadRunTokenKey(store.serviceState)),
    env: { ...repo.env, MOCK_PROVIDER_KEY: PROVIDER_KEY, OOMPAH_ALLOW_MOCK: "1" },
    secretEnvNames: () => ["MOCK_PROVIDER_KEY"],
    redact: (t) => redactor.redact(t),
    logger,
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
    dataDir: f.dataDir,
    clone: f.clone,
    project,
    config: f.config,
    store,
    tracker,
    mock,
    logs,
    worktrees: f.worktrees,
    run,
    /** Creates an Open issue in the tracker. */
    async issue(title = "Add a changelog", description = "Write CHANGELOG.md"): Promise<Issue> {
      return tracker.createIssue({ title, description, status: "Open", type: "task" });
    },
    git: f.git,
    worktreeOf: f.worktreeOf,
  };
}

/** A script step that writes a file in the worktree (counts as an edit). */
export function writeStep(path: string, content: string) {
  return { tool: "write_file", args: { path, content }, writeFile: { path, content } } as const;
}
