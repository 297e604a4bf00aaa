/**
 * Where a project's files live (SPEC §1.5, §11.1): the managed clone at
 * `<data_dir>/repos/<project-key>` and its worktrees under
 * `<workspace.root>/<project-key>/`. Keys and the containment check are the
 * workspace module's, so clones and worktrees agree on every name.
 */
import { join, resolve } from "node:path";
import { assertContained, projectKey } from "../workspace/keys.js";

export { assertContained, projectKey };

/** `<data_dir>/repos/<project-key>`. */
export function clonePathFor(dataDir: string, name: string): string {
  return join(resolve(dataDir), "repos", projectKey(name));
}

/** `<workspace.root>/<project-key>`. */
export function worktreeRootFor(workspaceRoot: string, name: string): string {
  return join(resolve(workspaceRoot), projectKey(name));
}
