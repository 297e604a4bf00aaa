import { describe, expect, it } from "vitest";
import { drawerSkip } from "../../../web/src/features/issue-drawer/model/drawer.js";

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
