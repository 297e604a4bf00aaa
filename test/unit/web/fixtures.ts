/** Small wire-shaped values for the dashboard model tests. */
import { makeIssue } from "../../../src/domain/issue.js";
import type { Board, Issue } from "../../../web/src/shared/wire.js";

export function issue(id: string, over: Partial<Issue> = {}): Issue {
  return {
    ...makeIssue({ id, project_id: "demo", title: `Title ${id}`, priority: 2, state: "Open" }),
    ...over,
  };
}

export function board(
  columns: Record<string, Issue[]>,
  generatedAt = "2026-01-01T00:00:00.000Z",
  facts: Board["facts"] = {},
): Board {
  return {
    columns: Object.entries(columns).map(([status, issues]) => ({
      status: status as Board["columns"][number]["status"],
      issues: issues.map((i) => ({ ...i, state: status as Issue["state"] })),
    })),
    generated_at: generatedAt,
    errors: [],
    facts,
  };
}
