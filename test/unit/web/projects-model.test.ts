import { describe, expect, it } from "vitest";
import {
  addBody,
  cloneStatusText,
  settingsForm,
  settingsPatch,
  webhookText,
} from "../../../web/src/features/projects-manage/model/projects.js";
import type { Project } from "../../../web/src/features/projects-manage/model/wire.js";

const project = (over: Partial<Project> = {}): Project => ({
  id: "proj-1",
  name: "demo",
  key: "demo",
  repo_url: "https://github.com/acme/demo",
  default_branch: "main",
  tracker_kind: "oompah_md",
  tracker_settings: {},
  scm: "github",
  forge_base_url: null,
  access_token_env: null,
  access_token_set: false,
  webhook_secret_env: null,
  webhook_secret_set: false,
  webhook_forwarding: true,
  paused: false,
  provider_id: null,
  max_concurrent_agents: null,
  local_success_status: "In Review",
  update_branch_method: "rebase",
  git_author_name: "oompah",
  git_author_email: "oompah@localhost",
  test_command: null,
  hooks: {},
  status: "ready",
  error_message: null,
  error: null,
  clone_path: "/data/repos/demo",
  last_sync_at: null,
  ...over,
});

describe("projects page model", () => {
  it("words the clone status, with the error message", () => {
    expect(cloneStatusText(project({ status: "cloning" }))).toBe("Cloning…");
    expect(cloneStatusText(project())).toBe("Ready");
    expect(
      cloneStatusText(project({ status: "error", error_message: "repository not found" })),
    ).toBe("Error: repository not found");
  });

  it("describes webhook forwarding and deliveries", () => {
    const summary = {
      id: "proj-1",
      name: "demo",
      status: "ready" as const,
      paused: false,
      webhooks: { forwarding: true, forwarder_state: "running", degraded: false },
    };
    expect(webhookText(summary)).toBe("forwarding on · running · no delivery yet");
    expect(webhookText(undefined)).toBe("—");
  });

  it("sends only what the add form filled in", () => {
    expect(addBody({ repo_url: " /srv/app.git ", name: "", tracker_kind: "", scm: "" })).toEqual({
      repo_url: "/srv/app.git",
    });
    expect(
      addBody({ repo_url: "https://x/y", name: "y", tracker_kind: "beads", scm: "local" }),
    ).toEqual({ repo_url: "https://x/y", name: "y", tracker_kind: "beads", scm: "local" });
  });

  it("patches only the changed settings, clears emptied ones and checks the JSON", () => {
    const p = project({
      tracker_settings: { owner: "acme" },
      forge_base_url: "https://ghe/api/v3",
    });
    const form = settingsForm(p);
    expect(settingsPatch(p, form)).toEqual({ ok: true, body: {} });
    const changed = settingsPatch(p, {
      ...form,
      scm: "local",
      forge_base_url: " ",
      tracker_settings: '{"owner":"acme","repo":"demo"}',
      webhook_forwarding: false,
    });
    expect(changed).toEqual({
      ok: true,
      body: {
        scm: "local",
        forge_base_url: null,
        tracker_settings: { owner: "acme", repo: "demo" },
        webhook_forwarding: false,
      },
    });
    expect(settingsPatch(p, { ...form, tracker_settings: "[1]" })).toEqual({
      ok: false,
      errors: { tracker_settings: "must be a JSON object" },
    });
    expect(settingsPatch(p, { ...form, tracker_settings: "{" })).toMatchObject({ ok: false });
  });
});
