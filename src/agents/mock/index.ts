/**
 * The `mock` backend (SPEC §10.7): a deterministic scripted agent for tests
 * and `oompah demo`. Refused with `backend_unavailable` unless
 * `OOMPAH_ALLOW_MOCK=1` or the caller (the demo) allows it explicitly.
 */
import { isAbsolute } from "node:path";
import { OompahError } from "../../domain/errors.js";
import type {
  AgentBackend,
  AgentSession,
  BackendAvailability,
  SessionIssue,
  SessionOptions,
} from "../backend.js";
import { demoScript } from "./demo-script.js";
import { selectScript, type MockScripts } from "./script.js";
import { MockSession, type MockSessionRecord } from "./session.js";

export { demoFileContent, demoFilePath, demoScript, MOCK_MODEL } from "./demo-script.js";
export { selectScript } from "./script.js";
export type { MockScript, MockScriptFactory, MockScripts, MockStep } from "./script.js";
export type { MockSessionRecord } from "./session.js";

export interface MockBackendOptions {
  /** Scripts per issue; without a match the demo script runs. */
  scripts?: MockScripts;
  /** True under `oompah demo`; otherwise `OOMPAH_ALLOW_MOCK=1` is required. */
  allow?: boolean;
  /** Where `OOMPAH_ALLOW_MOCK` is read (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Pause between the demo script's turns, so a dashboard can follow them. */
  demoPauseMs?: number;
}

export interface MockBackend extends AgentBackend {
  readonly kind: "mock";
  /** Every session started, in order (tests inspect events, continuations, cancels). */
  readonly sessions: readonly MockSessionRecord[];
}

const HINT =
  "set OOMPAH_ALLOW_MOCK=1 (tests) or run `oompah demo`; the mock agent does no real work";

export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const sessions: MockSessionRecord[] = [];
  const allowed = (): boolean =>
    options.allow === true || (options.env ?? process.env).OOMPAH_ALLOW_MOCK === "1";

  return {
    kind: "mock",
    sessions,
    available(): Promise<BackendAvailability> {
      return Promise.resolve(
        allowed() ? { ok: true } : { ok: false, code: "backend_unavailable", hint: HINT },
      );
    },
    startSession(opts: SessionOptions): Promise<AgentSession> {
      if (!allowed())
        return Promise.reject(
          new OompahError(
            "backend_unavailable",
            "the mock backend is for tests and the demo only",
            {
              hint: HINT,
            },
          ),
        );
      if (!isAbsolute(opts.cwd))
        return Promise.reject(
          new OompahError(
            "workspace_error",
            `session cwd must be an absolute worktree path: ${opts.cwd}`,
          ),
        );
      const issue: SessionIssue = opts.issue ?? {
        id: opts.env.OOMPAH_ISSUE_ID ?? opts.runId,
        identifier: opts.env.OOMPAH_ISSUE_IDENTIFIER ?? opts.runId,
        title: "",
        labels: [],
      };
      const ctx = { issue, runId: opts.runId };
      const script =
        selectScript(options.scripts ?? {}, ctx) ??
        demoScript(
          issue,
          options.demoPauseMs === undefined ? {} : { pauseMs: options.demoPauseMs },
        );
      const record: MockSessionRecord = {
        runId: opts.runId,
        cwd: opts.cwd,
        model: opts.model,
        prompt: opts.prompt,
        issue,
        continuations: [],
        cancelReason: null,
        events: [],
        files: [],
      };
      sessions.push(record);
      return Promise.resolve(new MockSession(script, opts, record));
    },
  };
}
