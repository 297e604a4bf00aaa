/**
 * The tracker kinds oompah ships and the spellings that select them
 * (SPEC §3.3 `tracker.kind`). Shared by the config schema, the project
 * registry and the tracker registry.
 */
import { OompahError } from "./errors.js";

export const TRACKER_KINDS = [
  "oompah_md",
  "github_issues",
  "gitlab_issues",
  "backlog",
  "beads",
] as const;

export type TrackerKind = (typeof TRACKER_KINDS)[number];

const KIND_ALIASES: Readonly<Record<string, TrackerKind>> = {
  oompah_md: "oompah_md",
  "oompah.md": "oompah_md",
  oompah: "oompah_md",
  github_issues: "github_issues",
  "github-issues": "github_issues",
  gitlab_issues: "gitlab_issues",
  "gitlab-issues": "gitlab_issues",
  backlog: "backlog",
  backlog_md: "backlog",
  "backlog.md": "backlog",
  beads: "beads",
};

/** The canonical tracker kind for a spelling, or throws `unsupported_tracker_kind`. */
export function canonicalTrackerKind(raw: unknown, path = "tracker.kind"): TrackerKind {
  const kind = typeof raw === "string" ? KIND_ALIASES[raw.trim().toLowerCase()] : undefined;
  if (kind !== undefined) return kind;
  throw new OompahError(
    "unsupported_tracker_kind",
    `${path}: unsupported tracker kind ${JSON.stringify(raw)}`,
    {
      hint: `use one of ${Object.keys(KIND_ALIASES).join(", ")}`,
      details: { path, got: typeof raw === "string" ? raw : typeof raw },
    },
  );
}
