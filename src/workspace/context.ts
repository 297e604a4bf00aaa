/**
 * Shapes shared by worktree creation and cleanup: the slice of a project the
 * workspace layer needs (so it does not depend on the projects document), the
 * logger it reports to, and the git context of a managed clone.
 */
import { identityEnv } from "../git/git.js";
import type { GitContext } from "../git/ops.js";

/** What the workspace layer needs to know about a project. */
export interface WorkspaceProject {
  /** Project name; its key names the directory under `workspace.root`. */
  name: string;
  /** The managed clone (`<data_dir>/repos/<project-key>`). */
  clonePath: string;
  /** null = ask `origin/HEAD`, else `main`. */
  defaultBranch: string | null;
  /** `git_author_name` / `git_author_email`. */
  identity: { name: string; email: string };
}

/** Structured logging (pino satisfies it). */
export interface WorkspaceLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Dependencies of the worktree manager. */
export interface WorkspaceDeps {
  /** `workspace.root`. */
  workspaceRoot: string;
  /** Base environment for git (PATH, HOME, SSH agent…); the identity is added per project. */
  gitEnv: NodeJS.ProcessEnv;
  /** Scratch space (`<data_dir>/tmp`) for the snapshot index; default the OS temp dir. */
  tmpDir?: string;
  logger?: WorkspaceLogger;
  now?: () => Date;
  /** Timeout of each git command; default the wrapper's 120 s. */
  gitTimeoutMs?: number;
}

/** Git context in `cwd` for `project` (its identity commits snapshots). */
export function gitCtx(
  deps: WorkspaceDeps,
  project: WorkspaceProject,
  cwd = project.clonePath,
  signal?: AbortSignal,
): GitContext {
  return {
    cwd,
    env: { ...deps.gitEnv, ...identityEnv(project.identity) },
    ...(signal ? { signal } : {}),
    ...(deps.gitTimeoutMs === undefined ? {} : { timeoutMs: deps.gitTimeoutMs }),
  };
}

/** Compact UTC timestamp usable in file and ref names: `20261125T161600Z`. */
export function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}
