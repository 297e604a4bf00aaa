/**
 * The end of a whole-service test: every task of a project Done and every
 * run with its final row, read through the public API.
 */
import type { ApiClient } from "../../src/cli/api-client.js";
import { waitFor } from "./sandbox.js";

/** What the wait reads of a task on the board. */
export interface DoneIssue {
  id: string;
  state: string;
}

/** What the wait reads of a run: `outcome` is null until its final row is written. */
export interface FinishedRun {
  outcome: string | null;
}

/**
 * Waits until all `count` tasks of project `projectId` are Done and every run
 * of the project has its outcome, and returns the tasks (from the board,
 * terminal columns included) and the runs (up to 500) as the API then
 * reports them.
 *
 * A run's exit handling moves the tracker status, then posts the completion
 * comment, then writes the run's final row; a test that stops at Done races
 * the other two, so this waits for the last of them.
 */
export async function waitForAllDone<
  I extends DoneIssue = DoneIssue,
  R extends FinishedRun = FinishedRun,
>(
  api: Pick<ApiClient, "get">,
  projectId: string,
  count: number,
  wait: { what?: string; timeoutMs?: number; intervalMs?: number } = {},
): Promise<{ issues: I[]; runs: R[] }> {
  const project = encodeURIComponent(projectId);
  return waitFor(
    async () => {
      const board = await api.get<{ columns: Array<{ issues: I[] }> }>(
        `/api/v1/issues?project_id=${project}&include_terminal=true`,
      );
      const issues = board.columns.flatMap((c) => c.issues);
      if (issues.length !== count || !issues.every((i) => i.state === "Done")) return null;
      const { runs } = await api.get<{ runs: R[] }>(`/api/v1/runs?project_id=${project}&limit=500`);
      return runs.every((r) => r.outcome !== null) ? { issues, runs } : null;
    },
    { what: "every task Done and every run finished", ...wait },
  );
}
