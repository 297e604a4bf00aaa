/**
 * The environment of everything a run starts (SPEC §19.5, §11.3): the
 * scrubbed service environment plus the run variables for the agent session,
 * and the same plus `OOMPAH_ATTEMPT` / `OOMPAH_BRANCH` for hooks.
 */
import { join } from "node:path";
import type { OompahConfig } from "../config/schema.js";
import type { Project } from "../documents/project-schema.js";
import type { Provider } from "../domain/provider.js";
import { childEnv, runVariables } from "../workspace/child-env.js";
import {
  hookVariables,
  resolveHooks,
  runHook,
  type HookName,
  type HookReport,
} from "../workspace/hooks.js";

export interface RunEnvInput {
  base: NodeJS.ProcessEnv;
  declaredSecretNames: readonly string[];
  config: OompahConfig;
  project: Project;
  provider: Provider | null;
  dataDir: string;
  serverUrl: string;
  runToken: string;
  runId: string;
  issue: { id: string; identifier: string };
  workspace: string;
}

/** The §19.5 child environment of this run (agent session, `run_command`). */
export function runEnv(i: RunEnvInput): Record<string, string> {
  const declared = [
    ...i.declaredSecretNames,
    ...[i.provider?.api_key_env, i.project.access_token_env, i.project.webhook_secret_env].filter(
      (n): n is string => typeof n === "string" && n !== "",
    ),
  ];
  return childEnv({
    base: i.base,
    declaredSecretNames: declared,
    secretEnvNames: i.config.agent.secret_env_names,
    passthrough: [...i.config.agent.env_passthrough, ...(i.provider?.env_passthrough ?? [])],
    pathPrefix: join(i.dataDir, "bin"),
    runVars: runVariables({
      runToken: i.runToken,
      serverUrl: i.serverUrl,
      projectId: i.project.id,
      issueId: i.issue.id,
      identifier: i.issue.identifier,
      runId: i.runId,
      workspace: i.workspace,
      tmpDir: join(i.dataDir, "tmp"),
      identity: { name: i.project.git_author_name, email: i.project.git_author_email },
    }),
  });
}

/** Runs hook `name` for the run; fatal hooks throw `hook_failed` (see `runHook`). */
export async function runRunHook(
  name: HookName,
  o: {
    config: OompahConfig;
    project: Project;
    env: Record<string, string>;
    cwd: string;
    attempt: number;
    branch: string;
    signal?: AbortSignal;
  },
): Promise<HookReport> {
  const hooks = resolveHooks(o.config.hooks, o.project.hooks);
  return runHook(name, hooks.scripts[name], {
    cwd: o.cwd,
    env: { ...o.env, ...hookVariables({ attempt: o.attempt, branch: o.branch }) },
    timeoutMs: hooks.timeoutMs,
    loginShell: o.config.agent.login_shell,
    graceMs: Math.min(o.config.agent.shutdown_grace_ms, 5_000),
    ...(o.signal ? { signal: o.signal } : {}),
  });
}
