/**
 * The §7.2 rule table as data: number, name and a check returning the
 * rule's `skip_reason` when it fails, else null. Kept apart from the types so
 * the table reads like the SPEC.
 */
import type { Warning } from "./errors.js";
import type { EligibilityInput, SkipReason } from "./eligibility.js";
import { inCooldown } from "./backoff.js";

/** One row of the eligibility table. */
export interface EligibilityRule {
  n: number;
  name: string;
  check(input: EligibilityInput, warnings: Warning[]): SkipReason | null;
}

/** Rules a due retry skips (§7.3): it is already claimed. */
export const RETRY_SKIPPED_RULES: ReadonlySet<number> = new Set([3, 4, 5, 6, 7, 8, 9]);

/** Labels that keep an issue away from agents whatever else holds (rule 5). */
export const GATE_LABELS: readonly string[] = ["oompah:skip", "human-only", "oompah:corrupt"];
const GATES = new Set(GATE_LABELS);

/** Effective per-issue cap (§13.3): the override if set, else the config; 0 = none. */
export function effectiveCostCap(override: number | null, configured: number): number {
  return override ?? configured;
}

/** True when a cap applies and spend has reached it. */
export function overCostCap(spendUsd: number, cap: number): boolean {
  return cap > 0 && spendUsd >= cap;
}

const norm = (s: string): string => s.trim().toLowerCase();
const blank = (s: string | null | undefined): boolean => !s || s.trim() === "";

export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  {
    n: 1,
    name: "service running",
    check: ({ service, config }) =>
      service.paused || config.max_concurrent_agents <= 0 ? "paused" : null,
  },
  {
    n: 2,
    name: "project ready",
    check: ({ project }) =>
      project.paused ? "project_paused" : project.status !== "ready" ? "project_not_ready" : null,
  },
  {
    n: 3,
    name: "required fields",
    check: ({ issue }) =>
      blank(issue.id) || blank(issue.identifier) || blank(issue.title) || blank(issue.state)
        ? "missing_fields"
        : null,
  },
  {
    n: 4,
    name: "active state",
    check: ({ issue, config }) =>
      config.active_states.includes(issue.state) && !config.terminal_states.includes(issue.state)
        ? null
        : "inactive_state",
  },
  {
    n: 5,
    name: "labels",
    check: ({ issue, config }) => {
      const labels = new Set(issue.labels.map(norm));
      if (issue.labels.some((l) => GATES.has(norm(l)))) return "label_gate";
      return config.required_labels.every((l) => labels.has(norm(l))) ? null : "label_gate";
    },
  },
  {
    n: 6,
    name: "description",
    check: ({ issue, config }) =>
      config.require_description && blank(issue.description) ? "empty_description" : null,
  },
  {
    n: 7,
    name: "not an epic container",
    check: ({ issue }) =>
      issue.type === "epic" && issue.children.length > 0 ? "epic_container" : null,
  },
  {
    n: 8,
    name: "blockers terminal",
    check: ({ issue, facts, config }, warnings) => {
      let blocked = false;
      for (const b of facts.blockers ?? issue.blocked_by) {
        if (b.state === null) {
          warnings.push({
            code: "blocker_not_found",
            message: `${issue.identifier} is blocked by ${b.identifier || b.id}, whose status is unknown`,
          });
          blocked = true;
        } else if (!config.terminal_states.includes(b.state)) blocked = true;
      }
      return blocked ? "blocked" : null;
    },
  },
  {
    n: 9,
    name: "not claimed",
    check: ({ facts }) =>
      facts.has_active_run || facts.has_pending_retry || facts.claimed_this_tick
        ? "already_claimed"
        : null,
  },
  {
    n: 10,
    name: "issue cost cap",
    check: ({ facts, config }) =>
      overCostCap(
        facts.spend_usd,
        effectiveCostCap(facts.cost_cap_override_usd, config.max_cost_per_issue),
      )
        ? "issue_cost_cap"
        : null,
  },
  {
    n: 11,
    name: "budget",
    check: ({ service, facts: { routing } }) =>
      service.budget_exceeded && !(routing.ok && (routing.free || routing.subscription))
        ? "budget_exceeded"
        : null,
  },
  {
    n: 12,
    name: "provider",
    check: ({ service, facts: { routing } }) =>
      !routing.ok
        ? "no_provider"
        : inCooldown(routing.cooldown_until_ms, service.now_ms)
          ? "provider_cooldown"
          : null,
  },
  {
    n: 13,
    name: "global slot",
    check: ({ service, config }) =>
      service.running.total < config.max_concurrent_agents ? null : "no_slot",
  },
  {
    n: 14,
    name: "state slot",
    check: ({ service, config, dispatch_state }) => {
      const cap = config.max_concurrent_agents_by_state[dispatch_state];
      if (cap === undefined) return null;
      return (service.running.byState[dispatch_state] ?? 0) < cap ? null : "no_state_slot";
    },
  },
  {
    n: 15,
    name: "project slot",
    check: ({ service, project, issue }) => {
      const cap = project.max_concurrent_agents;
      if (cap === null) return null;
      return (service.running.byProject[issue.project_id] ?? 0) < cap ? null : "no_project_slot";
    },
  },
];
