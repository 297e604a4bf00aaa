/**
 * The response shape of a project: its document entry without secret
 * material, joined with its runtime row (clone status, error, last sync).
 * A project with no row yet is `cloning`: its ensure job has not reported.
 */
import type { Project } from "../documents/project-schema.js";
import type { ProjectRuntime } from "../store/project-runtime.js";
import { decodeCloneError, redactUrl } from "./clone-errors.js";
import { projectKey } from "./paths.js";
import type { ProjectView } from "./project-wire.js";

type CloneStatus = ProjectView["status"];

function statusOf(row: ProjectRuntime | undefined): CloneStatus {
  const s = row?.clone_status;
  return s === "ready" || s === "error" ? s : "cloning";
}

export function toProjectView(
  p: Project,
  row: ProjectRuntime | undefined,
  clonePath: string,
): ProjectView {
  const status = statusOf(row);
  const error = status === "error" ? decodeCloneError(row?.clone_error ?? null) : null;
  return {
    id: p.id,
    name: p.name,
    key: projectKey(p.name),
    repo_url: redactUrl(p.repo_url),
    default_branch: p.default_branch,
    tracker_kind: p.tracker_kind,
    tracker_settings: p.tracker_settings,
    scm: p.scm,
    forge_base_url: p.forge_base_url,
    access_token_env: p.access_token_env,
    access_token_set: Boolean(p.access_token_enc ?? p.access_token),
    webhook_secret_env: p.webhook_secret_env,
    webhook_secret_set: Boolean(p.webhook_secret_enc ?? p.webhook_secret),
    webhook_forwarding: p.webhook_forwarding,
    paused: p.paused,
    provider_id: p.provider_id,
    max_concurrent_agents: p.max_concurrent_agents,
    local_success_status: p.local_success_status,
    update_branch_method: p.update_branch_method,
    git_author_name: p.git_author_name,
    git_author_email: p.git_author_email,
    test_command: p.test_command,
    hooks: p.hooks,
    status,
    error_message: error?.message ?? null,
    error,
    clone_path: clonePath,
    last_sync_at: row?.last_sync_at ?? null,
  };
}
