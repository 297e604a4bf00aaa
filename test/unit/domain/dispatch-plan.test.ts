import { describe, expect, it } from "vitest";
import { planDispatch, type DispatchEntry, type RetryEntry } from "../../../src/domain/dispatch.js";
import type { Issue } from "../../../src/domain/issue.js";
import { defaultConfig, eligibleInput, issue } from "./dispatch-fixtures.js";

const facts = eligibleInput().facts;
const entry = (over: Partial<Issue>): DispatchEntry => {
  const i = issue({ id: over.identifier, ...over });
  return { issue: i, dispatch_state: i.state, facts: { ...facts } };
};
const retry = (identifier: string, due_at: string): RetryEntry => ({
  ...entry({ identifier, state: "In Progress" }),
  dispatch_state: "Open",
  facts: { ...facts, has_pending_retry: true },
  due_at,
});
const base = () => ({
  service: eligibleInput().service,
  projects: { "proj-a": eligibleInput().project },
});

describe("dispatch planning (SPEC §7.1 step 4)", () => {
  it("fills the free global slots in §7.3 order and skips the rest with no_slot", () => {
    const plan = planDispatch({
      ...base(),
      config: defaultConfig({ max_concurrent_agents: 2 }),
      retries: [],
      candidates: ["X-5", "X-1", "X-4", "X-2", "X-3"].map((identifier) => entry({ identifier })),
    });
    expect(plan.dispatch.map((d) => d.entry.issue.identifier)).toEqual(["X-1", "X-2"]);
    expect(plan.skipped.map((s) => [s.entry.issue.identifier, s.skip_reason])).toEqual([
      ["X-3", "no_slot"],
      ["X-4", "no_slot"],
      ["X-5", "no_slot"],
    ]);
  });

  it("dispatches due retries first, earliest due_at first", () => {
    const plan = planDispatch({
      ...base(),
      config: defaultConfig({ max_concurrent_agents: 2 }),
      retries: [retry("X-8", "2024-01-01T00:02:00Z"), retry("X-9", "2024-01-01T00:01:00Z")],
      candidates: [entry({ identifier: "X-1", priority: 0 })],
    });
    expect(plan.dispatch.map((d) => [d.kind, d.entry.issue.identifier])).toEqual([
      ["retry", "X-9"],
      ["retry", "X-8"],
    ]);
    expect(plan.skipped[0]).toMatchObject({ skip_reason: "no_slot" });
  });

  it("per-state caps hold while other states keep dispatching", () => {
    const plan = planDispatch({
      ...base(),
      config: defaultConfig({ max_concurrent_agents_by_state: { "Needs Rebase": 1 } }),
      retries: [],
      candidates: [
        entry({ identifier: "R-1", state: "Needs Rebase" }),
        entry({ identifier: "R-2", state: "Needs Rebase" }),
        entry({ identifier: "O-1", state: "Open" }),
      ],
    });
    expect(plan.dispatch.map((d) => d.entry.issue.identifier).sort()).toEqual(["O-1", "R-1"]);
    expect(plan.skipped).toMatchObject([{ skip_reason: "no_state_slot" }]);
  });

  it("an issue offered twice in one tick is claimed once", () => {
    const plan = planDispatch({
      ...base(),
      config: defaultConfig(),
      retries: [],
      candidates: [entry({ identifier: "X-1" }), entry({ identifier: "X-1" })],
    });
    expect(plan.dispatch).toHaveLength(1);
    expect(plan.skipped).toMatchObject([{ skip_reason: "already_claimed" }]);
  });

  it("per-project caps and unknown projects are respected", () => {
    const plan = planDispatch({
      ...base(),
      projects: { "proj-a": { status: "ready", paused: false, max_concurrent_agents: 1 } },
      config: defaultConfig(),
      retries: [],
      candidates: [
        entry({ identifier: "A-1" }),
        entry({ identifier: "A-2" }),
        entry({ identifier: "B-1", project_id: "proj-b" }),
      ],
    });
    expect(plan.dispatch.map((d) => d.entry.issue.identifier)).toEqual(["A-1"]);
    expect(plan.skipped.map((s) => s.skip_reason)).toEqual([
      "no_project_slot",
      "project_not_ready",
    ]);
  });
});
