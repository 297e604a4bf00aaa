import { describe, expect, it } from "vitest";
import {
  CANONICAL_STATUSES,
  DEFAULT_ACTIVE_STATES,
  STATUS_SLUGS,
  canonicalStatus,
} from "../../../src/domain/status.js";
import type { CanonicalStatus } from "../../../src/domain/status.js";
import { parseTaskFile, taskToIssue } from "../../../src/trackers/oompah-md/format/index.js";

/** The alias list of SPEC §4.3, copied from the text so a wrong table entry fails here. */
const SPEC_ALIASES: Record<CanonicalStatus, string[]> = {
  Open: ["to do", "todo", "ready", "new", "reopened"],
  Backlog: ["proposed", "draft", "triage", "icebox", "deferred", "decomposed"],
  "In Progress": ["in progress", "doing", "wip", "started", "hooked", "pinned"],
  "Needs Answer": ["question", "waiting", "needs info"],
  "Needs Human": ["blocked", "duplicate candidate", "needs attention"],
  "In Review": ["review", "in review", "pr open", "in validation", "ready to integrate"],
  "Needs CI Fix": ["ci failed", "ci fix", "failing ci"],
  "Needs Rebase": ["merge conflict", "conflict", "rebase"],
  Done: ["closed", "complete", "completed", "resolved", "finished"],
  Merged: ["merged"],
  Archived: ["cancelled", "canceled", "wontfix", "won't do", "duplicate", "obsolete"],
};

/** Case and separator variants the comparison must ignore. */
function variants(alias: string): string[] {
  return [
    alias,
    alias.toUpperCase(),
    alias.replace(/\b\w/g, (c) => c.toUpperCase()),
    alias.replaceAll(" ", "_"),
    alias.replaceAll(" ", "-"),
    alias.replaceAll(" ", "  "),
    `  ${alias}\t`,
  ];
}

const cases = Object.entries(SPEC_ALIASES).flatMap(([status, aliases]) =>
  aliases.flatMap((a) => variants(a).map((v) => [v, status] as const)),
);

describe("canonical statuses", () => {
  it.each(cases)("[C20] alias %j maps to %s", (alias, status) => {
    expect(canonicalStatus(alias)).toBe(status);
  });

  it.each(CANONICAL_STATUSES.map((s) => [s]))(
    "[C20] canonical name and slug of %s map to it",
    (s) => {
      expect(canonicalStatus(s)).toBe(s);
      expect(canonicalStatus(s.toUpperCase())).toBe(s);
      expect(canonicalStatus(STATUS_SLUGS[s])).toBe(s);
      expect(canonicalStatus(STATUS_SLUGS[s].replaceAll("-", "_"))).toBe(s);
    },
  );

  it("[C20] maps the legacy directory names of the original oompah", () => {
    expect(canonicalStatus("proposed")).toBe("Backlog");
    expect(canonicalStatus("in-validation")).toBe("In Review");
    expect(canonicalStatus("ready-to-integrate")).toBe("In Review");
    expect(canonicalStatus("decomposed")).toBe("Backlog");
    expect(canonicalStatus("duplicate-candidate")).toBe("Needs Human");
  });

  it.each([["someday"], ["blocked by legal"], [""], ["in progres"]])(
    "[C21] %j maps to no canonical status",
    (raw) => {
      expect(canonicalStatus(raw)).toBeNull();
    },
  );

  it("[C21] an unmapped native status reads as Backlog, keeps native_state and is not dispatchable", () => {
    const text = "---\nid: X-1\nstatus: Someday Maybe\ntitle: t\n---\n## Summary\n\nd\n";
    const parsed = parseTaskFile(text, { stem: "X-1", dirSlug: "open" });
    if (parsed.kind !== "task") throw new Error(parsed.reason);
    expect(parsed.warnings.map((w) => w.code)).toEqual(["unknown_status"]);
    const issue = taskToIssue(parsed.doc, { projectId: "p", dirStatus: "Open" });
    expect(issue.state).toBe("Backlog");
    expect(issue.native_state).toBe("Someday Maybe");
    expect(DEFAULT_ACTIVE_STATES).not.toContain(issue.state);
  });
});
