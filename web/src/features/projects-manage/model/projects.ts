/**
 * Pure parts of the Projects page (§17.5 `/projects-manage`): wire types
 * inferred from the server's schemas, the words for clone and webhook
 * status, and the add / settings forms turned into `POST` and `PATCH`
 * bodies (only what was filled in or changed is sent, so server defaults
 * and detection still apply).
 */
import type { z } from "zod";
import type { ScmKind } from "../../../../../src/domain/project.js";
import type { TrackerKind } from "../../../../../src/domain/tracker-kind.js";
import type {
  ProjectCreateSchema,
  ProjectPatchSchema,
  ProjectViewSchema,
  WorktreeSchema,
} from "../../../../../src/projects/project-wire.js";
import type { StateSnapshot } from "../../../shared/wire.js";

export type Project = z.infer<typeof ProjectViewSchema>;
export type ProjectCreate = z.input<typeof ProjectCreateSchema>;
export type ProjectPatch = z.input<typeof ProjectPatchSchema>;
export type Worktree = z.infer<typeof WorktreeSchema>;
export type ProjectSummary = StateSnapshot["projects"][number];

export const TRACKER_LABELS: Record<TrackerKind, string> = {
  oompah_md: "oompah_md (task files in the repo)",
  github_issues: "github_issues",
  gitlab_issues: "gitlab_issues",
  backlog: "backlog (Backlog.md)",
  beads: "beads",
};

export const SCM_LABELS: Record<ScmKind, string> = {
  github: "GitHub",
  gitlab: "GitLab",
  local: "local (push only, no forge)",
};

/** "Cloning…", "Ready", "Error: <message>". */
export function cloneStatusText(p: Pick<Project, "status" | "error_message">): string {
  if (p.status === "cloning") return "Cloning…";
  if (p.status === "ready") return "Ready";
  return `Error: ${p.error_message ?? "the clone failed"}`;
}

/** A time in the browser's locale; the raw text when it is not a date. */
export function formatWhen(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleString();
}

/** The webhook column: forwarding, the forwarder's state, the last delivery. */
export function webhookText(s: ProjectSummary | undefined): string {
  if (!s) return "—";
  const w = s.webhooks;
  const parts = [w.forwarding ? "forwarding on" : "forwarding off"];
  if (w.forwarder_state) parts.push(w.forwarder_state);
  parts.push(
    w.last_webhook_at ? `last delivery ${formatWhen(w.last_webhook_at)}` : "no delivery yet",
  );
  return parts.join(" · ");
}

/** The add form. Blank fields are left to the server (name from the URL, detected SCM…). */
export interface AddForm {
  repo_url: string;
  name: string;
  tracker_kind: string;
  scm: string;
}

export const EMPTY_ADD: AddForm = { repo_url: "", name: "", tracker_kind: "", scm: "" };

export function addBody(f: AddForm): ProjectCreate {
  return {
    repo_url: f.repo_url.trim(),
    ...(f.name.trim() === "" ? {} : { name: f.name.trim() }),
    ...(f.tracker_kind === "" ? {} : { tracker_kind: f.tracker_kind }),
    ...(f.scm === "" ? {} : { scm: f.scm as ScmKind }),
  };
}

/** The tracker and SCM settings as the edit form shows them. */
export interface SettingsForm {
  tracker_kind: string;
  tracker_settings: string;
  scm: ScmKind;
  default_branch: string;
  forge_base_url: string;
  access_token_env: string;
  webhook_secret_env: string;
  webhook_forwarding: boolean;
  local_success_status: "In Review" | "Done";
}

export function settingsForm(p: Project): SettingsForm {
  return {
    tracker_kind: p.tracker_kind ?? "",
    tracker_settings:
      Object.keys(p.tracker_settings).length === 0
        ? ""
        : JSON.stringify(p.tracker_settings, null, 2),
    scm: p.scm,
    default_branch: p.default_branch ?? "",
    forge_base_url: p.forge_base_url ?? "",
    access_token_env: p.access_token_env ?? "",
    webhook_secret_env: p.webhook_secret_env ?? "",
    webhook_forwarding: p.webhook_forwarding,
    local_success_status: p.local_success_status,
  };
}

const orNull = (s: string): string | null => (s.trim() === "" ? null : s.trim());

/**
 * The `PATCH` body for what changed in the form, or the field that cannot
 * be sent. The tracker kind cannot be cleared (the project keeps its own);
 * tracker settings are a JSON object.
 */
export function settingsPatch(
  p: Project,
  f: SettingsForm,
): { ok: true; body: ProjectPatch } | { ok: false; field: keyof SettingsForm; error: string } {
  let trackerSettings: Record<string, unknown> = {};
  if (f.tracker_settings.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(f.tracker_settings);
    } catch {
      return { ok: false, field: "tracker_settings", error: "must be a JSON object" };
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      return { ok: false, field: "tracker_settings", error: "must be a JSON object" };
    trackerSettings = parsed as Record<string, unknown>;
  }
  const before = settingsForm(p);
  const body: ProjectPatch = {};
  if (f.tracker_kind !== before.tracker_kind && f.tracker_kind !== "")
    body.tracker_kind = f.tracker_kind;
  if (JSON.stringify(trackerSettings) !== JSON.stringify(p.tracker_settings))
    body.tracker_settings = trackerSettings;
  if (f.scm !== before.scm) body.scm = f.scm;
  if (f.default_branch !== before.default_branch) body.default_branch = orNull(f.default_branch);
  if (f.forge_base_url !== before.forge_base_url) body.forge_base_url = orNull(f.forge_base_url);
  if (f.access_token_env !== before.access_token_env)
    body.access_token_env = orNull(f.access_token_env);
  if (f.webhook_secret_env !== before.webhook_secret_env)
    body.webhook_secret_env = orNull(f.webhook_secret_env);
  if (f.webhook_forwarding !== before.webhook_forwarding)
    body.webhook_forwarding = f.webhook_forwarding;
  if (f.local_success_status !== before.local_success_status)
    body.local_success_status = f.local_success_status;
  return { ok: true, body };
}
