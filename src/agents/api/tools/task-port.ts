/**
 * The operations the `oompah task` interception needs, as a port so the tool
 * does not depend on how the issue service identifies callers: tracker calls
 * and the run's `finish` / `question` signals (§7.6). {@link issueServicePort}
 * adapts the real {@link IssueService} and the orchestrator's signals; the
 * composition root passes the actor that stands for the run.
 */
import type { Comment, Issue } from "../../../domain/issue.js";
import type { IssueActor } from "../../../issues/actor.js";
import type { CreateIssueInput } from "../../../issues/issue-input.js";
import type { IssueDetail, IssueService } from "../../../issues/issue-service.js";
import type { RunSignal, RunSignals } from "../../../orchestrator/run-signals.js";

/** Scope-checked calls arrive here with the run's own project and issue. */
export interface RunIssuePort {
  detail(projectId: string, issueId: string): Promise<IssueDetail>;
  comment(projectId: string, issueId: string, text: string): Promise<Comment>;
  setStatus(projectId: string, issueId: string, status: string, comment?: string): Promise<Issue>;
  label(projectId: string, issueId: string, op: "add" | "remove", label: string): Promise<Issue>;
  create(input: CreateIssueInput & { project_id: string }): Promise<Issue>;
  /** Hands `oompah task finish|ask` to the run's session; throws `conflict` when it is not running. */
  signal(runId: string, signal: RunSignal): Promise<void>;
}

/** The port over the issue service, acting as `actor`, and the service's run signals. */
export function issueServicePort(
  service: IssueService,
  actor: IssueActor,
  signals: Pick<RunSignals, "send">,
): RunIssuePort {
  return {
    detail: (p, i) => service.detail(p, i),
    comment: (p, i, text) => service.addComment(actor, p, i, { text }),
    setStatus: (p, i, status, comment) =>
      service.update(actor, p, i, { status, ...(comment === undefined ? {} : { comment }) }),
    label: (p, i, op, label) =>
      op === "add" ? service.addLabel(actor, p, i, label) : service.removeLabel(actor, p, i, label),
    create: (input) => service.create(actor, input),
    signal: (runId, signal) => signals.send(runId, signal),
  };
}
