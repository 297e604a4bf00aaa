/**
 * Pure parts of the Projects page (§17.5 `/projects-manage`): the words for
 * clone and webhook status, and the add / settings forms turned into `POST` and `PATCH`
 * bodies (only what was filled in or changed is sent, so server defaults
 * and detection still apply).
 */
import type { ScmKind } from "../../../../../src/domain/project.js";
import type { TrackerKind } from "../../../../../src/domain/tracker-kind.js";
import { formatTime } from "../../../shared/format.js";
import { blankToNull, changedFields, type BodyResult } from "../../../shared/forms.js";
import type { Project, ProjectCreate, ProjectPatch, ProjectSummary } from "./wire.js";

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

/** The webhook column: forwarding, the forwarder's state, the last delivery. */
export function webhookText(s: ProjectSummary | undefined): string {
  if (!s) return "—";
  const w = s.webhooks;
  const parts = [w.forwarding ? "forwarding on" : "forwarding off"];
  if (w.forwarder_state) parts.push(w.forwarder_state);
  parts.push(
    w.last_webhook_at ? `last delivery ${formatTime(w.last_webhook_at)}` : "no delivery yet",
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

/** The tracker settings typed as JSON: an object, or the problem with the text. */
function parseSettings(text: string): { value: Record<string, unknown> } | { error: string } {
  if (text.trim() === "") return { value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: "must be a JSON object" };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return { error: "must be a JSON object" };
  return { value: parsed as Record<string, unknown> };
}

/** The values the settings form stands for, as the `PATCH` body names them. */
function settingsFields(f: SettingsForm, trackerSettings: Record<string, unknown>) {
  return {
    tracker_kind: f.tracker_kind,
    tracker_settings: trackerSettings,
    scm: f.scm,
    default_branch: blankToNull(f.default_branch),
    forge_base_url: blankToNull(f.forge_base_url),
    access_token_env: blankToNull(f.access_token_env),
    webhook_secret_env: blankToNull(f.webhook_secret_env),
    webhook_forwarding: f.webhook_forwarding,
    local_success_status: f.local_success_status,
  };
}

/**
 * The `PATCH` body for what changed in the form, or the field that cannot
 * be sent. The tracker kind cannot be cleared (the project keeps its own);
 * tracker settings are a JSON object.
 */
export function settingsPatch(p: Project, f: SettingsForm): BodyResult<ProjectPatch> {
  const settings = parseSettings(f.tracker_settings);
  if ("error" in settings) return { ok: false, errors: { tracker_settings: settings.error } };
  const { tracker_kind, ...body } = changedFields(
    settingsFields(settingsForm(p), p.tracker_settings),
    settingsFields(f, settings.value),
  );
  return { ok: true, body: tracker_kind ? { tracker_kind, ...body } : body };
}
