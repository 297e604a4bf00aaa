/**
 * The boundary of the run-attempt pipeline: what it reads of one claimed run
 * ({@link PipelineInput}, the dispatcher's `AttemptInput` with the project's
 * full document), what it gives back (`AttemptResult`, in `ports.ts`), and
 * the ports the pipeline needs ({@link AttemptDeps}). Everything is
 * injected, so tests drive the real pipeline with a real tracker, real git
 * and the mock backend.
 */
import type { AgentBackend, BackendKind, ToolSet } from "../agents/backend.js";
import type { CompiledTemplate } from "../config/template.js";
import type { OompahConfig } from "../config/schema.js";
import type { Project } from "../documents/project-schema.js";
import type { ModelPricer } from "../providers/pricing.js";
import type { ScmAdapter } from "../scm/scm.js";
import type { Store } from "../store/db.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import type { WorktreeManager } from "../workspace/worktrees.js";
import type { AttemptInput, RunRouting } from "./ports.js";
import type { AttemptLogger } from "./run-recorder.js";
import type { RunSignals } from "./run-signals.js";
import type { RunTokens } from "./run-token.js";

export type { AttemptLogger } from "./run-recorder.js";

/** The routing as the pipeline reads it: the model as a string ("" when routing resolved none). */
export type AttemptRouting = Omit<RunRouting, "model"> & { model: string };

/** One claimed run as the pipeline reads it: the project's full document and the resolved routing. */
export type PipelineInput = AttemptInput<Project, AttemptRouting>;

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
