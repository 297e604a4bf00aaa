/**
 * What the dispatcher needs from the rest of the service, as small
 * interfaces: the projects it may dispatch for, the routing documents, the
 * run-attempt pipeline it hands claimed runs to, and worktree cleanup. The
 * composition root backs them with the real registry, documents,
 * `createAttemptRunner` and WorktreeManager; tests back them with the same
 * real pieces over temp repositories.
 */
import type { Warning } from "../domain/errors.js";
import type { Focus } from "../domain/focus.js";
import type { FinishedWork } from "../domain/focus-proposals.js";
import type { Issue } from "../domain/issue.js";
import type { Profile } from "../domain/profile.js";
import type { Backend, Provider } from "../domain/provider.js";
import type { RunOutcome } from "../domain/run-outcome.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { Run } from "../store/runs.js";
import type { RemoveRequest, RemoveResult } from "../workspace/cleanup.js";
import type { WorkspaceProject } from "../workspace/context.js";

/** The project fields dispatch reads (a subset of the project API's view). */
export interface DispatchProject {
  id: string;
  name: string;
  status: "cloning" | "ready" | "error";
  paused: boolean;
  max_concurrent_agents: number | null;
  provider_id: string | null;
  scm: string;
  clone_path: string;
  default_branch: string | null;
  local_success_status: "In Review" | "Done";
  git_author_name: string;
  git_author_email: string;
  tracker_kind: string | null;
}

/** The resolved routing of one run (§7.4 step 2). */
export interface RunRouting {
  focus: Focus;
  profile: Profile;
  provider: Provider;
  model: string | null;
  backend: Backend;
  warnings: Warning[];
}

/** Why the dispatcher aborted an attempt. */
export type CancelReason = "reconciled" | "operator" | "shutdown";

/**
 * One claimed run handed to the attempt pipeline (`src/orchestrator/attempt.ts`).
 * The dispatcher knows the project as a {@link DispatchProject} and the routing
 * as a {@link RunRouting}; the composition root hands the pipeline the project's
 * full document and the model as a string (`PipelineInput` in `attempt-deps.ts`).
 */
export interface AttemptInput<Project = DispatchProject, Routing = RunRouting> {
  /** The claimed `runs` row (phase `preparing`). */
  run: Run;
  issue: Issue;
  project: Project;
  routing: Routing;
  attemptNumber: number;
  /** Aborted by the dispatcher on reconciliation, operator cancel or shutdown. */
  signal: AbortSignal;
  cancelReason(): CancelReason | null;
}

/** What the attempt pipeline reports when the run is over. */
export interface AttemptResult {
  outcome: RunOutcome;
  summary: string | null;
  error: { code: string; message: string } | null;
  question?: string;
  /** The status the attempt already wrote to the tracker (null: none). */
  statusSet?: CanonicalStatus | null;
  /** When the run ended (ISO); retry backoff is measured from here. */
  endedAt?: string;
}

export type AttemptRunner = (input: AttemptInput) => Promise<AttemptResult>;

/** Worktree cleanup (§11.4); WorktreeManager satisfies it. */
export interface WorkspacePort {
  remove(req: RemoveRequest): Promise<RemoveResult>;
  pathFor(project: WorkspaceProject, identifier: string): string;
}

/** The routing documents, read on every dispatch so hot reloads apply. */
export interface RoutingDocs {
  foci(): readonly Focus[];
  providers(): readonly Provider[];
}

/** §8.5 trigger; FocusSuggestionsStore satisfies it. */
export interface FinishedWorkSink {
  recordFinished(work: FinishedWork): Promise<unknown>;
}

/** The WorkspaceProject of a dispatch project. */
export function workspaceProjectOf(p: DispatchProject): WorkspaceProject {
  return {
    name: p.name,
    clonePath: p.clone_path,
    defaultBranch: p.default_branch,
    identity: { name: p.git_author_name, email: p.git_author_email },
  };
}
