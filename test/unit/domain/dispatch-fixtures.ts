/** Shared builders for the dispatch rule tests: one fully eligible issue and its facts. */
import type { EligibilityConfig, EligibilityInput } from "../../../src/domain/eligibility.js";
import { makeIssue, type Issue } from "../../../src/domain/issue.js";
import { DEFAULT_ACTIVE_STATES, DEFAULT_TERMINAL_STATES } from "../../../src/domain/status.js";

/** The §3.3 defaults of the config subset the rules read. */
export const defaultConfig = (over: Partial<EligibilityConfig> = {}): EligibilityConfig => ({
  active_states: [...DEFAULT_ACTIVE_STATES],
  terminal_states: [...DEFAULT_TERMINAL_STATES],
  required_labels: [],
  require_description: true,
  max_concurrent_agents: 10,
  max_concurrent_agents_by_state: {},
  max_cost_per_issue: 0,
  ...over,
});

export const issue = (over: Partial<Issue> = {}): Issue =>
  makeIssue({
    id: "X-1",
    identifier: "X-1",
    project_id: "proj-a",
    title: "Fix the login page",
    description: "The login page crashes on submit.",
    state: "Open",
    ...over,
  });

/** An input on which every rule passes. */
export const eligibleInput = (): EligibilityInput => ({
  kind: "candidate",
  issue: issue(),
  dispatch_state: "Open",
  config: defaultConfig(),
  service: {
    now_ms: 1_000_000,
    paused: false,
    budget_exceeded: false,
    running: { total: 0, byState: {}, byProject: {} },
  },
  project: { status: "ready", paused: false, max_concurrent_agents: null },
  facts: {
    has_active_run: false,
    has_pending_retry: false,
    claimed_this_tick: false,
    spend_usd: 0,
    cost_cap_override_usd: null,
    routing: {
      ok: true,
      provider_id: "prov-1",
      model: "gpt-5",
      free: false,
      subscription: false,
      cooldown_until_ms: null,
    },
  },
});
