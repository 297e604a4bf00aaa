/**
 * The boundary of the run-attempt pipeline: what the dispatcher hands over for
 * one claimed run ({@link AttemptInput}), what it gets back
 * ({@link AttemptResult}), and the ports the pipeline needs
 * ({@link AttemptDeps}). Everything is injected, so tests drive the real
 * pipeline with a real tracker, real git and the mock backend.
 */
import type { AgentBackend, BackendKind, ToolSet } from "../agents/backend.js";
import type { CompiledTemplate } from "../config/template.js";
import type { OompahConfig } from "../config/schema.js";
import type { Project } from "../documents/project-schema.js";
import type { Warning } from "../domain/errors.js";
import type { Focus } from "../domain/focus.js";
import type { Issue } from "../domain/issue.js";
import type { Profile } from "../domain/profile.js";
import type { Provider } from "../domain/provider.js";
import type { ModelPricer } from "../providers/pricing.js";
import type { RunOutcome } from "../domain/run-outcome.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { ScmAdapter } from "../scm/scm.js";
import type { Store } from "../store/db.js";
import type { Run } from "../store/runs.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import type { WorktreeManager } from "../workspace/worktrees.js";
import type { AttemptLogger } from "./run-recorder.js";
import type { RunSignals } from "./run-signals.js";
import type { RunTokens } from "./run-token.js";

export type { AttemptLogger } from "./run-recorder.js";

/** Why the dispatcher aborted the run. */
export type CancelReason = "reconciled" | "operator" | "shutdown";

/** The resolved routing of the run (§7.4 step 2). */
export interface AttemptRouting {
  focus: Focus;
  profile: Profile;
  provider: Provider | null;
  model: string;
  backend: string;
  warnings: Warning[];
}

/** One claimed run, handed over by the dispatcher. */
export interface AttemptInput {
  /** The claimed `runs` row (phase `preparing`). */
  run: Run;
  issue: Issue;
  project: Project;
  routing: AttemptRouting;
  attemptNumber: number;
  /** Aborted by the dispatcher on reconciliation, operator cancel or shutdown. */
  signal: AbortSignal;
  cancelReason(): CancelReason | null;
}

/** How the run ended. */
export interface AttemptResult {
  outcome: RunOutcome;
  summary: string | null;
  error: { code: string; message: string } | null;
  question?: string;
  /** The status this attempt set in the tracker (null: none). */
  statusSet?: CanonicalStatus | null;
  /** When the run ended (ISO); retry backoff is measured from here. */
  endedAt?: string;
}

/** The config slice the pipeline reads (the reloader's `current` satisfies it). */
export interface AttemptConfig {
  config: OompahConfig;
  template: CompiledTemplate;
}

export interface AttemptDeps {
  store: Store;
  /** The tracker of a project (the registry's `get(id).tracker`). */
  trackerFor(projectId: string): Promise<TrackerAdapter>;
  worktrees: WorktreeManager;
  /** The backend of a kind; throw `backend_unavailable` for kinds not built. */
  backendFor(kind: BackendKind): AgentBackend;
  /** The tools offered to the agent of one run (§10.2), bound to its worktree env and scope; default none. */
  toolsFor?(run: {
    runId: string;
    projectId: string;
    issueId: string;
    identifier: string;
    env: Record<string, string>;
  }): ToolSet;
  /** The SCM of a project; null = push only (the `local` behaviour). */
  scmFor?(project: Project): ScmAdapter | null;
  /** The config in force (read once when the run starts; running sessions keep it). */
  config(): AttemptConfig;
  runTokens: RunTokens;
  /** Where `finish` / `question` signals of running sessions arrive (§7.6); absent: none. */
  signals?: RunSignals;
  /** Absolute data directory (`repos/`, `agent-logs/`, `tmp/`, `bin/`). */
  dataDir: string;
  /** `OOMPAH_SERVER_URL` for agents. */
  serverUrl(): string;
  /** The service environment children start from (§19.5). */
  env: NodeJS.ProcessEnv;
  /** Base environment for git (PATH, HOME, config); the identity is added per project. */
  gitEnv: NodeJS.ProcessEnv;
  /** Env names the configuration declares as secrets (providers, projects, trackers). */
  secretEnvNames?(): readonly string[];
  /** Redacts known secret values (the service's SecretRedactor). */
  redact?(text: string): string;
  logger: AttemptLogger;
  now?: () => Date;
  /** The service's pricer (alert `model_price_unknown` once per model); default: a silent one. */
  pricer?: ModelPricer;
  /** Pauses between push retries (default 2, 4, 8 s). */
  pushRetryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}
