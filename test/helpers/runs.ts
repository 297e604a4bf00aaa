/**
 * Run rows for tests that need a run in the store without dispatching one.
 */
import type { Store } from "../../src/store/db.js";
import type { NewRun, Run } from "../../src/store/runs.js";

/**
 * Claims a run of issue `issue_id` in project `project_id` as the dispatcher
 * would: issue key `<project_id>:<issue_id>`, the issue id as identifier,
 * attempt 1, started now — unless `fields` say otherwise.
 */
export function claimRun(
  store: Pick<Store, "runs">,
  fields: Pick<NewRun, "run_id" | "project_id" | "issue_id"> & Partial<NewRun>,
): Promise<Run> {
  return store.runs.insertClaim({
    issue_key: `${fields.project_id}:${fields.issue_id}`,
    identifier: fields.issue_id,
    attempt: 1,
    started_at: new Date().toISOString(),
    ...fields,
  });
}
