import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../src/config/resolve.js";
import { hostTimeZone } from "../../../src/config/schema-fields.js";

const HOME = "/home/tester";
const resolve = (raw: Record<string, unknown>, env: Record<string, string> = {}) =>
  resolveConfig({ raw, env: { HOME, ...env }, serviceDir: "/srv/svc" });

describe("config defaults (SPEC §3.3)", () => {
  it("[C3] empty front matter yields exactly the §3.3 defaults", () => {
    const { config, warnings } = resolve({});
    expect(warnings).toEqual([]);
    expect(config).toEqual({
      tracker: {
        kind: "oompah_md",
        active_states: ["Open", "Needs CI Fix", "Needs Rebase"],
        terminal_states: ["Done", "Merged", "Archived"],
        required_labels: [],
        settings: {},
        git_sync: true,
        commit_debounce_ms: 2000,
        post_comments: true,
      },
      polling: { interval_ms: 30000, full_sync_interval_ms: 300000 },
      workspace: { root: "/tmp/oompah_workspaces" },
      data_dir: `${HOME}/.oompah`,
      hooks: {
        after_create: null,
        before_run: null,
        after_run: null,
        before_remove: null,
        timeout_ms: 60000,
      },
      agent: {
        max_concurrent_agents: 10,
        max_concurrent_agents_by_state: {},
        max_turns: 200,
        stall_turns: 5,
        stall_timeout_ms: 300000,
        max_continuations: 2,
        max_attempts: 5,
        max_retry_backoff_ms: 300000,
        escalate_after_attempts: 1,
        rate_limit_cooldown_ms: 120000,
        command_timeout_ms: 720000,
        shutdown_grace_ms: 10000,
        require_description: true,
        budget_limit: 0,
        budget_window: "total",
        budget_timezone: hostTimeZone(),
        max_cost_per_issue: 0,
        unknown_model_price: { input_per_1m: 10, output_per_1m: 30 },
        profiles: [],
        env_passthrough: [],
        secret_env_names: [],
        login_shell: false,
        sandbox: "none",
      },
      delivery: {
        auto_commit: true,
        push: true,
        open_pr: true,
        draft_pr: false,
        on_no_changes: "needs_human",
      },
      review: { poll_interval_ms: 120000, auto_update_branch: true },
      attachments: {
        max_file_bytes: 26214400,
        max_issue_bytes: 209715200,
        max_prompt_bytes: 20971520,
      },
      server: {
        host: "127.0.0.1",
        port: 8080,
        api_token: null,
        allowed_origins: [],
        allowed_hosts: [],
        max_body_bytes: 1048576,
        allow_local_repo_paths: false,
        backend: "node",
        workers: 1,
      },
      webhooks: {
        allow_unsigned_loopback: false,
        forward: true,
        forward_events: ["push", "pull_request", "issues", "issue_comment", "label"],
        forward_url: null,
      },
      store: { kind: "sqlite", path: `${HOME}/.oompah/oompah.db`, url: null },
      observability: { log_level: "info", log_format: "json", agent_log_retention_days: 14 },
    });
  });

  it("does not share default lists between loads", () => {
    const a = resolve({}).config;
    a.tracker.active_states.push("Backlog");
    expect(resolve({}).config.tracker.active_states).toEqual([
      "Open",
      "Needs CI Fix",
      "Needs Rebase",
    ]);
  });

  it("store.path follows a configured data_dir", () => {
    const { config } = resolve({ data_dir: "/var/lib/oompah" });
    expect(config.store.path).toBe("/var/lib/oompah/oompah.db");
  });

  it("accepts YAML 1.1 booleans and numeric strings", () => {
    const { config } = resolve({
      delivery: { push: "no", draft_pr: "yes" },
      polling: { interval_ms: "5000" },
    });
    expect(config.delivery.push).toBe(false);
    expect(config.delivery.draft_pr).toBe(true);
    expect(config.polling.interval_ms).toBe(5000);
  });
});
