/**
 * Where `oompah task` sends its work (SPEC §18 "task command modes"), in
 * order: the `--server URL` / `--direct` flag → `OOMPAH_RUN_TOKEN` (agent
 * mode, server from `OOMPAH_SERVER_URL`) → `OOMPAH_SERVER_URL` → a git
 * repository around the current directory that contains `.oompah/tasks`
 * (direct mode on the working copy) → the local default server.
 */
import { statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { OompahError } from "../../domain/errors.js";

/** The server used when nothing else decides. */
export const DEFAULT_SERVER_URL = "http://127.0.0.1:8080";

/** How the task commands reach the tracker. */
export type TaskMode =
  | {
      kind: "server";
      server: string;
      /** `OOMPAH_RUN_TOKEN` (agent mode) or `OOMPAH_API_TOKEN`. */
      token: string | null;
      /** True when authenticating with a run token. */
      agent: boolean;
    }
  | {
      kind: "direct";
      /** Top of the working copy that holds `.oompah/tasks`. */
      repoPath: string;
      /** Commit and push task changes (`--sync`); off by default. */
      sync: boolean;
    };

/** The mode flags of `oompah task`. */
export interface TaskModeFlags {
  server?: string | undefined;
  direct?: boolean | undefined;
  sync?: boolean | undefined;
}

const isDir = (path: string): boolean =>
  statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
const exists = (path: string): boolean => statSync(path, { throwIfNoEntry: false }) !== undefined;

/**
 * The top of the git repository around `cwd` when it contains `.oompah/tasks`,
 * else null. The nearest repository decides (a nested one is not skipped).
 */
export function findTaskRepo(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    if (exists(join(dir, ".git"))) return isDir(join(dir, ".oompah", "tasks")) ? dir : null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

const set = (v: string | undefined): string | null =>
  v === undefined || v.trim() === "" ? null : v.trim();

export function resolveTaskMode(
  flags: TaskModeFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
  findRepo: (cwd: string) => string | null = findTaskRepo,
): TaskMode {
  if (flags.server !== undefined && flags.direct === true) {
    throw new OompahError("usage", "--server and --direct cannot be combined");
  }
  const runToken = set(env.OOMPAH_RUN_TOKEN);
  const apiToken = set(env.OOMPAH_API_TOKEN);
  const serverUrl = set(env.OOMPAH_SERVER_URL);
  const server = (url: string): TaskMode => ({
    kind: "server",
    server: url,
    token: runToken ?? apiToken,
    agent: runToken !== null,
  });
  if (flags.server !== undefined) return server(flags.server);
  if (flags.direct === true) {
    const repoPath = findRepo(cwd);
    if (repoPath === null) {
      throw new OompahError(
        "task_repository_not_found",
        `${cwd} is not inside a git repository containing .oompah/tasks`,
        {
          hint: "run it inside such a repository, or drop --direct to use the server",
        },
      );
    }
    return { kind: "direct", repoPath, sync: flags.sync === true };
  }
  if (runToken !== null) return server(serverUrl ?? DEFAULT_SERVER_URL);
  if (serverUrl !== null) return server(serverUrl);
  const repoPath = findRepo(cwd);
  if (repoPath !== null) return { kind: "direct", repoPath, sync: flags.sync === true };
  return server(DEFAULT_SERVER_URL);
}
