/**
 * The tracker operations the `oompah task` interception needs, as a port so
 * the tool does not depend on how the issue service identifies callers.
 * {@link issueServicePort} adapts the real {@link IssueService}; the
 * composition root passes the actor that stands for the run.
 */
import type { Comment, Issue } from "../../../domain/issue.js";
import type { IssueActor } from "../../../issues/actor.js";
import type { CreateIssueInput } from "../../../issues/issue-input.js";
import type { IssueDetail, IssueService } from "../../../issues/issue-service.js";

/** Scope-checked calls arrive here with the run's own project and issue. */
export interface RunIssuePort {
  detail(projectId: string, issueId: string): Promise<IssueDetail>;
  comment(projectId: string, issueId: string, text: string): Promise<Comment>;
  setStatus(projectId: string, issueId: string, status: string, comment?: string): Promise<Issue>;
  label(projectId: string, issueId: string, op: "add" | "remove", label: string): Promise<Issue>;
  create(input: CreateIssueInput & { project_id: string }): Promise<Issue>;
}

/** The port over the issue service, acting as `actor`. */
export function issueServicePort(service: IssueService, actor: IssueActor): RunIssuePort {
  return {
    detail: (p, i) => service.detail(p, i),
    comment: (p, i, text) => service.addComment(actor, p, i, { text }),
    setStatus: (p, i, status, comment) =>
      service.update(actor, p, i, { status, ...(comment === undefined ? {} : { comment }) }),
    label: (p, i, op, label) =>
      op === "add" ? service.addLabel(actor, p, i, label) : service.removeLabel(actor, p, i, label),
    create: (input) => service.create(actor, input),
  };
}
