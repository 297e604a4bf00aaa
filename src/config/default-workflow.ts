/**
 * The built-in default workflow (SPEC §3.1): what runs when no WORKFLOW.md
 * exists, and what `oompah init` writes. Every setting is present but
 * commented out (`# key: default`), so the file loads to exactly the §3.3
 * defaults and uncommenting a line changes nothing until its value is edited.
 * Lines starting `##` are explanations.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { OompahError } from "../domain/errors.js";
import { DEFAULT_PROMPT_TEMPLATE } from "./prompt-text.js";

const FRONT_MATTER = `---
## oompah workflow. Every setting below shows its default; uncomment a line to change it.
## Secrets are referenced by environment variable ($NAME or \${NAME}), never written here;
## a .env file next to this one is loaded first (real environment variables win).

# tracker:
## oompah_md (native), github_issues, gitlab_issues, backlog, beads
#   kind: oompah_md
#   active_states: [Open, Needs CI Fix, Needs Rebase]
#   terminal_states: [Done, Merged, Archived]
#   required_labels: []
#   settings: {}
#   git_sync: true
#   commit_debounce_ms: 2000
#   post_comments: true

# polling:
#   interval_ms: 30000
#   full_sync_interval_ms: 300000

# workspace:
## Use a persistent disk, e.g. ~/.oompah/worktrees
#   root: /tmp/oompah_workspaces

## Also OOMPAH_HOME.
# data_dir: ~/.oompah

# hooks:
## Shell commands run in the worktree (e.g. after_create: npm ci).
#   after_create:
#   before_run:
#   after_run:
#   before_remove:
#   timeout_ms: 60000

# agent:
#   max_concurrent_agents: 10
#   max_concurrent_agents_by_state: {}
#   max_turns: 200
#   stall_turns: 5
#   stall_timeout_ms: 300000
#   max_continuations: 2
#   max_attempts: 5
#   max_retry_backoff_ms: 300000
#   escalate_after_attempts: 1
#   rate_limit_cooldown_ms: 120000
#   command_timeout_ms: 720000
#   shutdown_grace_ms: 10000
#   require_description: true
## USD per budget_window (hour, day, week, total); 0 = unlimited.
#   budget_limit: 0
#   budget_window: total
## Empty = the host time zone, else UTC.
#   budget_timezone:
#   max_cost_per_issue: 0
#   unknown_model_price: { input_per_1m: 10, output_per_1m: 30 }
## e.g. - { name: quick, model_role: fast, issue_types: [chore], keywords: [typo, rename] }
#   profiles: []
#   env_passthrough: []
#   secret_env_names: []
#   login_shell: false
## none or bwrap
#   sandbox: none

# delivery:
#   auto_commit: true
#   push: true
#   open_pr: true
#   draft_pr: false
## needs_human or done
#   on_no_changes: needs_human

# review:
#   poll_interval_ms: 120000
#   auto_update_branch: true

# attachments:
#   max_file_bytes: 26214400
#   max_issue_bytes: 209715200
#   max_prompt_bytes: 20971520

# server:
#   host: 127.0.0.1
## Empty (null) disables the HTTP server; 0 = any free port.
#   port: 8080
## Required when host is not loopback; at least 24 characters. Prefer OOMPAH_API_TOKEN.
#   api_token:
#   allowed_origins: []
#   allowed_hosts: []
#   max_body_bytes: 1048576
#   allow_local_repo_paths: false

# webhooks:
#   allow_unsigned_loopback: false
#   forward: true
#   forward_events: [push, pull_request, issues, issue_comment, label]
## Empty = http://127.0.0.1:<port>/api/v1/webhooks/github
#   forward_url:

# store:
#   kind: sqlite
## Empty = <data_dir>/oompah.db
#   path:

# observability:
#   log_level: info
#   log_format: json
#   agent_log_retention_days: 14
---
`;

/** The complete default WORKFLOW.md text. */
export const DEFAULT_WORKFLOW_TEXT = `${FRONT_MATTER}${DEFAULT_PROMPT_TEMPLATE}\n`;

/** Writes the default workflow to `path`; refuses to overwrite unless `force`. */
export async function writeDefaultWorkflow(
  path: string,
  opts: { force?: boolean } = {},
): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  try {
    await writeFile(path, DEFAULT_WORKFLOW_TEXT, { flag: opts.force ? "w" : "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      throw new OompahError("file_exists", `${path} already exists`, {
        hint: "use --force to overwrite it",
        details: { file: path },
      });
    }
    throw e;
  }
  return path;
}
