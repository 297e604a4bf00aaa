/**
 * Dispatch eligibility (SPEC §7.2): fifteen rules evaluated in table order;
 * the first that fails is the issue's `skip_reason`. Routing is resolved by
 * the caller before evaluation because rules 10–12 depend on the provider and
 * model. Due retries are already claimed, so they skip rules 3–9 (§7.3).
 * Plain data in, plain data out.
 */
import type { Warning } from "./errors.js";
import type { BlockedBy, Issue } from "./issue.js";
import type { CanonicalStatus } from "./status.js";
import { ELIGIBILITY_RULES, RETRY_SKIPPED_RULES } from "./eligibility-rules.js";

export {
  ELIGIBILITY_RULES,
  RETRY_SKIPPED_RULES,
  GATE_LABELS,
  effectiveCostCap,
  overCostCap,
} from "./eligibility-rules.js";

/** Every `skip_reason` of the §7.2 table. */
export type SkipReason =
  | "paused"
  | "project_paused"
  | "project_not_ready"
  | "missing_fields"
  | "inactive_state"
  | "label_gate"
  | "empty_description"
  | "epic_container"
  | "blocked"
  | "already_claimed"
  | "issue_cost_cap"
  | "budget_exceeded"
  | "no_provider"
  | "provider_cooldown"
  | "no_slot"
  | "no_state_slot"
  | "no_project_slot";

/** The configuration the rules read (names as in WORKFLOW.md). */
export interface EligibilityConfig {
  active_states: readonly CanonicalStatus[];
  terminal_states: readonly CanonicalStatus[];
  required_labels: readonly string[];
  require_description: boolean;
  max_concurrent_agents: number;
  max_concurrent_agents_by_state: Partial<Record<CanonicalStatus, number>>;
  /** USD; 0 = no cap. */
  max_cost_per_issue: number;
}

/** Runtime status of the issue's project (§4.4 derived `status`). */
export interface ProjectFacts {
  status: "cloning" | "ready" | "error";
  paused: boolean;
  /** Per-project slot cap; null = none. */
  max_concurrent_agents: number | null;
}

/** Active runs right now, counted the way the slot rules need them. */
export interface RunningCounts {
  total: number;
  /** Active runs per `dispatch_state`. */
  byState: Partial<Record<string, number>>;
  /** Active runs per project id. */
  byProject: Partial<Record<string, number>>;
}

/** The resolved routing (§9.4) as far as rules 11–12 need it. */
export type RoutingFacts =
  | {
      ok: true;
      provider_id: string;
      model: string | null;
      /** `model_costs` 0/0 for the resolved model. */
      free: boolean;
      /** Provider `billing: subscription`. */
      subscription: boolean;
      /** Provider cooldown end (ms since epoch); null = none. */
      cooldown_until_ms: number | null;
    }
  | { ok: false };

/** Facts about one issue gathered from the store and routing. */
export interface IssueFacts {
  has_active_run: boolean;
  has_pending_retry: boolean;
  claimed_this_tick: boolean;
  /** Billable spend of all its runs, USD. */
  spend_usd: number;
  /** `issue_overrides.cost_cap_usd`; null = use `max_cost_per_issue`. */
  cost_cap_override_usd: number | null;
  routing: RoutingFacts;
  /** Blockers with their current states when the caller looked them up; else `issue.blocked_by`. */
  blockers?: readonly BlockedBy[];
}

/** Service-wide facts of this tick. */
export interface ServiceFacts {
  now_ms: number;
  /** Manual pause. */
  paused: boolean;
  budget_exceeded: boolean;
  running: RunningCounts;
}

export interface EligibilityInput {
  /** Due retries skip rules 3–9 (they are already claimed). */
  kind: "candidate" | "retry";
  issue: Issue;
  /** Canonical status used for per-state slots: the issue's state, or the retry's `dispatch_state`. */
  dispatch_state: CanonicalStatus;
  config: EligibilityConfig;
  service: ServiceFacts;
  project: ProjectFacts;
  facts: IssueFacts;
}

export type Eligibility =
  | { eligible: true; warnings: Warning[] }
  | { eligible: false; rule: number; skip_reason: SkipReason; warnings: Warning[] };

/** Evaluates the rules in order and reports the first failing one. */
export function checkEligibility(input: EligibilityInput): Eligibility {
  const warnings: Warning[] = [];
  for (const rule of ELIGIBILITY_RULES) {
    if (input.kind === "retry" && RETRY_SKIPPED_RULES.has(rule.n)) continue;
    const reason = rule.check(input, warnings);
    if (reason !== null) return { eligible: false, rule: rule.n, skip_reason: reason, warnings };
  }
  return { eligible: true, warnings };
}
