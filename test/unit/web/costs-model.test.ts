import { describe, expect, it } from "vitest";
import {
  breakdownRows,
  namesFrom,
  unpricedModels,
} from "../../../web/src/features/costs/model/breakdown.js";
import { formatShare } from "../../../web/src/features/costs/model/format.js";
import {
  costsPath,
  periodRange,
  spendSeries,
  windowLabel,
  windowSince,
} from "../../../web/src/features/costs/model/series.js";
import type {
  BudgetStatus,
  CostReport,
  CostRow,
} from "../../../web/src/features/costs/model/wire.js";
import type { StateSnapshot } from "../../../web/src/shared/wire.js";
import { board, issue } from "./fixtures.js";

const NOW = Date.parse("2030-01-08T10:30:00.000Z");

function row(key: string | null, cost: number, over: Partial<CostRow> = {}): CostRow {
  return {
    key,
    cost_usd: cost,
    input_tokens: 100,
    cached_input_tokens: 0,
    output_tokens: 10,
    runs: 1,
    fallback_events: 0,
    ...over,
  };
}

function report(group: CostReport["group_by"], rows: CostRow[]): CostReport {
  const sum = (k: "cost_usd" | "input_tokens" | "output_tokens" | "runs") =>
    rows.reduce((s, r) => s + r[k], 0);
  return {
    group_by: group,
    since: null,
    until: null,
    rows,
    total: {
      cost_usd: sum("cost_usd"),
      input_tokens: sum("input_tokens"),
      cached_input_tokens: 0,
      output_tokens: sum("output_tokens"),
      runs: sum("runs"),
    },
  };
}

function budget(over: Partial<BudgetStatus> = {}): BudgetStatus {
  return {
    limit: 5,
    window: "day",
    window_start: "2030-01-08T00:00:00.000Z",
    window_end: "2030-01-09T00:00:00.000Z",
    spent: 3,
    remaining: 2,
    exceeded: false,
    timezone: "UTC",
    per_issue_cap: 0,
    ...over,
  };
}

describe("cost periods and request paths", () => {
  it("floors rolling ranges to a bucket so the request path is stable within it", () => {
    expect(periodRange("24h", null, NOW)).toEqual({
      since: "2030-01-07T10:00:00.000Z",
      bucket: "hour",
    });
    expect(periodRange("24h", null, NOW + 20 * 60_000)).toEqual(periodRange("24h", null, NOW));
    expect(periodRange("7d", null, NOW)?.since).toBe("2030-01-01T10:00:00.000Z");
    expect(periodRange("30d", null, NOW)).toEqual({
      since: "2029-12-09T00:00:00.000Z",
      bucket: "day",
    });
    expect(periodRange("all", null, NOW)).toEqual({ since: null, bucket: "day" });
  });

  it("follows the budget window: unknown until the budget is, hourly up to a week, daily beyond", () => {
    expect(periodRange("window", null, NOW)).toBeNull();
    expect(periodRange("window", budget(), NOW)).toEqual({
      since: "2030-01-08T00:00:00.000Z",
      bucket: "hour",
    });
    const total = budget({ window: "total", window_start: "2029-11-01T00:00:00.000Z" });
    expect(periodRange("window", total, NOW)?.bucket).toBe("day");
  });

  it("builds cost paths, with the budget's own filter when asked", () => {
    expect(costsPath("model", null)).toBe("/api/v1/costs?group_by=model");
    expect(costsPath("hour", "2030-01-08T00:00:00.000Z", { budgetOnly: true })).toBe(
      "/api/v1/costs?group_by=hour&since=2030-01-08T00%3A00%3A00.000Z&kind=run&billable_only=true",
    );
    const range = { since: "2030-01-07T10:00:00.000Z", bucket: "hour" as const };
    expect(windowSince(range, budget())).toBe("2030-01-08T00:00:00.000Z");
    expect(windowSince(range, budget({ window_start: "2029-01-01T00:00:00.000Z" }))).toBe(
      range.since,
    );
    expect(windowSince({ since: null, bucket: "day" }, budget())).toBe("2030-01-08T00:00:00.000Z");
  });

  it("names each budget window", () => {
    expect(windowLabel(budget())).toBe("today (UTC)");
    expect(windowLabel(budget({ window: "hour" }))).toBe("this hour");
    expect(windowLabel(budget({ window: "week", timezone: "Europe/Paris" }))).toContain(
      "Europe/Paris",
    );
    expect(windowLabel(budget({ window: "total" }))).toBe("since the last reset");
  });
});

describe("spend series", () => {
  const range = { since: "2030-01-07T22:00:00.000Z", bucket: "hour" as const };

  it("fills every bucket from the range start to now, zero where nothing was spent", () => {
    const s = spendSeries({
      spend: report("hour", [
        row("2030-01-08T09:00:00.000Z", 1.5),
        row("2030-01-07T23:00:00.000Z", 0.25),
      ]),
      inWindow: null,
      budget: null,
      range,
      nowMs: NOW,
    });
    expect(s.xs).toHaveLength(13);
    expect(s.xs[0]).toBe(Date.parse("2030-01-07T22:00:00.000Z") / 1000);
    expect(s.xs.at(-1)).toBe(Date.parse("2030-01-08T10:00:00.000Z") / 1000);
    expect(s.spend[1]).toBe(0.25);
    expect(s.spend[11]).toBe(1.5);
    expect(s.spend.filter((v) => v === 0)).toHaveLength(11);
    expect(s.total).toBe(1.75);
    expect(s.inWindow.every((v) => v === null)).toBe(true);
    expect(s.limit).toBeNull();
    expect(s.bucketSeconds).toBe(3600);
  });

  it("accumulates the budget spend over the window and ends at the budget's spent", () => {
    const s = spendSeries({
      spend: report("hour", [row("2030-01-08T09:00:00.000Z", 2)]),
      // $3 spent today, $2 of it within the chart's buckets: $1 came before them.
      inWindow: report("hour", [
        row("2030-01-08T01:00:00.000Z", 0.5),
        row("2030-01-08T09:00:00.000Z", 1.5),
      ]),
      budget: budget({ window_start: "2030-01-08T00:00:00.000Z", spent: 3 }),
      range: { since: "2030-01-08T00:00:00.000Z", bucket: "hour" },
      nowMs: NOW,
    });
    expect(s.inWindow[0]).toBe(1);
    expect(s.inWindow[1]).toBe(1.5);
    expect(s.inWindow[8]).toBe(1.5);
    expect(s.inWindow.at(-1)).toBe(3);
    expect(s.limit).toBe(5);
    expect(s.windowStart).toBe(Date.parse("2030-01-08T00:00:00.000Z") / 1000);
  });

  it("leaves the line out before the window starts and uses days for daily ranges", () => {
    const s = spendSeries({
      spend: report("day", [row("2030-01-06", 4), row("2030-01-08", 1)]),
      inWindow: report("day", [row("2030-01-08", 1)]),
      budget: budget({ spent: 1, limit: 0 }),
      range: { since: "2030-01-05T00:00:00.000Z", bucket: "day" },
      nowMs: NOW,
    });
    expect(s.spend).toEqual([0, 4, 0, 1]);
    expect(s.inWindow).toEqual([null, null, null, 1]);
    expect(s.limit).toBeNull();
    expect(s.bucketSeconds).toBe(86_400);
  });

  it("starts an all-time range at the first bucket with spend", () => {
    const s = spendSeries({
      spend: report("day", [row("2030-01-07", 1)]),
      inWindow: null,
      budget: null,
      range: { since: null, bucket: "day" },
      nowMs: NOW,
    });
    expect(s.spend).toEqual([1, 0]);
    const empty = spendSeries({
      spend: report("day", []),
      inWindow: null,
      budget: null,
      range: { since: null, bucket: "day" },
      nowMs: NOW,
    });
    expect(empty.xs).toEqual([Date.parse("2030-01-08T00:00:00.000Z") / 1000]);
  });
});

describe("breakdown rows", () => {
  const state = { projects: [{ id: "proj-1", name: "demo" }] } as unknown as StateSnapshot;
  const names = namesFrom(
    state,
    board({ Open: [issue("E2E-1", { project_id: "proj-1", title: "Fix the login" })] }),
  );

  it("labels projects by name and issues by identifier and title, with shares", () => {
    const byProject = breakdownRows(
      report("project", [row("proj-1", 3), row("proj-gone", 1)]),
      "project",
      names,
    );
    expect(byProject.map((r) => [r.label, r.detail, r.share])).toEqual([
      ["demo", "proj-1", "75%"],
      ["proj-gone", null, "25%"],
    ]);
    const byIssue = breakdownRows(
      report("issue", [row("proj-1:E2E-1", 2), row("proj-1:E2E-9", 1), row(null, 1)]),
      "issue",
      names,
    );
    expect(byIssue.map((r) => [r.label, r.detail, r.unset])).toEqual([
      ["E2E-1", "Fix the login", false],
      ["E2E-9", "demo", false],
      ["No issue (console turns)", null, true],
    ]);
    expect(breakdownRows(report("focus", [row(null, 1)]), "focus", names)[0]?.label).toBe(
      "(not set)",
    );
  });

  it("lists the models priced with the fallback, most reports first", () => {
    const byModel = report("model", [
      row("gpt-5", 5),
      row("mock-1", 1, { fallback_events: 3 }),
      row("odd-9", 1, { fallback_events: 7 }),
    ]);
    expect(unpricedModels(byModel)).toEqual([
      { model: "odd-9", events: 7 },
      { model: "mock-1", events: 3 },
    ]);
    expect(unpricedModels(null)).toEqual([]);
    expect(breakdownRows(byModel, "model", names)[1]?.fallback_events).toBe(3);
  });
});

describe("cost formats", () => {
  it("gives shares as rounded percentages", () => {
    expect(formatShare(1, 3)).toBe("33%");
    expect(formatShare(0.001, 10)).toBe("<1%");
    expect(formatShare(1, 0)).toBe("—");
  });
});
