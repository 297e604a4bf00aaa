import { describe, expect, it } from "vitest";
import {
  ELIGIBILITY_RULES,
  checkEligibility,
  type EligibilityInput,
  type SkipReason,
} from "../../../src/domain/eligibility.js";
import { eligibleInput, issue } from "./dispatch-fixtures.js";

type Breaker = (i: EligibilityInput) => void;

/** Each row breaks exactly one rule of the §7.2 table. */
const CASES: Array<[number, SkipReason, string, Breaker]> = [
  [1, "paused", "manual pause", (i) => void (i.service.paused = true)],
  [1, "paused", "max_concurrent_agents 0", (i) => void (i.config.max_concurrent_agents = 0)],
  [2, "project_paused", "project paused", (i) => void (i.project.paused = true)],
  [2, "project_not_ready", "project cloning", (i) => void (i.project.status = "cloning")],
  [2, "project_not_ready", "project in error", (i) => void (i.project.status = "error")],
  [3, "missing_fields", "empty title", (i) => void (i.issue.title = "  ")],
  [3, "missing_fields", "empty identifier", (i) => void (i.issue.identifier = "")],
  [4, "inactive_state", "Backlog", (i) => void (i.issue.state = "Backlog")],
  [4, "inactive_state", "In Review", (i) => void (i.issue.state = "In Review")],
  [
    4,
    "inactive_state",
    "terminal also listed active",
    (i) => {
      i.config.active_states = ["Open", "Done"];
      i.issue.state = "Done";
    },
  ],
  [5, "label_gate", "missing required label", (i) => void (i.config.required_labels = ["agent"])],
  [5, "label_gate", "oompah:skip", (i) => void (i.issue.labels = ["oompah:skip"])],
  [5, "label_gate", "human-only", (i) => void (i.issue.labels = ["human-only"])],
  [5, "label_gate", "oompah:corrupt", (i) => void (i.issue.labels = ["oompah:corrupt"])],
  [6, "empty_description", "blank description", (i) => void (i.issue.description = " \n")],
  [
    7,
    "epic_container",
    "epic with children",
    (i) => {
      i.issue.type = "epic";
      i.issue.children = ["X-2"];
    },
  ],
  [
    8,
    "blocked",
    "open blocker",
    (i) => {
      i.issue.blocked_by = [{ id: "X-0", identifier: "X-0", state: "Open" }];
    },
  ],
  [
    8,
    "blocked",
    "unknown blocker",
    (i) => {
      i.issue.blocked_by = [{ id: "X-0", identifier: "X-0", state: null }];
    },
  ],
  [9, "already_claimed", "active run", (i) => void (i.facts.has_active_run = true)],
  [9, "already_claimed", "pending retry", (i) => void (i.facts.has_pending_retry = true)],
  [9, "already_claimed", "claimed this tick", (i) => void (i.facts.claimed_this_tick = true)],
  [
    10,
    "issue_cost_cap",
    "spend at config cap",
    (i) => {
      i.config.max_cost_per_issue = 2;
      i.facts.spend_usd = 2;
    },
  ],
  [
    10,
    "issue_cost_cap",
    "spend over override",
    (i) => {
      i.facts.cost_cap_override_usd = 1;
      i.facts.spend_usd = 1.5;
    },
  ],
  [
    11,
    "budget_exceeded",
    "budget exceeded, paid model",
    (i) => void (i.service.budget_exceeded = true),
  ],
  [12, "no_provider", "routing failed", (i) => void (i.facts.routing = { ok: false })],
  [
    12,
    "provider_cooldown",
    "provider cooling down",
    (i) => {
      if (i.facts.routing.ok) i.facts.routing.cooldown_until_ms = i.service.now_ms + 1;
    },
  ],
  [13, "no_slot", "global slots full", (i) => void (i.service.running.total = 10)],
  [
    14,
    "no_state_slot",
    "state slots full",
    (i) => {
      i.config.max_concurrent_agents_by_state = { Open: 1 };
      i.service.running.byState = { Open: 1 };
      i.service.running.total = 1;
    },
  ],
  [
    15,
    "no_project_slot",
    "project slots full",
    (i) => {
      i.project.max_concurrent_agents = 2;
      i.service.running.byProject = { "proj-a": 2 };
      i.service.running.total = 2;
    },
  ],
];

describe("dispatch eligibility (SPEC §7.2)", () => {
  it("the table has the fifteen rules in SPEC order", () => {
    expect(ELIGIBILITY_RULES.map((r) => r.n)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
  });

  it("an issue that satisfies every rule is eligible", () => {
    expect(checkEligibility(eligibleInput())).toEqual({ eligible: true, warnings: [] });
  });

  it.each(CASES)("rule %i alone failing yields %s (%s)", (rule, reason, _what, breakIt) => {
    const input = eligibleInput();
    breakIt(input);
    expect(checkEligibility(input)).toMatchObject({ eligible: false, rule, skip_reason: reason });
  });

  it("[C86] reports the first failing rule when several fail", () => {
    // Break rules 15, 13, 8, 6 and 4 at once: the report names rule 4 only.
    const input = eligibleInput();
    CASES.find(([n]) => n === 15)?.[3](input);
    input.service.running.total = 10;
    input.issue.blocked_by = [{ id: "B", identifier: "B", state: "Open" }];
    input.issue.description = "";
    input.issue.state = "Backlog";
    expect(checkEligibility(input)).toMatchObject({ rule: 4, skip_reason: "inactive_state" });
    input.issue.state = "Open";
    expect(checkEligibility(input)).toMatchObject({ rule: 6, skip_reason: "empty_description" });
    input.issue.description = "text";
    expect(checkEligibility(input)).toMatchObject({ rule: 8, skip_reason: "blocked" });
    input.issue.blocked_by = [];
    expect(checkEligibility(input)).toMatchObject({ rule: 13, skip_reason: "no_slot" });
  });

  it("[C86] each adjacent pair of failing rules reports the earlier one", () => {
    for (let k = 0; k + 1 < CASES.length; k++) {
      const [a, reasonA, , breakA] = CASES[k]!;
      const [b, , , breakB] = CASES[k + 1]!;
      if (a === b) continue;
      const input = eligibleInput();
      breakB(input);
      breakA(input);
      expect(checkEligibility(input), `rules ${a} and ${b}`).toMatchObject({
        rule: a,
        skip_reason: reasonA,
      });
    }
  });

  it("[C59] a Backlog issue is never dispatched under default settings", () => {
    const input = eligibleInput();
    input.issue = issue({ state: "Backlog" });
    input.dispatch_state = "Backlog";
    expect(checkEligibility(input)).toMatchObject({
      eligible: false,
      skip_reason: "inactive_state",
    });
  });

  it("[C61] an empty description is skipped only while require_description is true", () => {
    const input = eligibleInput();
    input.issue.description = "";
    expect(checkEligibility(input)).toMatchObject({ skip_reason: "empty_description" });
    input.config.require_description = false;
    expect(checkEligibility(input).eligible).toBe(true);
  });

  it("a blocker in a terminal status does not block; an unknown one blocks with blocker_not_found", () => {
    const input = eligibleInput();
    input.issue.blocked_by = [{ id: "B", identifier: "X-0", state: "Done" }];
    expect(checkEligibility(input).eligible).toBe(true);
    input.issue.blocked_by.push({ id: "C", identifier: "X-00", state: null });
    const verdict = checkEligibility(input);
    expect(verdict).toMatchObject({ skip_reason: "blocked" });
    expect(verdict.warnings.map((w) => w.code)).toEqual(["blocker_not_found"]);
  });

  it("blocker states looked up by the caller win over the issue's own copy", () => {
    const input = eligibleInput();
    input.issue.blocked_by = [{ id: "B", identifier: "X-0", state: "Open" }];
    input.facts.blockers = [{ id: "B", identifier: "X-0", state: "Merged" }];
    expect(checkEligibility(input).eligible).toBe(true);
  });

  it("required labels compare case-insensitively and trimmed", () => {
    const input = eligibleInput();
    input.config.required_labels = [" Agent "];
    input.issue.labels = ["agent"];
    expect(checkEligibility(input).eligible).toBe(true);
  });

  it("an exceeded budget still dispatches explicitly free or subscription models", () => {
    for (const key of ["free", "subscription"] as const) {
      const input = eligibleInput();
      input.service.budget_exceeded = true;
      if (input.facts.routing.ok) input.facts.routing[key] = true;
      expect(checkEligibility(input).eligible, key).toBe(true);
    }
  });

  it("a zero cap means no cap; an expired cooldown does not skip", () => {
    const input = eligibleInput();
    input.facts.spend_usd = 99;
    if (input.facts.routing.ok) input.facts.routing.cooldown_until_ms = input.service.now_ms;
    expect(checkEligibility(input).eligible).toBe(true);
  });

  it("due retries skip rules 3–9 but obey 1, 2 and 10–15", () => {
    const input = eligibleInput();
    input.kind = "retry";
    input.issue.state = "In Progress";
    input.issue.description = "";
    input.facts.has_pending_retry = true;
    expect(checkEligibility(input).eligible).toBe(true);
    input.service.running.total = 10;
    expect(checkEligibility(input)).toMatchObject({ skip_reason: "no_slot" });
    input.project.paused = true;
    expect(checkEligibility(input)).toMatchObject({ skip_reason: "project_paused" });
  });
});
