/** The proposal queue (§8.5) as the page shows it: pending first, each group newest first. */
import type { Suggestion } from "./wire.js";

export function splitSuggestions(list: readonly Suggestion[]): {
  pending: Suggestion[];
  decided: Suggestion[];
} {
  const newest = (a: Suggestion, b: Suggestion) =>
    b.last_seen.localeCompare(a.last_seen) || a.name.localeCompare(b.name);
  return {
    pending: list.filter((s) => s.status === "pending").sort(newest),
    decided: list.filter((s) => s.status !== "pending").sort(newest),
  };
}
