import { describe, expect, it } from "vitest";
import { resolveConfig, type ResolveInput } from "../../../src/config/resolve.js";
import { thrownBy } from "../../helpers/failures.js";

const HOME = "/home/tester";
const TOKEN = "abcdefghijklmnopqrstuvwxyz012345";
const resolve = (
  raw: Record<string, unknown>,
  env: Record<string, string> = {},
  cli?: ResolveInput["cli"],
) => resolveConfig({ raw, env: { HOME, ...env }, serviceDir: "/srv/svc", ...(cli ? { cli } : {}) });

describe("$VAR references (SPEC §3.2)", () => {
  it("[C4] $FOO and ${FOO} resolve from the environment; $$x yields the literal $x", () => {
    const { config } = resolve(
      { hooks: { after_create: "$SETUP", before_run: "${CHECK}", after_run: "$$x" } },
      { SETUP: "npm ci", CHECK: "npm test" },
    );
    expect(config.hooks.after_create).toBe("npm ci");
    expect(config.hooks.before_run).toBe("npm test");
    expect(config.hooks.after_run).toBe("$x");
  });

  it("[C4] only whole-string references resolve, so shell text stays intact", () => {
    const { config } = resolve({ hooks: { after_create: "echo $HOME && cp ${SRC} ." } });
    expect(config.hooks.after_create).toBe("echo $HOME && cp ${SRC} .");
  });

  it("[C4] references resolve inside lists and numeric fields", () => {
    const { config } = resolve(
      { tracker: { required_labels: ["$LABEL"] }, polling: { interval_ms: "${POLL}" } },
      { LABEL: "ready", POLL: "5000" },
    );
    expect(config.tracker.required_labels).toEqual(["ready"]);
    expect(config.polling.interval_ms).toBe(5000);
  });

  it("[C5] a secret field referencing an unset variable fails with missing_secret naming the key path", () => {
    const e = thrownBy(() => resolve({ server: { api_token: "$NOPE_TOKEN" } }));
    expect(e.code).toBe("missing_secret");
    expect(e.details).toMatchObject({ path: "server.api_token", variable: "NOPE_TOKEN" });
  });

  it("[C5] an empty variable counts as missing for secrets, also inside tracker.settings", () => {
    const e = thrownBy(() =>
      resolve({ tracker: { settings: { api_key: "${EMPTY}" } } }, { EMPTY: "" }),
    );
    expect(e.code).toBe("missing_secret");
    expect(e.details?.path).toBe("tracker.settings.api_key");
  });

  it("a non-secret field referencing an unset variable fails with missing_env_var", () => {
    const e = thrownBy(() => resolve({ hooks: { after_create: "$NOT_SET_ANYWHERE" } }));
    expect(e.code).toBe("missing_env_var");
    expect(e.details?.path).toBe("hooks.after_create");
  });

  it("records secret values with their source", () => {
    const { secrets } = resolve(
      {
        server: { api_token: "$TOK" },
        tracker: { settings: { token_env: "GH_TOKEN", password: "hunter2hunter2" } },
      },
      { TOK: TOKEN },
    );
    expect(secrets.map((s) => [s.path, s.source, s.value])).toEqual(
      expect.arrayContaining([
        ["tracker.settings.password", "yaml", "hunter2hunter2"],
        ["server.api_token", "env:TOK", TOKEN],
      ]),
    );
    expect(secrets).toHaveLength(2);
  });
});

describe("path-typed fields (SPEC §3.2 step 4)", () => {
  it("[C6] ~/w expands to the home directory, a relative root resolves against the service dir, ~ in a URL is untouched", () => {
    const home = resolve({ workspace: { root: "~/w" } }).config;
    expect(home.workspace.root).toBe(`${HOME}/w`);
    const rel = resolve({ workspace: { root: "./trees/../wt" }, data_dir: "state" }).config;
    expect(rel.workspace.root).toBe("/srv/svc/wt");
    expect(rel.data_dir).toBe("/srv/svc/state");
    const url = resolve({ webhooks: { forward_url: "http://example.com/~user/hook" } }).config;
    expect(url.webhooks.forward_url).toBe("http://example.com/~user/hook");
    const hook = resolve({ hooks: { after_create: "cp ~/x ." } }).config;
    expect(hook.hooks.after_create).toBe("cp ~/x .");
  });
});

describe("environment overrides and CLI flags (SPEC §3.4)", () => {
  it("[C7] OOMPAH_SERVER_PORT=9090 overrides server.port: 8080, and --port overrides both", () => {
    expect(resolve({ server: { port: 8080 } }).config.server.port).toBe(8080);
    expect(
      resolve({ server: { port: 8080 } }, { OOMPAH_SERVER_PORT: "9090" }).config.server.port,
    ).toBe(9090);
    expect(
      resolve({ server: { port: 8080 } }, { OOMPAH_SERVER_PORT: "9090" }, { port: 7070 }).config
        .server.port,
    ).toBe(7070);
  });

  it("[C8] OOMPAH_SERVER_PORT set to an empty string disables the HTTP server (port null)", () => {
    expect(
      resolve({ server: { port: 8080 } }, { OOMPAH_SERVER_PORT: "" }).config.server.port,
    ).toBeNull();
    expect(resolve({ server: { port: null } }).config.server.port).toBeNull();
  });

  it("a numeric override that does not parse fails with invalid_config_value naming the variable", () => {
    const e = thrownBy(() => resolve({}, { OOMPAH_MAX_CONCURRENT_AGENTS: "lots" }));
    expect(e.code).toBe("invalid_config_value");
    expect(e.message).toContain("OOMPAH_MAX_CONCURRENT_AGENTS");
    expect(e.details).toMatchObject({
      variable: "OOMPAH_MAX_CONCURRENT_AGENTS",
      path: "agent.max_concurrent_agents",
    });
  });

  it("applies the other overrides with their types", () => {
    const { config, secrets } = resolve(
      {},
      {
        OOMPAH_HOME: "~/data",
        OOMPAH_WORKSPACE_ROOT: "/wt",
        OOMPAH_POLL_INTERVAL_MS: "2000",
        OOMPAH_BUDGET_LIMIT: "12.5",
        OOMPAH_BUDGET_WINDOW: "day",
        OOMPAH_LOG_LEVEL: "debug",
        OOMPAH_MD_TRACKER_GIT_SYNC: "0",
        OOMPAH_WEBHOOK_EVENTS: "push, issues",
        OOMPAH_API_TOKEN: TOKEN,
      },
    );
    expect(config.data_dir).toBe(`${HOME}/data`);
    expect(config.store.path).toBe(`${HOME}/data/oompah.db`);
    expect(config.workspace.root).toBe("/wt");
    expect(config.polling.interval_ms).toBe(2000);
    expect(config.agent.budget_limit).toBe(12.5);
    expect(config.agent.budget_window).toBe("day");
    expect(config.observability.log_level).toBe("debug");
    expect(config.tracker.git_sync).toBe(false);
    expect(config.webhooks.forward_events).toEqual(["push", "issues"]);
    expect(config.server.api_token).toBe(TOKEN);
    expect(secrets).toEqual([
      expect.objectContaining({ path: "server.api_token", source: "env:OOMPAH_API_TOKEN" }),
    ]);
  });

  it("an invalid override value is reported with the variable as its source", () => {
    const e = thrownBy(() => resolve({}, { OOMPAH_BUDGET_WINDOW: "fortnight" }));
    expect(e.code).toBe("invalid_config_value");
    expect(e.details).toMatchObject({
      path: "agent.budget_window",
      source: "env:OOMPAH_BUDGET_WINDOW",
      got: "fortnight",
    });
    expect(e.message).toContain("env:OOMPAH_BUDGET_WINDOW");
  });
});
