/**
 * Spellings operators (and the original oompah) write, mapped onto canonical
 * values before schema validation: tracker kind aliases, status lists through
 * the §4.3 alias table, and per-state slot limits.
 */
import { OompahError, type Warning } from "../domain/errors.js";
import { canonicalTrackerKind } from "../domain/tracker-kind.js";

export { canonicalTrackerKind };
import { canonicalStatus, type CanonicalStatus } from "../domain/status.js";
import { describeValue, formatPath, isPlainObject } from "./key-path.js";
import { splitCommaList } from "./schema-fields.js";

function canonicalList(raw: unknown, path: string): CanonicalStatus[] {
  const list = splitCommaList(raw);
  if (!Array.isArray(list)) {
    throw new OompahError("invalid_config_value", `${path}: expected a list of statuses`, {
      details: {
        path,
        expected: "a list of statuses or a comma-separated string",
        got: describeValue(raw),
      },
    });
  }
  const out: CanonicalStatus[] = [];
  list.forEach((entry, i) => {
    const s = typeof entry === "string" ? canonicalStatus(entry) : null;
    if (s === null) {
      const p = formatPath([...path.split("."), i]);
      throw new OompahError(
        "invalid_config_value",
        `${p}: ${JSON.stringify(entry)} is not a known status`,
        {
          hint: "use a canonical status (e.g. Open, Needs CI Fix) or one of its aliases",
          details: { path: p, expected: "a canonical status or alias", got: describeValue(entry) },
        },
      );
    }
    if (!out.includes(s)) out.push(s);
  });
  return out;
}

/** Canonicalises `tracker.*` and `agent.max_concurrent_agents_by_state` in place; returns warnings. */
export function normaliseTree(tree: Record<string, unknown>): Warning[] {
  const warnings: Warning[] = [];
  const tracker = tree.tracker;
  if (isPlainObject(tracker)) {
    if (tracker.kind !== undefined && tracker.kind !== null)
      tracker.kind = canonicalTrackerKind(tracker.kind);
    if (tracker.active_states !== undefined) {
      const active = canonicalList(tracker.active_states, "tracker.active_states");
      if (active.includes("In Progress")) {
        warnings.push({
          code: "active_state_ignored",
          message:
            "tracker.active_states: In Progress is the claim status and is never dispatched; ignored",
          path: "tracker.active_states",
        });
      }
      tracker.active_states = active.filter((s) => s !== "In Progress");
    }
    if (tracker.terminal_states !== undefined) {
      tracker.terminal_states = canonicalList(tracker.terminal_states, "tracker.terminal_states");
    }
  }
  const agent = tree.agent;
  if (isPlainObject(agent) && isPlainObject(agent.max_concurrent_agents_by_state)) {
    const limits: Partial<Record<CanonicalStatus, number>> = {};
    for (const [key, value] of Object.entries(agent.max_concurrent_agents_by_state)) {
      const path = `agent.max_concurrent_agents_by_state.${key}`;
      const status = canonicalStatus(key);
      const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
      if (status === null || typeof n !== "number" || !Number.isInteger(n) || n <= 0) {
        warnings.push({
          code: "state_limit_ignored",
          message: `${path}: ${status === null ? "not a known status" : "limit must be an integer > 0"}; entry ignored`,
          path,
        });
        continue;
      }
      limits[status] = n;
    }
    agent.max_concurrent_agents_by_state = limits;
  }
  return warnings;
}
