/**
 * One sentence per WORKFLOW.md key for docs/configuration.md. The schema
 * (src/config/schema.ts) gives keys, types and defaults; these texts give the
 * meaning. The generator refuses to run when a schema key has no entry here,
 * so a new setting cannot ship undocumented.
 */
export const CONFIG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  tracker: "Which issue tracker projects use by default, and how it is read and written.",
  "tracker.kind":
    "Tracker of projects that do not name one: `oompah_md` (native Markdown files; aliases `oompah.md`, `oompah`), `github_issues`, `gitlab_issues`, `backlog` (aliases `backlog_md`, `backlog.md`) or `beads`. Anything else fails with `unsupported_tracker_kind`.",
  "tracker.active_states":
    "Statuses eligible for dispatch (list or comma string). Each entry goes through the status alias table; an unknown one is `invalid_config_value`; `In Progress` is dropped with warning `active_state_ignored`.",
  "tracker.terminal_states":
    "Statuses that end an issue's life; must not intersect `active_states`.",
  "tracker.required_labels":
    "Labels an issue must all carry to be dispatched (case-insensitive, trimmed).",
  "tracker.settings":
    "Adapter options passed to the tracker; secret values only as `$VAR` references.",
  "tracker.git_sync":
    "Commit and push task-file changes of the native (and Backlog.md) tracker. `OOMPAH_MD_TRACKER_GIT_SYNC=0` also disables it.",
  "tracker.commit_debounce_ms": "Quiet period that coalesces task-file changes into one commit.",
  "tracker.post_comments":
    "Post the orchestrator's comments (claimed, finished, failed…) on issues.",
  polling: "How often the orchestrator looks for work.",
  "polling.interval_ms": "Tick period of the orchestrator loop; applied live on reload.",
  "polling.full_sync_interval_ms":
    "Forced full tracker and forge scan period, even when webhooks are healthy.",
  workspace: "Where worktrees live.",
  "workspace.root":
    "Root directory of every worktree (also `OOMPAH_WORKSPACE_ROOT`). Use a persistent disk, e.g. `~/.oompah/worktrees`.",
  data_dir:
    "The service's state directory: store, logs, managed clones, secret key (also `OOMPAH_HOME`). Relative paths resolve against the WORKFLOW.md directory.",
  hooks: "Shell commands run in the worktree at fixed points of a run.",
  "hooks.after_create": "Runs once after a worktree is created (e.g. `npm ci`).",
  "hooks.before_run": "Runs before each agent run in the worktree.",
  "hooks.after_run": "Runs after each agent run, before delivery.",
  "hooks.before_remove": "Runs before a worktree is removed.",
  "hooks.timeout_ms": "Timeout of every hook; the hook's process group is killed after it.",
  agent: "Concurrency, limits, budgets, profiles and the environment of agent runs.",
  "agent.max_concurrent_agents": "Global number of simultaneous runs; `0` disables dispatch.",
  "agent.max_concurrent_agents_by_state":
    "Per-status caps (`status: n`); keys are canonicalised, invalid entries ignored with a warning.",
  "agent.max_turns": "Turn ceiling of one run.",
  "agent.stall_turns": "Consecutive unproductive turns after which a run is `stalled`.",
  "agent.stall_timeout_ms": "Wall-clock silence after which a run is `stalled`; `0` disables.",
  "agent.max_continuations": "Continuation prompts per run when the agent stops without finishing.",
  "agent.max_attempts": "Consecutive failed runs before the issue moves to Needs Human.",
  "agent.max_retry_backoff_ms": "Cap of the retry backoff `10000 × 2^(n−1)` ms.",
  "agent.escalate_after_attempts":
    "Failed attempts before the issue moves to the next profile of the escalation ladder; `0` disables escalation.",
  "agent.rate_limit_cooldown_ms":
    "Per-provider dispatch pause after the provider rate-limited a run.",
  "agent.command_timeout_ms": "Default timeout of `run_command` and ACP terminals.",
  "agent.shutdown_grace_ms": "Time between cancelling an agent and killing it.",
  "agent.require_description": "Issues with an empty description are not dispatched.",
  "agent.budget_limit": "Spending limit in USD per budget window; `0` = unlimited.",
  "agent.budget_window": "Budget window: `hour`, `day`, `week` or `total`.",
  "agent.budget_timezone":
    "IANA time zone that aligns the budget windows; default the host's zone, else UTC.",
  "agent.max_cost_per_issue": "Hard cap in USD on the cost of one issue's runs; `0` = none.",
  "agent.unknown_model_price": "Fallback price for models absent from every price source.",
  "agent.unknown_model_price.input_per_1m": "USD per 1M input tokens.",
  "agent.unknown_model_price.output_per_1m": "USD per 1M output tokens.",
  "agent.profiles":
    "Agent profiles: which model and provider serve which issues; each entry has the fields below.",
  "agent.profiles[].name": "Unique profile name (also its label on the escalation ladder).",
  "agent.profiles[].model_role": "Role looked up in the provider's `model_roles`.",
  "agent.profiles[].model": "Explicit model id; wins over `model_role`.",
  "agent.profiles[].provider_id": "Pins the profile to one provider.",
  "agent.profiles[].issue_types": "Issue types this profile serves (+10 when matched).",
  "agent.profiles[].keywords": "Case-insensitive substrings of title and description (+5 each).",
  "agent.profiles[].min_priority":
    "Lowest priority number served (0 when absent, and not explicit).",
  "agent.profiles[].max_priority":
    "Highest priority number served (4 when absent, and not explicit).",
  "agent.profiles[].max_turns": "Overrides `agent.max_turns` for runs on this profile.",
  "agent.env_passthrough":
    "Environment variable names passed to agent processes even if they look secret.",
  "agent.secret_env_names": "Extra variable names always stripped from child environments.",
  "agent.login_shell":
    "Run hooks, `command` and `acp` agents through `bash -lc` instead of `bash --noprofile --norc -c`.",
  "agent.sandbox":
    "`none` or `bwrap` (Linux: hooks, `run_command` and ACP agents run in bubblewrap with only the worktree writable).",
  delivery: "What the orchestrator does with an agent's changes.",
  "delivery.auto_commit": "Commit what the agent left uncommitted.",
  "delivery.push": "Push the issue branch to origin.",
  "delivery.open_pr": "Open a pull/merge request on forges that have them.",
  "delivery.draft_pr": "Open pull requests as drafts.",
  "delivery.on_no_changes":
    "When the agent declares that no change is needed: `needs_human` or `done`.",
  review: "The forge review monitor.",
  "review.poll_interval_ms": "How often open reviews are checked.",
  "review.auto_update_branch":
    "Update a pull request branch on the server when it is merely behind.",
  attachments: "Issue attachment limits.",
  "attachments.max_file_bytes": "Largest accepted attachment.",
  "attachments.max_issue_bytes": "Total attachment bytes per issue.",
  "attachments.max_prompt_bytes": "Attachment bytes included in one prompt.",
  server: "The HTTP server (dashboard, API, webhooks).",
  "server.host":
    "Bind address (also `OOMPAH_SERVER_HOST`). Anything but loopback requires `server.api_token`.",
  "server.port":
    "HTTP port (also `OOMPAH_SERVER_PORT`, `--port`); `0` = any free port; `null` (or `OOMPAH_SERVER_PORT=` set empty) disables the HTTP server.",
  "server.api_token":
    "Bearer token for the API (secret: write `$OOMPAH_API_TOKEN`, never the value). At least 24 characters; required on non-loopback binds.",
  "server.allowed_origins": "Extra browser origins allowed to send mutating requests.",
  "server.allowed_hosts":
    "Extra Host header values accepted (needed for a wildcard bind such as `0.0.0.0`).",
  "server.max_body_bytes": "Largest accepted JSON request body.",
  "server.allow_local_repo_paths":
    "Accept local-path or `file://` repository URLs over the API on a non-loopback bind.",
  "server.backend":
    "Compatibility key: only `node` runs; `uvicorn`/`granian` are accepted with warning `server_backend_ignored`.",
  "server.workers": "Compatibility key: must be `1` (`server_workers_unsupported` otherwise).",
  webhooks: "Forge webhooks.",
  "webhooks.allow_unsigned_loopback": "Accept unsigned webhook deliveries from loopback addresses.",
  "webhooks.forward": "Run `gh webhook forward` for GitHub projects.",
  "webhooks.forward_events": "Events forwarded (also `OOMPAH_WEBHOOK_EVENTS`).",
  "webhooks.forward_url":
    "Where forwarded webhooks are delivered; default `http://127.0.0.1:<port>/api/v1/webhooks/github` (also `OOMPAH_WEBHOOK_FORWARD_URL`).",
  store: "The durable store.",
  "store.kind": "`sqlite` (`postgres` is reserved for the multi-node phase).",
  "store.path": "SQLite file; default `<data_dir>/oompah.db`.",
  "store.url": "Database URL for `postgres` (secret: use `$VAR`).",
  observability: "Logging.",
  "observability.log_level": "Log level (also `OOMPAH_LOG_LEVEL`, `--log-level`).",
  "observability.log_format": "`json` or `pretty`.",
  "observability.agent_log_retention_days":
    "Run logs older than this are deleted by the daily prune.",
};
