/** Small wire-shaped values for the dashboard model tests. */
import type { Board, Issue } from "../../../web/src/shared/wire.js";

export function issue(id: string, over: Partial<Issue> = {}): Issue {
  return {
    id,
    identifier: id,
    project_id: "demo",
    title: `Title ${id}`,
    description: "",
    type: "task",
    priority: 2,
    state: "Open",
    native_state: null,
    labels: [],
    blocked_by: [],
    parent: null,
    children: [],
    assignee: null,
    url: null,
    branch_name: null,
    target_branch: null,
    review: null,
    created_at: null,
    updated_at: null,
    attachments: [],
    metadata: {},
    ...over,
  };
}

export function board(
  columns: Record<string, Issue[]>,
  generatedAt = "2026-01-01T00:00:00.000Z",
): Board {
  return {
    columns: Object.entries(columns).map(([status, issues]) => ({
      status: status as Board["columns"][number]["status"],
      issues: issues.map((i) => ({ ...i, state: status as Issue["state"] })),
    })),
    generated_at: generatedAt,
    errors: [],
  };
}
