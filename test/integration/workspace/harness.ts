/**
 * A managed clone of a bare origin plus a WorktreeManager rooted in the same
 * temp dir, so each workspace test owns its repositories and workspace root.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { WorkspaceProject } from "../../../src/workspace/context.js";
import { projectKey } from "../../../src/workspace/keys.js";
import { WorktreeManager } from "../../../src/workspace/worktrees.js";
import { git, makeRepoWithOrigin } from "../../helpers/sandbox.js";

export interface Harness {
  root: string;
  origin: string;
  /** A second clone standing in for other people pushing to origin. */
  work: string;
  clone: string;
  wsRoot: string;
  env: NodeJS.ProcessEnv;
  project: WorkspaceProject;
  manager: WorktreeManager;
  /** Runs git synchronously in `cwd`. */
  git: (cwd: string, ...args: string[]) => string;
  /** Writes `file` in the checkout `cwd` and commits everything there; returns the new HEAD. */
  commitFile: (cwd: string, file: string, content: string, message: string) => string;
}

export function makeHarness(name = "demo-project"): Harness {
  const { root, origin, work, env } = makeRepoWithOrigin({
    "README.md": "# sample\n",
    "src/a.txt": "a\n",
  });
  const clone = join(root, "data", "repos", projectKey(name));
  execFileSync("git", ["clone", "-q", origin, clone], { env });
  const wsRoot = join(root, "ws");
  const project: WorkspaceProject = {
    name,
    clonePath: clone,
    defaultBranch: "main",
    identity: { name: "Oompah Bot", email: "bot@example.com" },
  };
  const manager = new WorktreeManager({ workspaceRoot: wsRoot, gitEnv: env, tmpDir: root });
  return {
    root,
    origin,
    work,
    clone,
    wsRoot,
    env,
    project,
    manager,
    git: (cwd, ...args) => git(cwd, env, ...args),
    commitFile: (cwd, file, content, message) => {
      writeFileSync(join(cwd, file), content);
      git(cwd, env, "add", "-A");
      git(cwd, env, "commit", "-q", "-m", message);
      return git(cwd, env, "rev-parse", "HEAD");
    },
  };
}

/** A minimal issue for the workspace layer. */
export function issue(
  identifier: string,
  extra: { branch_name?: string | null; target_branch?: string | null } = {},
) {
  return {
    identifier,
    branch_name: extra.branch_name ?? null,
    target_branch: extra.target_branch ?? null,
  };
}
