/**
 * The scrubbed environment of every child oompah starts on an agent's behalf
 * — hooks, `run_command`, ACP agents, SDK backends (SPEC §19.5). Order
 * matters and is the spec's: start from the service environment, remove
 * declared secret names, the built-in list and anything that looks secret,
 * add back the operator's passthrough names (an explicit choice, so it wins
 * over every removal rule — that is how a `command` agent gets its API key),
 * then set the run variables, which win over everything.
 */
import { delimiter } from "node:path";

/** Names always removed, whatever they look like. */
export const BUILTIN_SECRET_ENV_NAMES: readonly string[] = [
  "OOMPAH_API_TOKEN",
  "OOMPAH_SECRET_KEY",
  "OOMPAH_GITHUB_TOKEN",
  "OOMPAH_GITLAB_TOKEN",
  "GH_TOKEN",
  "GITHUB_TOKEN",
  "GITLAB_TOKEN",
  "OOMPAH_GITHUB_WEBHOOK_SECRET",
];

/** Names that look like secrets (§19.5). */
export const SECRET_NAME_PATTERN =
  /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_KEY|CREDENTIAL)/i;

/** Inputs of {@link childEnv}. */
export interface ChildEnvInput {
  /** The service environment. */
  base: NodeJS.ProcessEnv;
  /** Provider `api_key_env`s, project/tracker token and webhook env names. */
  declaredSecretNames?: readonly string[];
  /** `agent.secret_env_names`. */
  secretEnvNames?: readonly string[];
  /** `agent.env_passthrough` plus the provider's `env_passthrough`. */
  passthrough?: readonly string[];
  /** Run variables (see {@link runVariables}); set last. */
  runVars?: Readonly<Record<string, string>>;
  /** Prepended to PATH (`<data_dir>/bin`, home of the `oompah` shim). */
  pathPrefix?: string;
}

/** True when `name` must not reach a child unless passed through. */
export function isSecretEnvName(name: string, declared: ReadonlySet<string>): boolean {
  return (
    declared.has(name) || BUILTIN_SECRET_ENV_NAMES.includes(name) || SECRET_NAME_PATTERN.test(name)
  );
}

/** The child environment of §19.5; never mutates `base`. */
export function childEnv(input: ChildEnvInput): Record<string, string> {
  const declared = new Set([...(input.declaredSecretNames ?? []), ...(input.secretEnvNames ?? [])]);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.base)) {
    if (value !== undefined && !isSecretEnvName(name, declared)) env[name] = value;
  }
  for (const name of input.passthrough ?? []) {
    const value = input.base[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, input.runVars ?? {});
  if (input.pathPrefix !== undefined && input.pathPrefix !== "") {
    env.PATH = env.PATH ? `${input.pathPrefix}${delimiter}${env.PATH}` : input.pathPrefix;
  }
  return env;
}

/** The per-run facts exported to children. */
export interface RunVariableInput {
  runToken: string;
  serverUrl: string;
  projectId: string;
  issueId: string;
  identifier: string;
  runId: string;
  workspace: string;
  /** `<data_dir>/tmp`, exported as TMPDIR. */
  tmpDir: string;
  identity: { name: string; email: string };
}

/** The run variables of §19.5 (run token, ids, workspace, TMPDIR, git identity, no prompts). */
export function runVariables(v: RunVariableInput): Record<string, string> {
  return {
    OOMPAH_RUN_TOKEN: v.runToken,
    OOMPAH_SERVER_URL: v.serverUrl,
    OOMPAH_PROJECT_ID: v.projectId,
    OOMPAH_ISSUE_ID: v.issueId,
    OOMPAH_ISSUE_IDENTIFIER: v.identifier,
    OOMPAH_RUN_ID: v.runId,
    OOMPAH_WORKSPACE: v.workspace,
    TMPDIR: v.tmpDir,
    GIT_AUTHOR_NAME: v.identity.name,
    GIT_AUTHOR_EMAIL: v.identity.email,
    GIT_COMMITTER_NAME: v.identity.name,
    GIT_COMMITTER_EMAIL: v.identity.email,
    GIT_TERMINAL_PROMPT: "0",
  };
}

/** Where secret names are declared (structural, so any provider/project shape fits). */
export interface SecretNameSources {
  providers?: ReadonlyArray<{ api_key_env?: string | null | undefined }>;
  projects?: ReadonlyArray<{
    access_token_env?: string | null | undefined;
    webhook_secret_env?: string | null | undefined;
    tracker_settings?: Readonly<Record<string, unknown>> | undefined;
  }>;
  /** The global `tracker.settings`. */
  trackerSettings?: Readonly<Record<string, unknown>>;
}

/** Every env name the configuration declares as holding a secret. */
export function declaredSecretEnvNames(src: SecretNameSources): string[] {
  const names = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === "string" && v.trim() !== "") names.add(v.trim());
  };
  const fromSettings = (s: Readonly<Record<string, unknown>> | undefined): void => {
    for (const [k, v] of Object.entries(s ?? {})) if (k.endsWith("_env")) add(v);
  };
  for (const p of src.providers ?? []) add(p.api_key_env);
  for (const p of src.projects ?? []) {
    add(p.access_token_env);
    add(p.webhook_secret_env);
    fromSettings(p.tracker_settings);
  }
  fromSettings(src.trackerSettings);
  return [...names];
}
