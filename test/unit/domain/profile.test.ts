import { describe, expect, it } from "vitest";
import {
  NO_ESCALATION,
  escalateAfterRun,
  matchProfile,
  nextProfile,
  profileForRun,
  scoreProfile,
  type EscalationState,
  type Profile,
  type ProfileInput,
} from "../../../src/domain/profile.js";

/** The profiles of the SPEC §3.8 example WORKFLOW.md. */
const EXAMPLE: Profile[] = [
  {
    name: "quick",
    model_role: "fast",
    issue_types: ["chore"],
    keywords: ["typo", "rename", "cleanup"],
  },
  { name: "standard", model_role: "standard", issue_types: ["task", "feature"], keywords: [] },
  { name: "deep", model_role: "deep", issue_types: ["bug", "epic"], keywords: [] },
];

const input = (i: Partial<ProfileInput>): ProfileInput => ({
  title: "",
  description: "",
  type: "task",
  priority: null,
  ...i,
});

describe("profile matching (SPEC §9.1)", () => {
  it("[C97] picks quick for a chore mentioning a typo, standard for a feature and deep for a bug", () => {
    const chore = matchProfile(input({ type: "chore", title: "Fix typo in README" }), EXAMPLE);
    expect(chore.profile.name).toBe("quick");
    expect(chore.score).toBe(15);
    expect(
      matchProfile(input({ type: "feature", title: "Export to CSV" }), EXAMPLE).profile.name,
    ).toBe("standard");
    expect(matchProfile(input({ type: "bug", title: "Crash on save" }), EXAMPLE).profile.name).toBe(
      "deep",
    );
    expect(matchProfile(input({ type: "bug", title: "Crash on save" }), EXAMPLE).scores).toEqual([
      { name: "quick", score: null },
      { name: "standard", score: null },
      { name: "deep", score: 10 },
    ]);
  });

  it("[C98] uses the implicit default profile when none are configured or none match", () => {
    const none = matchProfile(input({ type: "bug" }), []);
    expect(none.implicit).toBe(true);
    expect(none.profile).toMatchObject({ name: "default", issue_types: [], keywords: [] });
    expect(none.profile.model ?? null).toBeNull();
    expect(none.profile.model_role ?? null).toBeNull();
    const unmatched = matchProfile(input({ type: "chore", title: "bump deps" }), EXAMPLE.slice(1));
    expect(unmatched.implicit).toBe(true);
    expect(unmatched.profile.name).toBe("default");
  });

  it.each<[string, Profile, Partial<ProfileInput>, number | null]>([
    [
      "keyword substring, no types",
      { name: "p", issue_types: [], keywords: ["auth"] },
      { title: "OAuth flow" },
      5,
    ],
    [
      "keywords set but none match, no types → skip",
      { name: "p", issue_types: [], keywords: ["auth"] },
      { title: "x" },
      null,
    ],
    [
      "keywords miss but types match → kept",
      { name: "p", issue_types: ["task"], keywords: ["auth"] },
      { title: "x" },
      10,
    ],
    ["catch-all scores 0", { name: "p", issue_types: [], keywords: [] }, {}, 0],
    [
      "explicit bound in range +3",
      { name: "p", issue_types: [], keywords: [], max_priority: 1 },
      { priority: 0 },
      3,
    ],
    [
      "null priority counts as 2",
      { name: "p", issue_types: [], keywords: [], max_priority: 1 },
      { priority: null },
      null,
    ],
    [
      "null bounds are not explicit",
      { name: "p", issue_types: [], keywords: [], min_priority: null, max_priority: null },
      {},
      0,
    ],
    [
      "below min → skip",
      { name: "p", issue_types: [], keywords: [], min_priority: 3 },
      { priority: 2 },
      null,
    ],
  ])("%s", (_label, profile, i, expected) => {
    expect(scoreProfile(profile, input(i))).toBe(expected);
  });

  it("breaks ties by declaration order", () => {
    const a: Profile = { name: "a", issue_types: ["task"], keywords: [] };
    const b: Profile = { name: "b", issue_types: ["task"], keywords: [] };
    expect(matchProfile(input({}), [a, b]).profile.name).toBe("a");
    expect(matchProfile(input({}), [b, a]).profile.name).toBe("b");
  });
});

describe("escalation (SPEC §9.2)", () => {
  it("[C99] with escalate_after_attempts 1 failures climb quick → standard → deep and stay; success resets", () => {
    const issue = input({ type: "chore", title: "typo" });
    const opts = (used: string) => ({
      ladder: EXAMPLE,
      usedProfile: used,
      escalateAfterAttempts: 1,
    });
    let state: EscalationState = NO_ESCALATION;
    const used: string[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const { profile } = profileForRun(issue, EXAMPLE, state);
      used.push(profile.name);
      state = escalateAfterRun(state, "failure", opts(profile.name));
    }
    expect(used).toEqual(["quick", "standard", "deep", "deep"]);
    expect(state.escalated_profile).toBe("deep");
    state = escalateAfterRun(state, "success", opts("deep"));
    expect(state).toEqual(NO_ESCALATION);
    expect(profileForRun(issue, EXAMPLE, state).profile.name).toBe("quick");
  });

  it("waits for the configured number of failures, and 0 disables escalation", () => {
    const opts = { ladder: EXAMPLE, usedProfile: "quick", escalateAfterAttempts: 2 };
    const one = escalateAfterRun(NO_ESCALATION, "failure", opts);
    expect(one).toEqual({ consecutive_failures: 1, escalated_profile: null });
    expect(escalateAfterRun(one, "failure", opts).escalated_profile).toBe("standard");
    const off = escalateAfterRun(one, "failure", { ...opts, escalateAfterAttempts: 0 });
    expect(off.escalated_profile).toBeNull();
    expect(
      escalateAfterRun({ consecutive_failures: 3, escalated_profile: "deep" }, "reset", opts),
    ).toEqual(NO_ESCALATION);
  });

  it("steps from the implicit default onto the first rung and stays on the last", () => {
    expect(nextProfile(EXAMPLE, "default")?.name).toBe("quick");
    expect(nextProfile(EXAMPLE, null)?.name).toBe("quick");
    expect(nextProfile(EXAMPLE, "deep")?.name).toBe("deep");
    expect(nextProfile([], "quick")).toBeNull();
  });

  it("ignores an escalated profile that no longer exists", () => {
    const r = profileForRun(input({ type: "bug" }), EXAMPLE, {
      consecutive_failures: 2,
      escalated_profile: "gone",
    });
    expect(r).toMatchObject({ escalated: false, profile: { name: "deep" } });
  });
});
