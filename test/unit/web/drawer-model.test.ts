import { describe, expect, it } from "vitest";
import {
  drawerSkip,
  liveRunOf,
  withLive,
} from "../../../web/src/features/issue-drawer/model/drawer.js";
import type { Run, RunningEntry, StateSnapshot } from "../../../web/src/shared/wire.js";

describe("drawerSkip", () => {
  const run = {} as NonNullable<Parameters<typeof drawerSkip>[0]["current_run"]>;

  it("shows why an issue that waits for dispatch is not dispatched", () => {
    expect(drawerSkip({ skip_reason: "budget_exceeded", current_run: null })).toBe(
      "budget_exceeded",
    );
  });

  it("says nothing for an issue outside the active statuses, nor while a run is current", () => {
    expect(drawerSkip({ skip_reason: "inactive_state", current_run: null })).toBeNull();
    expect(drawerSkip({ skip_reason: "already_claimed", current_run: run })).toBeNull();
    expect(drawerSkip({ skip_reason: null, current_run: null })).toBeNull();
  });
});

describe("the current run's live counters", () => {
  const run = {
    run_id: "run-2",
    project_id: "demo",
    issue_id: "D-1",
    phase: "running",
    turns: 0,
    input_tokens: 400,
    output_tokens: 60,
    cost_usd: 0.0058,
  } as Run;
  const live = {
    run_id: "run-2",
    project_id: "demo",
    issue_id: "D-1",
    identifier: "D-1",
    phase: "running",
    turns: 1,
    input_tokens: 750,
    output_tokens: 140,
    cost_usd: 0.0117,
  } as RunningEntry;

  it("finds the issue's active run in the state snapshot", () => {
    const state = { running: [live] } as unknown as StateSnapshot;
    expect(liveRunOf(state, { project_id: "demo", id: "D-1" })).toBe(live);
    expect(liveRunOf(state, { project_id: "other", id: "D-1" })).toBeUndefined();
    expect(liveRunOf(null, { project_id: "demo", id: "D-1" })).toBeUndefined();
  });

  it("shows the run with the live turns, tokens and cost, and leaves other runs alone", () => {
    expect(withLive(run, live)).toMatchObject({
      turns: 1,
      input_tokens: 750,
      output_tokens: 140,
      cost_usd: 0.0117,
    });
    const older = { ...run, run_id: "run-1", phase: "finished" } as Run;
    expect(withLive(older, live)).toBe(older);
    expect(withLive(run, undefined)).toBe(run);
  });
});
