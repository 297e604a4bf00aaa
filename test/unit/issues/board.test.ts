import { describe, expect, it } from "vitest";
import { makeIssue } from "../../../src/domain/issue.js";
import { DEFAULT_TERMINAL_STATES } from "../../../src/domain/status.js";
import { boardStatuses, groupColumns, matchesFilter } from "../../../src/issues/board.js";

const issue = (
  id: string,
  over: Parameters<typeof makeIssue>[0] extends infer T ? Partial<T> : never = {},
) => makeIssue({ id, project_id: "p", state: "Open", title: id, ...over });

describe("board shaping", () => {
  it("shows every non-terminal status in §4.3 order unless terminal columns are asked for", () => {
    const terminal = DEFAULT_TERMINAL_STATES;
    expect(boardStatuses({ includeTerminal: false, terminal })).toEqual([
      "Backlog",
      "Open",
      "In Progress",
      "Needs Answer",
      "Needs Human",
      "In Review",
      "Needs CI Fix",
      "Needs Rebase",
    ]);
    expect(boardStatuses({ includeTerminal: true, terminal })).toHaveLength(11);
    expect(boardStatuses({ statuses: ["Done", "Open"], includeTerminal: false, terminal })).toEqual(
      ["Open", "Done"],
    );
  });

  it("orders a column by priority (unknown last), then age, then identifier", () => {
    const columns = groupColumns(
      [
        issue("X-10", { priority: null, created_at: "2025-01-01T00:00:00Z" }),
        issue("X-2", { priority: 1, created_at: "2025-01-03T00:00:00Z" }),
        issue("X-3", { priority: 1, created_at: "2025-01-02T00:00:00Z" }),
        issue("X-4", { priority: 0 }),
        issue("X-9", { state: "Merged" }),
      ],
      ["Open", "In Review"],
    );
    expect(columns.map((c) => [c.status, c.issues.map((i) => i.id)])).toEqual([
      ["Open", ["X-4", "X-3", "X-2", "X-10"]],
      ["In Review", []],
    ]);
  });

  it("filters by label and by case-insensitive text over id, title, description and labels", () => {
    const i = issue("X-1", { title: "Fix Login", description: "OAuth flow", labels: ["auth"] });
    expect(matchesFilter(i, { q: "login" })).toBe(true);
    expect(matchesFilter(i, { q: "oauth" })).toBe(true);
    expect(matchesFilter(i, { q: "x-1" })).toBe(true);
    expect(matchesFilter(i, { q: "billing" })).toBe(false);
    expect(matchesFilter(i, { label: "auth", q: "AUTH" })).toBe(true);
    expect(matchesFilter(i, { label: "ui" })).toBe(false);
  });
});
