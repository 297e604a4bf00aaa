/**
 * The dependencies of the dispatcher and the small helpers every dispatch
 * module shares: the config in force, the clock, and posting an orchestrator
 * comment (suppressed when `tracker.post_comments` is false, §7.11).
 */
import type { OompahConfig } from "../config/schema.js";
import { toOompahError } from "../domain/errors.js";
import { COMMENT_AUTHOR } from "../domain/comments.js";
import type { Logger } from "../logging/logger.js";
import type { Store } from "../store/db.js";
import type { ProjectTrackers } from "../trackers/project-trackers.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import type { AlertBoard } from "./alerts.js";
import type {
  AttemptRunner,
  DispatchProject,
  FinishedWorkSink,
  RoutingDocs,
  WorkspacePort,
} from "./ports.js";
import type { WakeReason } from "./tick-loop.js";

/** The slice of a loaded workflow dispatch reads. */
export interface DispatchConfigSource {
  readonly current: {
    config: OompahConfig;
    secrets: ReadonlyArray<{ path: string; source: string }>;
    envFile: string | null;
  };
}

export interface DispatchDeps {
  store: Store;
  alerts: AlertBoard;
  logger: Logger;
  config: DispatchConfigSource;
  /** The live process environment (preflight re-checks secret references against it). */
  env: Readonly<Record<string, string | undefined>>;
  projects: () => Promise<readonly DispatchProject[]>;
  trackers: ProjectTrackers;
  docs: RoutingDocs;
  workspace: WorkspacePort;
  /** The run-attempt pipeline; without it nothing is dispatched. */
  runAttempt: AttemptRunner | null;
  suggestions?: FinishedWorkSink;
  now: () => Date;
  wake: (reason: WakeReason) => void;
  /** The persisted manual pause. */
  paused: () => boolean;
}

export function cfgOf(deps: DispatchDeps): OompahConfig {
  return deps.config.current.config;
}

/** Posts an `oompah` comment unless comments are off; failures are logged, never thrown. */
export async function postComment(
  deps: DispatchDeps,
  tracker: TrackerAdapter,
  issueId: string,
  text: string,
): Promise<void> {
  if (!cfgOf(deps).tracker.post_comments || !tracker.capabilities.comments) return;
  try {
    await tracker.addComment(issueId, { author: COMMENT_AUTHOR, text });
  } catch (e) {
    const err = toOompahError(e);
    deps.logger.warn(
      { component: "orchestrator", issue: issueId, code: err.code },
      `could not post comment: ${err.message}`,
    );
  }
}
