/**
 * The port through which the issue service (and later the orchestrator)
 * reaches the tracker of each registered project. The composition root backs
 * it with the {@link TrackerRegistry} over the project registry; `oompah task`
 * in direct mode backs it with a one-project registry over the working copy,
 * so both paths run the same service code.
 */
import type { OompahError } from "../domain/errors.js";
import type { TrackerAdapter } from "./tracker.js";

/** A project whose tracker is usable now. */
export interface ProjectTracker {
  projectId: string;
  name: string;
  tracker: TrackerAdapter;
}

/**
 * One registered project as listed: either its usable tracker, or why it
 * cannot be read right now (still cloning, clone failed, tracker kind not
 * available yet).
 */
export type ProjectTrackerSlot =
  | ({ ok: true } & ProjectTracker)
  | { ok: false; projectId: string; name: string; error: OompahError };

/** Every project's tracker, by project. */
export interface ProjectTrackers {
  /** Every registered project, in registry order. */
  list(): Promise<ProjectTrackerSlot[]>;
  /**
   * The tracker of the project whose id (or else name) is `ref`. Throws
   * `project_not_found`, `project_not_ready`, or the reason its tracker cannot
   * be built (`tracker_kind_unavailable`, `unsupported_tracker_kind`, …).
   */
  get(ref: string): Promise<ProjectTracker>;
}
