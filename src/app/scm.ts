/**
 * The one place that picks a project's SCM adapter (SPEC §12.2): delivery
 * and the Reviews page both ask here, so they always agree on which forge
 * a project talks to. Only `local` has an adapter in this version; GitHub
 * and GitLab projects get `null` (delivery pushes the branch and stops).
 */
import { clonePathFor } from "../projects/paths.js";
import { createLocalScm } from "../scm/local.js";
import type { ScmAdapter } from "../scm/scm.js";

/** The project fields the choice depends on. */
export interface ScmProject {
  name: string;
  scm: string;
  default_branch: string | null;
}

/** The adapter of `project`, or null when its SCM kind has none in this version. */
export function scmForProject(
  project: ScmProject,
  o: { dataDir: string; env: NodeJS.ProcessEnv },
): ScmAdapter | null {
  if (project.scm !== "local") return null;
  return createLocalScm({
    clonePath: clonePathFor(o.dataDir, project.name),
    defaultBranch: project.default_branch ?? "main",
    env: o.env,
  });
}
