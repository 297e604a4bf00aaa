/**
 * `oompah task` in server mode: every command is one or two calls on the
 * issue routes of §17.2. Without `--project`, the issue's project is found
 * on the board by its id, so commands work the same with one or many
 * projects; ambiguity asks for `--project`.
 */
import { OompahError } from "../../domain/errors.js";
import type { Comment, Issue } from "../../domain/issue.js";
import type { Board } from "../../issues/board.js";
import type { CreateIssueInput } from "../../issues/issue-input.js";
import type { ApiClient } from "../api-client.js";
import type { TaskBackend, TaskDetail, TaskListQuery, TaskRef } from "./backend.js";

const enc = encodeURIComponent;

export class HttpTaskBackend implements TaskBackend {
  constructor(private readonly client: ApiClient) {}

  list(query: TaskListQuery): Promise<Board> {
    const params = new URLSearchParams();
    if (query.project !== undefined) params.set("project_id", query.project);
    for (const s of query.statuses ?? []) params.append("status", s);
    if (query.label !== undefined) params.set("label", query.label);
    if (query.all) params.set("include_terminal", "true");
    const qs = params.toString();
    return this.client.get<Board>(`/api/v1/issues${qs === "" ? "" : `?${qs}`}`);
  }

  async view(ref: TaskRef): Promise<TaskDetail> {
    return this.client.get<TaskDetail>(await this.path(ref));
  }

  create(input: CreateIssueInput): Promise<Issue> {
    return this.client.post<Issue>("/api/v1/issues", input);
  }

  async comment(ref: TaskRef, text: string): Promise<Comment> {
    return this.client.post<Comment>(`${await this.path(ref)}/comments`, { text });
  }

  async setStatus(ref: TaskRef, status: string, comment?: string): Promise<Issue> {
    return this.client.patch<Issue>(await this.path(ref), {
      status,
      ...(comment === undefined ? {} : { comment }),
    });
  }

  async label(ref: TaskRef, op: "add" | "remove", label: string): Promise<Issue> {
    const path = `${await this.path(ref)}/labels`;
    return op === "add"
      ? this.client.post<Issue>(path, { label })
      : this.client.delete<Issue>(`${path}/${enc(label)}`);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The issue's API path; looks the project up on the board when `--project` is absent. */
  private async path(ref: TaskRef): Promise<string> {
    const { project, id } =
      ref.project === undefined ? await this.locate(ref.id) : { project: ref.project, id: ref.id };
    return `/api/v1/projects/${enc(project)}/issues/${enc(id)}`;
  }

  /** Finds the one issue whose id or identifier is `id` across all projects. */
  private async locate(id: string): Promise<{ project: string; id: string }> {
    const board = await this.client.get<Board>(`/api/v1/issues?include_terminal=true&q=${enc(id)}`);
    const all = board.columns.flatMap((c) => c.issues);
    const byId = all.filter((i) => i.id === id);
    const matches = byId.length > 0 ? byId : all.filter((i) => i.identifier === id);
    const projects = [...new Set(matches.map((i) => i.project_id))];
    const only = matches[0];
    if (projects.length === 1 && only !== undefined)
      return { project: only.project_id, id: only.id };
    if (projects.length === 0) {
      throw new OompahError("tracker_not_found", `task ${id} does not exist`, { details: { id } });
    }
    throw new OompahError("project_required", `task ${id} exists in ${projects.length} projects`, {
      hint: `pass --project (one of ${projects.join(", ")})`,
    });
  }
}
