import { describe, expect, it } from "vitest";
import { retryDelaySequence } from "../../../src/domain/backoff.js";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import {
  checkEligibility,
  effectiveCostCap,
  overCostCap,
} from "../../../src/domain/eligibility.js";
import { selectFocus } from "../../../src/domain/focus-scoring.js";
import { sortCandidates } from "../../../src/domain/ordering.js";
import { matchProfile, type Profile } from "../../../src/domain/profile.js";
import { costOf } from "../../../src/providers/pricing.js";
import { eligibleInput, issue } from "./dispatch-fixtures.js";

/** Freezes a value and everything reachable from it, so any mutation throws. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

describe("routing and dispatch rules are pure", () => {
  it("[C25] scoring, ordering, backoff, eligibility, cost and cost-cap arithmetic give the same answer twice from frozen inputs", () => {
    const issues = deepFreeze([
      issue({ identifier: "X-10", priority: 1, type: "bug", title: "Login crash" }),
      issue({ identifier: "X-9", priority: 1, type: "chore", title: "Fix typo" }),
      issue({ identifier: "X-2", priority: null, type: "feature", title: "Add export" }),
    ]);
    const profiles: Profile[] = deepFreeze([
      { name: "quick", issue_types: ["chore"], keywords: ["typo"] },
      { name: "deep", issue_types: ["bug"], keywords: [] },
      { name: "standard", issue_types: [], keywords: [] },
    ]);
    const input = deepFreeze(eligibleInput());
    const run = () => ({
      order: sortCandidates(issues, (i) => i).map((i) => i.identifier),
      profiles: issues.map((i) => matchProfile(i, profiles).profile.name),
      foci: issues.map((i) => selectFocus({ ...i, state: "Open" }, BUILTIN_FOCI).focus.name),
      delays: retryDelaySequence(7, 300_000),
      eligible: checkEligibility(input),
      capped: [overCostCap(2, effectiveCostCap(null, 2)), overCostCap(2, effectiveCostCap(3, 2))],
      cost: costOf(
        deepFreeze({ input: 1_000_000, cached_input: 200_000, output: 500_000 }),
        deepFreeze({ input_per_1m: 3, cached_input_per_1m: 0.3, output_per_1m: 15 }),
      ),
    });
    const first = run();
    expect(run()).toEqual(first);
    expect(first.order).toEqual(["X-9", "X-10", "X-2"]);
    expect(first.profiles).toEqual(["deep", "quick", "standard"]);
    expect(first.delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(first.eligible.eligible).toBe(true);
    expect(first.capped).toEqual([true, false]);
    expect(first.foci).toHaveLength(3);
    expect(first.cost).toBeCloseTo(3 + 0.06 + 7.5, 10);
  });
});
