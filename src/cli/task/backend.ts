/**
 * What `oompah task` needs from wherever the tracker is: the server API
 * (`http-backend.ts`) or the issue service in-process on the working copy
 * (`direct-backend.ts`). Both take the user's raw spellings and let the issue
 * service canonicalise them, so errors are identical in every mode.
 */
import type { Comment, Issue } from "../../domain/issue.js";
import type { Board } from "../../issues/board.js";
import type { CreateIssueInput } from "../../issues/issue-input.js";
import type { IssueDetail } from "../../issues/issue-service.js";

/** An issue named on the command line, with the optional `--project`. */
export interface TaskRef {
  id: string;
  project?: string | undefined;
}

/** Filters of `oompah task list`. */
export interface TaskListQuery {
  project?: string | undefined;
  statuses?: string[] | undefined;
  label?: string | undefined;
  /** Include terminal statuses (`--all`). */
  all: boolean;
}

/** An issue detail as the CLI receives it (runs as sent over the wire). */
export type TaskDetail = Omit<IssueDetail, "runs" | "current_run"> & {
  runs: Array<Partial<IssueDetail["runs"][number]>>;
};

export interface TaskBackend {
  list(query: TaskListQuery): Promise<Board>;
  view(ref: TaskRef): Promise<TaskDetail>;
  create(input: CreateIssueInput): Promise<Issue>;
  comment(ref: TaskRef, text: string): Promise<Comment>;
  setStatus(ref: TaskRef, status: string, comment?: string): Promise<Issue>;
  label(ref: TaskRef, op: "add" | "remove", label: string): Promise<Issue>;
  /** Releases the tracker (direct mode flushes pending commits). */
  close(): Promise<void>;
}
