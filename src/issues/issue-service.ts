/**
 * The issues application service: board, create, detail, update, soft delete,
 * comments and labels across every project's tracker. The HTTP routes and
 * `oompah task` in direct mode both call it, so validation and author rules
 * are the same everywhere. Every mutation reports `onMutated(projectId,
 * issueId)` — the orchestrator's `issue_mutated` wake.
 */
import { OompahError } from "../domain/errors.js";
import { STATUS_SET_BY_RUN_KEY, type Comment, type Issue } from "../domain/issue.js";
import { DEFAULT_TERMINAL_STATES, type CanonicalStatus } from "../domain/status.js";
import type { IssueCostStatus } from "../orchestrator/budget.js";
import type { Run } from "../store/runs.js";
import type {
  ProjectTracker,
  ProjectTrackerSlot,
  ProjectTrackers,
} from "../trackers/project-trackers.js";
import type { TrackerCapabilities } from "../trackers/tracker.js";
import { commentAuthor, commentText, OPERATOR, type IssueActor } from "./actor.js";
import {
  boardStatuses,
  groupColumns,
  matchesFilter,
  type Board,
  type BoardIssueFacts,
} from "./board.js";
import {
  parseLabel,
  parseStatus,
  toIssuePatch,
  toNewIssue,
  type CreateIssueInput,
  type UpdateIssueInput,
} from "./issue-input.js";
import { childParent, ownIssue, settableStatus } from "./run-scope.js";

/** Filters of the board. */
export interface BoardQuery {
  projectId?: string | undefined;
  /** Status spellings (aliases allowed); shown columns are exactly these. */
  statuses?: readonly string[] | undefined;
  q?: string | undefined;
  label?: string | undefined;
  includeTerminal?: boolean | undefined;
}

/** Detail of one issue (§17.2). */
export interface IssueDetail {
  project: { id: string; name: string };
  issue: Issue;
  comments: Comment[];
  /** Runs of the issue, newest first. */
  runs: Run[];
  current_run: Run | null;
  /** Why the orchestrator would not dispatch it now (null until eligibility reporting exists). */
  skip_reason: string | null;
  /** Spend against the cap (§13.3); null without the service's store. */
  cost: IssueCostStatus | null;
}

export interface IssueServiceDeps {
  trackers: ProjectTrackers;
  onMutated?: (projectId: string, issueId: string) => void;
  /** Run history of an issue, newest first. */
  runsFor?: (projectId: string, issueId: string) => Promise<Run[]>;
  /** `tracker.terminal_states` (hidden from the board by default). */
  terminalStates?: () => readonly CanonicalStatus[];
  /** The dispatcher's first failing eligibility rule for the issue (§7.2), null = eligible. */
  skipReason?: (projectId: string, issueId: string) => Promise<string | null>;
  /** The issue's spend against its cap (§13.3). */
  cost?: (projectId: string, issueId: string) => Promise<IssueCostStatus>;
  /** The dispatcher's focus, spend and skip reason of board issues, keyed `<project_id>:<id>`. */
  boardFacts?: (issues: readonly Issue[]) => Promise<Record<string, BoardIssueFacts>>;
  now?: () => Date;
}

export class IssueService {
  constructor(private readonly deps: IssueServiceDeps) {}

  async board(query: BoardQuery = {}): Promise<Board> {
    const statuses = boardStatuses({
      statuses: query.statuses?.map(parseStatus),
      includeTerminal: query.includeTerminal ?? false,
      terminal: this.deps.terminalStates?.() ?? DEFAULT_TERMINAL_STATES,
    });
    const label = query.label === undefined ? undefined : parseLabel(query.label);
    const slots = filterProjects(await this.deps.trackers.list(), query.projectId);
    const issues: Issue[] = [];
    const errors: Board["errors"] = [];
    await Promise.all(
      slots.map(async (slot) => {
        try {
          if (!slot.ok) throw slot.error;
          const found = await slot.tracker.fetchIssuesByStates(statuses);
          issues.push(...found.filter((i) => matchesFilter(i, { q: query.q, label })));
        } catch (e) {
          const err = e instanceof OompahError ? e : new OompahError("tracker_request", String(e));
          errors.push({ project_id: slot.projectId, code: err.code, message: err.message });
        }
      }),
    );
    if (slots.length > 0 && errors.length === slots.length) {
      throw new OompahError("snapshot_unavailable", "no project's issues could be read", {
        details: { errors },
      });
    }
    const facts = (await this.deps.boardFacts?.(issues)) ?? {};
    const now = this.deps.now?.() ?? new Date();
    return {
      columns: groupColumns(issues, statuses),
      generated_at: now.toISOString(),
      errors,
      facts,
    };
  }

  /** Creates an issue; without `project_id` the only registered project is used. */
  async create(actor: IssueActor, input: CreateIssueInput): Promise<Issue> {
    const scoped =
      actor.kind === "run"
        ? {
            ...input,
            project_id: actor.scope.projectId,
            parent: childParent(actor.scope, input.parent ?? undefined),
          }
        : input;
    const newIssue = toNewIssue(scoped);
    const project = scoped.project_id
      ? await this.deps.trackers.get(scoped.project_id)
      : await this.onlyProject();
    if (actor.kind === "run") this.ownProject(actor, project);
    requireCapability(project, "create");
    const issue = await project.tracker.createIssue(newIssue);
    this.mutated(project, issue.id);
    return issue;
  }

  async detail(
    projectRef: string,
    issueId: string,
    actor: IssueActor = OPERATOR,
  ): Promise<IssueDetail> {
    const project = await this.deps.trackers.get(projectRef);
    this.authorize(actor, project, issueId);
    const { issue, comments } = await project.tracker.getIssueDetail(issueId);
    const runs = (await this.deps.runsFor?.(project.projectId, issue.id)) ?? [];
    const skip = await this.deps.skipReason?.(project.projectId, issue.id).catch(() => null);
    const cost = (await this.deps.cost?.(project.projectId, issue.id)) ?? null;
    return {
      project: { id: project.projectId, name: project.name },
      issue,
      comments,
      runs,
      current_run: runs.find((r) => r.phase !== "finished") ?? null,
      skip_reason: skip ?? null,
      cost,
    };
  }

  /** Applies a partial update, then the optional comment; returns the issue as stored. */
  async update(
    actor: IssueActor,
    projectRef: string,
    issueId: string,
    input: UpdateIssueInput & { comment?: string | undefined },
  ): Promise<Issue> {
    const patch = toIssuePatch(input);
    const text = input.comment === undefined ? null : commentText(input.comment);
    const author = text === null ? null : commentAuthor(actor);
    const project = await this.deps.trackers.get(projectRef);
    this.authorize(actor, project, issueId);
    if (actor.kind === "run") runPatchAllowed(patch);
    if (text !== null) requireCapability(project, "comments");
    let issue: Issue | null = null;
    if (actor.kind === "run" && patch.status !== undefined) {
      // Lets the run's own attempt tell its handoff/question from a human's move (§7.6).
      await project.tracker.setMetadata(issueId, STATUS_SET_BY_RUN_KEY, actor.scope.runId);
    }
    if (Object.keys(patch).length > 0) issue = await project.tracker.updateIssue(issueId, patch);
    if (text !== null && author !== null) {
      await project.tracker.addComment(issueId, { author, text });
      issue = null;
    }
    if (Object.keys(patch).length > 0 || text !== null) this.mutated(project, issueId);
    return issue ?? (await project.tracker.getIssueDetail(issueId)).issue;
  }

  /** Soft delete: the issue moves to Archived. */
  archive(actor: IssueActor, projectRef: string, issueId: string): Promise<Issue> {
    return this.update(actor, projectRef, issueId, { status: "Archived" });
  }

  async comments(
    projectRef: string,
    issueId: string,
    actor: IssueActor = OPERATOR,
  ): Promise<Comment[]> {
    const project = await this.deps.trackers.get(projectRef);
    this.authorize(actor, project, issueId);
    return project.tracker.listComments(issueId);
  }

  async addComment(
    actor: IssueActor,
    projectRef: string,
    issueId: string,
    input: { text: string; author?: string | null | undefined },
  ): Promise<Comment> {
    const text = commentText(input.text);
    const author = commentAuthor(actor, input.author);
    const project = await this.deps.trackers.get(projectRef);
    this.authorize(actor, project, issueId);
    requireCapability(project, "comments");
    const comment = await project.tracker.addComment(issueId, { author, text });
    this.mutated(project, issueId);
    return comment;
  }

  async addLabel(
    actor: IssueActor,
    projectRef: string,
    issueId: string,
    label: string,
  ): Promise<Issue> {
    return this.changeLabel(actor, projectRef, issueId, parseLabel(label), "add");
  }

  async removeLabel(
    actor: IssueActor,
    projectRef: string,
    issueId: string,
    label: string,
  ): Promise<Issue> {
    return this.changeLabel(actor, projectRef, issueId, parseLabel(label), "remove");
  }

  /** A run may touch only its own issue in its own project (§19.3); operators anything. */
  private authorize(actor: IssueActor, project: ProjectTracker, issueId: string): void {
    if (actor.kind === "operator") return;
    this.ownProject(actor, project);
    ownIssue(actor.scope, issueId);
  }

  private ownProject(actor: Extract<IssueActor, { kind: "run" }>, project: ProjectTracker): void {
    if (project.projectId !== actor.scope.projectId) {
      throw new OompahError(
        "forbidden",
        `this run may only use its own project ${actor.scope.projectId}`,
      );
    }
  }

  private async changeLabel(
    actor: IssueActor,
    projectRef: string,
    issueId: string,
    label: string,
    op: "add" | "remove",
  ): Promise<Issue> {
    const project = await this.deps.trackers.get(projectRef);
    this.authorize(actor, project, issueId);
    requireCapability(project, "labels");
    if (op === "add") await project.tracker.addLabel(issueId, label);
    else await project.tracker.removeLabel(issueId, label);
    this.mutated(project, issueId);
    return (await project.tracker.getIssueDetail(issueId)).issue;
  }

  private async onlyProject(): Promise<ProjectTracker> {
    const slots = await this.deps.trackers.list();
    const only = slots.length === 1 ? slots[0] : undefined;
    if (!only) {
      throw new OompahError(
        "project_required",
        slots.length === 0
          ? "no project is registered"
          : `${slots.length} projects are registered: name one with project_id`,
        {
          hint:
            slots.length === 0
              ? "register one with `oompah project add`"
              : "pass project_id (or --project)",
        },
      );
    }
    return this.deps.trackers.get(only.projectId);
  }

  private mutated(project: ProjectTracker, issueId: string): void {
    this.deps.onMutated?.(project.projectId, issueId);
  }
}

/** The slots of the project named by id (or else name); all slots without a filter. */
function filterProjects(
  slots: ProjectTrackerSlot[],
  ref: string | undefined,
): ProjectTrackerSlot[] {
  if (ref === undefined) return slots;
  const byId = slots.filter((s) => s.projectId === ref);
  const found = byId.length > 0 ? byId : slots.filter((s) => s.name === ref);
  if (found.length === 0) {
    throw new OompahError("project_not_found", `no project "${ref}"`, {
      details: { project: ref },
    });
  }
  return found;
}

function requireCapability(project: ProjectTracker, capability: keyof TrackerCapabilities): void {
  if (!project.tracker.capabilities[capability]) {
    throw new OompahError(
      "unsupported_operation",
      `the ${project.tracker.kind} tracker of project ${project.name} does not support ${capability}`,
      { details: { project_id: project.projectId, capability } },
    );
  }
}

/** The only change a run may make to its issue is its status, and only to Open, Needs Answer or Needs Human. */
function runPatchAllowed(patch: ReturnType<typeof toIssuePatch>): void {
  const other = Object.keys(patch).filter((k) => k !== "status");
  if (other.length > 0) {
    throw new OompahError("forbidden", `a run may not change ${other.join(", ")}`, {
      hint: "a run may set status Open, Needs Answer or Needs Human, comment and label",
    });
  }
  if (patch.status !== undefined) settableStatus(patch.status);
}
