import { describe, expect, it } from "vitest";
import { resolveConfig, type ResolveInput } from "../../../src/config/resolve.js";
import { thrownBy } from "../../helpers/failures.js";

const TOKEN = "abcdefghijklmnopqrstuvwxyz012345";
const resolve = (
  raw: Record<string, unknown>,
  env: Record<string, string> = {},
  cli?: ResolveInput["cli"],
) =>
  resolveConfig({
    raw,
    env: { HOME: "/home/tester", ...env },
    serviceDir: "/srv/svc",
    ...(cli ? { cli } : {}),
  });

describe("server compatibility keys (SPEC §3.5)", () => {
  it.each([
    ["YAML", { server: { workers: 2 } }, {}, undefined],
    ["env", {}, { OOMPAH_SERVER_WORKERS: "2" }, undefined],
    ["--workers", {}, {}, { workers: 2 }],
  ] as const)(
    "[C9] server.workers 2 from %s fails with server_workers_unsupported explaining why",
    (_from, raw, env, cli) => {
      const e = thrownBy(() => resolve(raw, env, cli));
      expect(e.code).toBe("server_workers_unsupported");
      expect(e.message).toMatch(/orchestrator/);
      expect(e.message).toMatch(/one process/);
    },
  );

  it("[C9] server.backend granian is accepted with warning server_backend_ignored", () => {
    const { warnings } = resolve({ server: { backend: "granian" } });
    expect(warnings).toEqual([
      expect.objectContaining({ code: "server_backend_ignored", path: "server.backend" }),
    ]);
    expect(resolve({}, { OOMPAH_SERVER_BACKEND: "uvicorn" }).warnings.map((w) => w.code)).toEqual([
      "server_backend_ignored",
    ]);
  });

  it("[C9] server.backend foo fails with invalid_server_backend", () => {
    expect(thrownBy(() => resolve({ server: { backend: "foo" } })).code).toBe(
      "invalid_server_backend",
    );
  });
});

describe("tracker settings (SPEC §3.3)", () => {
  it.each(["backlog", "backlog_md", "backlog.md", "Backlog.md"])(
    "[C10] tracker.kind %s selects the Backlog.md adapter",
    (kind) => {
      expect(resolve({ tracker: { kind } }).config.tracker.kind).toBe("backlog");
    },
  );

  it("[C10] tracker.kind jira fails with unsupported_tracker_kind", () => {
    const e = thrownBy(() => resolve({ tracker: { kind: "jira" } }));
    expect(e.code).toBe("unsupported_tracker_kind");
    expect(e.details?.path).toBe("tracker.kind");
  });

  it("maps the other kind aliases", () => {
    expect(resolve({ tracker: { kind: "oompah" } }).config.tracker.kind).toBe("oompah_md");
    expect(resolve({ tracker: { kind: "github-issues" } }).config.tracker.kind).toBe(
      "github_issues",
    );
    expect(resolve({ tracker: { kind: "gitlab-issues" } }).config.tracker.kind).toBe(
      "gitlab_issues",
    );
  });

  it('[C11] active_states ["To Do"] is canonicalised to Open', () => {
    expect(resolve({ tracker: { active_states: ["To Do"] } }).config.tracker.active_states).toEqual(
      ["Open"],
    );
    expect(
      resolve({ tracker: { active_states: "todo, ci_failed" } }).config.tracker.active_states,
    ).toEqual(["Open", "Needs CI Fix"]);
  });

  it("[C11] In Progress in active_states is dropped with warning active_state_ignored", () => {
    const { config, warnings } = resolve({
      tracker: { active_states: ["open", "in_progress"], terminal_states: ["closed"] },
    });
    expect(config.tracker.active_states).toEqual(["Open"]);
    expect(config.tracker.terminal_states).toEqual(["Done"]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: "active_state_ignored", path: "tracker.active_states" }),
    ]);
  });

  it("[C11] overlapping active and terminal states fail with invalid_config_value", () => {
    const e = thrownBy(() => resolve({ tracker: { active_states: ["Open", "Done"] } }));
    expect(e.code).toBe("invalid_config_value");
    expect(e.details).toMatchObject({ path: "tracker.terminal_states", got: ["Done"] });
  });

  it("an active state that maps to no canonical status fails with invalid_config_value", () => {
    const e = thrownBy(() => resolve({ tracker: { active_states: ["Open", "Limbo"] } }));
    expect(e.code).toBe("invalid_config_value");
    expect(e.details).toMatchObject({ path: "tracker.active_states[1]", got: "Limbo" });
  });

  it("max_concurrent_agents_by_state keys are canonicalised and invalid entries dropped with a warning", () => {
    const { config, warnings } = resolve({
      agent: {
        max_concurrent_agents_by_state: { todo: 2, "needs-ci-fix": "1", limbo: 3, done: 0 },
      },
    });
    expect(config.agent.max_concurrent_agents_by_state).toEqual({ Open: 2, "Needs CI Fix": 1 });
    expect(warnings.map((w) => w.path)).toEqual([
      "agent.max_concurrent_agents_by_state.limbo",
      "agent.max_concurrent_agents_by_state.done",
    ]);
  });
});

describe("unknown keys and schema errors", () => {
  it("[C12] an unknown key yields warning unknown_config_key with its dotted path and the config still loads", () => {
    const { config, warnings } = resolve({
      agent: { max_turn: 3, max_turns: 9 },
      extras: { a: 1 },
    });
    expect(config.agent.max_turns).toBe(9);
    expect(warnings).toEqual([
      expect.objectContaining({ code: "unknown_config_key", path: "agent.max_turn" }),
      expect.objectContaining({ code: "unknown_config_key", path: "extras" }),
    ]);
  });

  it("[C12] unknown keys are never resolved, so a typo cannot fail on a missing variable", () => {
    const { warnings } = resolve({ server: { api_tokn: "$UNSET_VAR" } });
    expect(warnings.map((w) => w.path)).toEqual(["server.api_tokn"]);
  });

  it("validation errors carry {path, expected, got}", () => {
    const e = thrownBy(() => resolve({ polling: { interval_ms: 10 } }));
    expect(e.code).toBe("invalid_config_value");
    expect(e.details).toEqual({ path: "polling.interval_ms", expected: "≥ 1000", got: 10 });
    const t = thrownBy(() => resolve({ agent: { budget_window: "year" } }));
    expect(t.details).toMatchObject({ path: "agent.budget_window", got: "year" });
  });

  it("never echoes a secret value in an error", () => {
    const e = thrownBy(() => resolve({ server: { api_token: ["hunter2-hunter2-hunter2-x"] } }));
    expect(e.code).toBe("invalid_config_value");
    expect(JSON.stringify(e.toJSON())).not.toContain("hunter2");
  });
});

describe("agent profiles (SPEC §9.1)", () => {
  it("validates known fields, strips unknown ones with a warning, and keeps bounds explicit", () => {
    const { config, warnings } = resolve({
      agent: {
        profiles: [
          {
            name: "quick",
            model_role: "fast",
            issue_types: ["chore"],
            keywords: "typo, rename",
            max_priority: 4,
            colour: "red",
          },
          { name: "deep", model: "gpt-5", min_priority: 0, max_priority: 1, max_turns: 50 },
        ],
      },
    });
    expect(config.agent.profiles).toEqual([
      {
        name: "quick",
        model_role: "fast",
        model: null,
        provider_id: null,
        issue_types: ["chore"],
        keywords: ["typo", "rename"],
        min_priority: null,
        max_priority: 4,
        max_turns: null,
      },
      {
        name: "deep",
        model_role: null,
        model: "gpt-5",
        provider_id: null,
        issue_types: [],
        keywords: [],
        min_priority: 0,
        max_priority: 1,
        max_turns: 50,
      },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: "unknown_config_key", path: "agent.profiles[0].colour" }),
    ]);
  });

  it("rejects duplicate names, missing names and inverted bounds", () => {
    expect(
      thrownBy(() => resolve({ agent: { profiles: [{ name: "a" }, { name: "a" }] } })).details
        ?.path,
    ).toBe("agent.profiles[1].name");
    expect(thrownBy(() => resolve({ agent: { profiles: [{ model: "x" }] } })).details?.path).toBe(
      "agent.profiles[0].name",
    );
    expect(
      thrownBy(() =>
        resolve({ agent: { profiles: [{ name: "a", min_priority: 3, max_priority: 1 }] } }),
      ).code,
    ).toBe("invalid_config_value");
  });
});

describe("HTTP access (SPEC §19.2)", () => {
  it("[C18] server.host 0.0.0.0 without a token fails with api_token_required", () => {
    expect(
      thrownBy(() => resolve({ server: { host: "0.0.0.0", allowed_hosts: ["oompah.example"] } }))
        .code,
    ).toBe("api_token_required");
    expect(thrownBy(() => resolve({}, { OOMPAH_SERVER_HOST: "10.0.0.5" })).code).toBe(
      "api_token_required",
    );
  });

  it("[C18] a 10-character token fails with weak_api_token", () => {
    const e = thrownBy(() =>
      resolve(
        { server: { host: "0.0.0.0", allowed_hosts: ["h"] } },
        { OOMPAH_API_TOKEN: "0123456789" },
      ),
    );
    expect(e.code).toBe("weak_api_token");
    expect(JSON.stringify(e.toJSON())).not.toContain("0123456789");
  });

  it("a wildcard bind requires a non-empty server.allowed_hosts", () => {
    const e = thrownBy(() => resolve({ server: { host: "::" } }, { OOMPAH_API_TOKEN: TOKEN }));
    expect(e.code).toBe("invalid_config_value");
    expect(e.details?.path).toBe("server.allowed_hosts");
    expect(
      resolve(
        { server: { host: "0.0.0.0", allowed_hosts: ["oompah.example"] } },
        { OOMPAH_API_TOKEN: TOKEN },
      ).config.server.host,
    ).toBe("0.0.0.0");
  });

  it("loopback binds need no token, and a disabled listener needs none either", () => {
    expect(resolve({ server: { host: "localhost" } }).config.server.api_token).toBeNull();
    expect(resolve({ server: { host: "::1" } }).config.server.host).toBe("::1");
    expect(resolve({ server: { host: "0.0.0.0", port: null } }).config.server.port).toBeNull();
  });
});
