/**
 * `oompah task ask|finish` (SPEC §18): an agent's signals, run-token only.
 * Inside a run the environment holds the run's token, id and issue (§19.5);
 * the signal goes to `POST /api/v1/runs/{run_id}/question|finish` on the
 * server of `OOMPAH_SERVER_URL` (the Unix socket for agents), and the
 * session ends as if the agent had called `ask_question` / `finish` (§7.6).
 */
import { OompahError } from "../../domain/errors.js";
import { ownIssue, type RunScope } from "../../issues/run-scope.js";
import { ApiClient } from "../api-client.js";
import { resolveTaskMode, type TaskModeFlags } from "./mode.js";
import type { SignalKind } from "./render.js";

/** The body of the signal, as the run endpoints take it. */
export type SignalBody = { summary: string; no_changes_needed: boolean } | { question: string };

const notInRun = (missing: string): OompahError =>
  new OompahError(
    "forbidden",
    `oompah task ask and finish are for agents inside a run (${missing})`,
    {
      hint: "oompah sets OOMPAH_RUN_TOKEN, OOMPAH_RUN_ID and OOMPAH_ISSUE_ID for every run's agent and hooks; operators move the task with oompah task set-status instead",
    },
  );

/** The run the environment belongs to, and the client that speaks for it. */
function agentRun(
  flags: TaskModeFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
): { client: ApiClient; scope: RunScope } {
  const mode = resolveTaskMode(flags, env, cwd);
  if (mode.kind !== "server" || !mode.agent) throw notInRun("no OOMPAH_RUN_TOKEN");
  const runId = env.OOMPAH_RUN_ID?.trim();
  const issueId = env.OOMPAH_ISSUE_ID?.trim();
  if (!runId || !issueId) throw notInRun("no OOMPAH_RUN_ID or OOMPAH_ISSUE_ID");
  return {
    client: new ApiClient({ server: mode.server, token: mode.token }),
    scope: {
      runId,
      projectId: env.OOMPAH_PROJECT_ID?.trim() ?? "",
      issueId,
      identifier: env.OOMPAH_ISSUE_IDENTIFIER?.trim() || issueId,
    },
  };
}

/** Sends the run's signal for task `id` (which must be the run's own issue); returns the run id. */
export async function sendSignal(
  flags: TaskModeFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
  id: string,
  kind: SignalKind,
  body: SignalBody,
): Promise<string> {
  const { client, scope } = agentRun(flags, env, cwd);
  ownIssue(scope, id);
  await client.post(`/api/v1/runs/${encodeURIComponent(scope.runId)}/${kind}`, body);
  return scope.runId;
}
