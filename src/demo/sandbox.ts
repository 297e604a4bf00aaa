/**
 * The demo's throw-away directory under the OS temp dir. Everything the demo
 * writes lives here — the service dir with WORKFLOW.md and .oompah/, the data
 * dir, the worktrees, the sample repository and its bare origin, and a git
 * config of its own so the operator's global settings (commit signing, hooks,
 * default branch) cannot break the demo.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where each part of the demo lives; all absolute, all inside `root`. */
export interface DemoPaths {
  root: string;
  serviceDir: string;
  dataDir: string;
  workspaceRoot: string;
  /** The working copy the sample project is authored in. */
  seedRepo: string;
  /** The bare repository the project is registered with (its "origin"). */
  origin: string;
  gitConfig: string;
}

export function createSandbox(parent: string = tmpdir()): DemoPaths {
  const root = mkdtempSync(join(parent, "oompah-demo-"));
  const paths: DemoPaths = {
    root,
    serviceDir: join(root, "service"),
    dataDir: join(root, "data"),
    workspaceRoot: join(root, "worktrees"),
    seedRepo: join(root, "seed"),
    origin: join(root, "origin.git"),
    gitConfig: join(root, "gitconfig"),
  };
  for (const dir of [paths.serviceDir, paths.workspaceRoot, paths.seedRepo])
    mkdirSync(dir, { recursive: true });
  writeFileSync(
    paths.gitConfig,
    [
      "[user]",
      "\tname = oompah demo",
      "\temail = demo@oompah.invalid",
      "[init]",
      "\tdefaultBranch = main",
      "[commit]",
      "\tgpgsign = false",
      "[tag]",
      "\tgpgsign = false",
      "",
    ].join("\n"),
  );
  return paths;
}

/**
 * The environment the demo service and its git calls run with: the caller's,
 * minus every `OOMPAH_*` variable (an operator's overrides would point the
 * demo at their real data dir or port), plus the sandbox git config and
 * permission to use the mock backend.
 */
export function demoEnv(paths: DemoPaths, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!k.startsWith("OOMPAH_")) env[k] = v;
  return {
    ...env,
    GIT_CONFIG_GLOBAL: paths.gitConfig,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    OOMPAH_ALLOW_MOCK: "1",
  };
}

export function removeSandbox(paths: DemoPaths): void {
  rmSync(paths.root, { recursive: true, force: true, maxRetries: 3 });
}
