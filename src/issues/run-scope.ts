/**
 * What a run may do to the tracker (SPEC §19.3), checked before any call: its
 * own issue (read, comment, labels, status Open / Needs Answer / Needs Human)
 * and new issues in its own project whose parent is its issue. Everything
 * else is `forbidden`. The same rules back the in-process `oompah task`
 * interception of `run_command`.
 */
import { OompahError } from "../domain/errors.js";
import { canonicalStatus, type CanonicalStatus } from "../domain/status.js";

/** The identity a run acts with. */
export interface RunScope {
  runId: string;
  projectId: string;
  /** The project's name, accepted wherever the project id is. */
  projectName?: string;
  issueId: string;
  /** The issue's human identifier, accepted wherever the id is. */
  identifier: string;
}

/** Statuses a run may set on its own issue. */
export const RUN_SETTABLE_STATUSES: readonly CanonicalStatus[] = [
  "Open",
  "Needs Answer",
  "Needs Human",
];

function forbidden(message: string, hint?: string): OompahError {
  return new OompahError("forbidden", message, hint === undefined ? {} : { hint });
}

/** Refuses a `--project` other than the run's own. */
export function checkProject(scope: RunScope, project: string | undefined): void {
  if (project === undefined || project === scope.projectId || project === scope.projectName) return;
  throw forbidden(`this run may only use its own project ${scope.projectId}`);
}

/** The run's issue id when `ref` names it (id or identifier), else `forbidden`. */
export function ownIssue(scope: RunScope, ref: string, project?: string): string {
  checkProject(scope, project);
  if (ref === scope.issueId || ref === scope.identifier) return scope.issueId;
  throw forbidden(
    `this run may only access its own issue ${scope.identifier}, not ${ref}`,
    `use ${scope.identifier}`,
  );
}

/** The canonical status when a run may set it. */
export function settableStatus(raw: string): CanonicalStatus {
  const status = canonicalStatus(raw);
  if (status === null) {
    throw new OompahError("validation_failed", `status: unknown status "${raw}"`, {
      hint: `one of ${RUN_SETTABLE_STATUSES.join(", ")}`,
    });
  }
  if (!RUN_SETTABLE_STATUSES.includes(status)) {
    throw forbidden(
      `a run may not set status ${status}`,
      `one of ${RUN_SETTABLE_STATUSES.join(", ")}`,
    );
  }
  return status;
}

/** The parent a run's new issue gets: its own issue (the default); anything else is refused. */
export function childParent(scope: RunScope, parent: string | undefined): string {
  if (parent === undefined) return scope.issueId;
  return ownIssue(scope, parent);
}
