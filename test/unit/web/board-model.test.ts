import { describe, expect, it } from "vitest";
import {
  boardColumns,
  countdown,
  runningByIssue,
  runningSummary,
} from "../../../web/src/features/board/model/columns.js";
import type { StateSnapshot } from "../../../web/src/shared/wire.js";
import { board, issue } from "./fixtures.js";

describe("board columns", () => {
  it("lists every canonical status in §4.3 order and hides terminal ones unless asked", () => {
    const b = board({ Done: [issue("D-1")], Open: [issue("O-1")] });
    const hidden = boardColumns(b, { projectId: null, showTerminal: false }).map((c) => c.status);
    expect(hidden).toEqual([
      "Backlog",
      "Open",
      "In Progress",
      "Needs Answer",
      "Needs Human",
      "In Review",
      "Needs CI Fix",
      "Needs Rebase",
    ]);
    const all = boardColumns(b, { projectId: null, showTerminal: true });
    expect(all.map((c) => c.status).slice(-3)).toEqual(["Done", "Merged", "Archived"]);
    expect(all.find((c) => c.status === "Done")?.issues.map((i) => i.id)).toEqual(["D-1"]);
  });

  it("filters by project and survives a missing board", () => {
    const b = board({ Open: [issue("A-1"), issue("B-1", { project_id: "other" })] });
    const open = boardColumns(b, { projectId: "other", showTerminal: false })[1];
    expect(open?.issues.map((i) => i.id)).toEqual(["B-1"]);
    expect(
      boardColumns(null, { projectId: null, showTerminal: false }).every(
        (c) => c.issues.length === 0,
      ),
    ).toBe(true);
  });
});

describe("running entries", () => {
  const state = {
    counts: { running: 2, retrying: 0, candidates: 0 },
    running: [
      {
        run_id: "r1",
        project_id: "demo",
        issue_id: "A-1",
        identifier: "A-1",
        input_tokens: 1000,
        output_tokens: 500,
        cost_usd: 0.25,
        turns: 3,
      },
      {
        run_id: "r2",
        project_id: "demo",
        issue_id: "A-2",
        identifier: "A-2",
        input_tokens: 10,
        cost_usd: 0.05,
      },
    ],
    retrying: [],
  } as unknown as StateSnapshot;

  it("indexes running runs by issue and sums tokens and cost", () => {
    expect(runningByIssue(state).get("demo\u0000A-1")?.turns).toBe(3);
    expect(runningSummary(state)).toEqual({ count: 2, tokens: 1510, costUsd: 0.3 });
    expect(runningSummary(null)).toEqual({ count: 0, tokens: 0, costUsd: 0 });
  });

  it("formats retry countdowns", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(countdown("2026-01-01T00:00:42Z", now)).toBe("in 42s");
    expect(countdown("2026-01-01T00:03:00Z", now)).toBe("in 3m");
    expect(countdown("2025-12-31T00:00:00Z", now)).toBe("due");
  });
});
