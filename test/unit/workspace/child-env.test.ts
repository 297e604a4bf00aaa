import { describe, expect, it } from "vitest";
import {
  BUILTIN_SECRET_ENV_NAMES,
  childEnv,
  declaredSecretEnvNames,
  runVariables,
} from "../../../src/workspace/child-env.js";

const base = {
  PATH: "/usr/bin",
  HOME: "/home/op",
  GH_TOKEN: "t1",
  GITHUB_TOKEN: "t2",
  OOMPAH_API_TOKEN: "t3",
  OOMPAH_SECRET_KEY: "t4",
  OPENAI_API_KEY: "k1",
  ANTHROPIC_APIKEY: "k2",
  ACME_AUTH: "k3",
  MY_SECRET: "s",
  DB_PASSWORD: "p",
  LDAP_PASSWD: "p2",
  SSH_PRIVATE_KEY: "pk",
  AWS_CREDENTIALS_FILE: "c",
  npm_config_token: "lower",
  EXTRA_HIDDEN: "x",
  UNDEF: undefined,
};

describe("childEnv (§19.5)", () => {
  it("[C125] removes declared, built-in and secret-looking names; keeps the rest", () => {
    const env = childEnv({
      base,
      declaredSecretNames: ["ACME_AUTH"],
      secretEnvNames: ["EXTRA_HIDDEN"],
    });
    expect(env).toEqual({ PATH: "/usr/bin", HOME: "/home/op" });
  });

  it("[C125] adds passthrough names back, then run variables over everything", () => {
    const env = childEnv({
      base,
      declaredSecretNames: ["ACME_AUTH"],
      passthrough: ["ACME_AUTH", "MY_SECRET", "NOT_SET"],
      runVars: { OOMPAH_RUN_TOKEN: "ort_x", HOME: "/run/home" },
      pathPrefix: "/data/bin",
    });
    expect(env).toMatchObject({
      ACME_AUTH: "k3",
      MY_SECRET: "s",
      OOMPAH_RUN_TOKEN: "ort_x",
      HOME: "/run/home",
    });
    expect(env.PATH).toBe("/data/bin:/usr/bin");
    expect("NOT_SET" in env).toBe(false);
    expect(env.GH_TOKEN).toBeUndefined();
  });

  it("lists the built-in names of the spec", () => {
    expect([...BUILTIN_SECRET_ENV_NAMES].sort()).toEqual(
      [
        "GH_TOKEN",
        "GITHUB_TOKEN",
        "GITLAB_TOKEN",
        "OOMPAH_API_TOKEN",
        "OOMPAH_GITHUB_TOKEN",
        "OOMPAH_GITHUB_WEBHOOK_SECRET",
        "OOMPAH_GITLAB_TOKEN",
        "OOMPAH_SECRET_KEY",
      ].sort(),
    );
  });

  it("builds the run variables", () => {
    const v = runVariables({
      runToken: "ort_1",
      serverUrl: "http://127.0.0.1:9",
      projectId: "proj-1",
      issueId: "7",
      identifier: "P-7",
      runId: "r1",
      workspace: "/ws/p/P-7",
      tmpDir: "/data/tmp",
      identity: { name: "Bot", email: "b@x" },
    });
    expect(v).toMatchObject({
      OOMPAH_RUN_TOKEN: "ort_1",
      OOMPAH_ISSUE_IDENTIFIER: "P-7",
      OOMPAH_WORKSPACE: "/ws/p/P-7",
      TMPDIR: "/data/tmp",
      GIT_AUTHOR_EMAIL: "b@x",
      GIT_COMMITTER_NAME: "Bot",
      GIT_TERMINAL_PROMPT: "0",
    });
  });

  it("collects declared secret names from providers, projects and tracker settings", () => {
    const names = declaredSecretEnvNames({
      providers: [{ api_key_env: "ACME_AUTH" }, { api_key_env: null }],
      projects: [
        {
          access_token_env: "FORGE_X",
          webhook_secret_env: "HOOK_Y",
          tracker_settings: { token_env: "TRK_Z", owner: "me" },
        },
      ],
      trackerSettings: { token_env: "GLOBAL_T" },
    });
    expect(names.sort()).toEqual(["ACME_AUTH", "FORGE_X", "GLOBAL_T", "HOOK_Y", "TRK_Z"]);
  });
});
