/**
 * `issue_changed` events (§17.4): every issue mutation through the service,
 * and every task-file change seen outside it, is appended to the event log so
 * the live channel tells dashboards to refresh the board. The append is
 * fire-and-forget from the caller's view (the mutation already succeeded);
 * a failure is logged, never thrown back into the request.
 */
import type { Logger } from "../logging/logger.js";
import type { Store } from "../store/db.js";

export function issueChangedRecorder(
  store: Pick<Store, "events">,
  logger: Pick<Logger, "warn">,
): (projectId: string, issueId?: string) => void {
  return (projectId, issueId) => {
    store.events
      .append({
        type: "issue_changed",
        project_id: projectId,
        issue_key: issueId ?? null,
        payload: { project_id: projectId, issue_id: issueId ?? null },
      })
      .catch((err: unknown) =>
        logger.warn(
          { component: "live", err: err instanceof Error ? err.message : String(err) },
          "could not record issue_changed",
        ),
      );
  };
}
