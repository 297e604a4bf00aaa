/**
 * Names on disk and in git for a project's worktrees (SPEC §11.1, §19.6).
 * Keys use the collision-free `pathKey` rule, so `a/b` and `a_b` never share
 * a directory. Branch names are validated with a pure re-implementation of
 * `git check-ref-format --branch` so this module stays free of I/O; the
 * integration tests cross-check it against git itself.
 */
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { OompahError } from "../domain/errors.js";
import { pathKey } from "../domain/path-key.js";

/** Directory name of a project: `key(project.name)`. */
export function projectKey(projectName: string): string {
  return pathKey(projectName);
}

/** Directory name of an issue: `key(issue.identifier)`. */
export function issueKey(identifier: string): string {
  return pathKey(identifier);
}

/** `<workspace.root>/<project-key>/<issue-key>` (not yet checked for containment). */
export function worktreePathFor(root: string, projectName: string, identifier: string): string {
  return join(resolve(root), projectKey(projectName), issueKey(identifier));
}

const FORBIDDEN_REF_CHARS = /[ ~^:?*[\\]/;

/** True for ASCII control characters, which git refuses in ref names. */
function hasControlChar(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** True when `name` passes `git check-ref-format --branch` (without `@{-N}` shorthands). */
export function isValidBranchName(name: string): boolean {
  if (name === "" || name === "@" || name === "HEAD" || name.startsWith("-")) return false;
  if (
    FORBIDDEN_REF_CHARS.test(name) ||
    hasControlChar(name) ||
    name.includes("..") ||
    name.includes("@{")
  )
    return false;
  if (name.endsWith("/") || name.endsWith(".")) return false;
  return name
    .split("/")
    .every((part) => part !== "" && !part.startsWith(".") && !part.endsWith(".lock"));
}

/** The §11.1 slug: lower-cased, runs outside `[a-z0-9._-]` → `-`, trimmed of `-`/`.`, ≤ 80 chars. */
export function branchSlug(text: string): string {
  const trim = (s: string): string => s.replace(/^[-.]+|[-.]+$/g, "");
  return trim(trim(text.toLowerCase().replace(/[^a-z0-9._-]+/g, "-")).slice(0, 80));
}

/** What a branch is derived from: the normalised Issue's fields. */
export interface BranchSource {
  identifier: string;
  /** Adapter-suggested slug (`gh-12`), or the native tracker's `work_branch`. */
  branch_name: string | null;
}

/**
 * The run branch of an issue. With `workBranch: true` (trackers whose
 * `branch_name` is a `work_branch`, i.e. `oompah_md`) a valid `branch_name` is
 * used as is; otherwise `oompah/<slug>`, falling back to `oompah/<issue-key>`
 * and, when even that is not a valid ref, to a hash of the identifier.
 */
export function branchFor(issue: BranchSource, opts: { workBranch?: boolean } = {}): string {
  const suggested = issue.branch_name?.trim() ?? "";
  if (opts.workBranch && suggested !== "" && isValidBranchName(suggested)) return suggested;
  const slug = branchSlug(suggested !== "" && !opts.workBranch ? suggested : issue.identifier);
  if (slug !== "" && isValidBranchName(`oompah/${slug}`)) return `oompah/${slug}`;
  const byKey = `oompah/${issueKey(issue.identifier)}`;
  if (isValidBranchName(byKey)) return byKey;
  const digest = createHash("sha256").update(issue.identifier, "utf8").digest("hex").slice(0, 16);
  return `oompah/issue-${digest}`;
}

/** `path` with its longest existing ancestor replaced by that ancestor's real path. */
export function resolveExisting(path: string): string {
  let head = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...rest);
    } catch {
      const parent = dirname(head);
      if (parent === head) return resolve(path);
      rest.unshift(head.slice(parent.length).replace(/^[/\\]+/, ""));
      head = parent;
    }
  }
}

/**
 * Throws `workspace_path_violation` unless `path` lies strictly inside `root`
 * once both are normalised and symlinks of their existing ancestors resolved.
 * Returns the resolved path, which callers should use from then on.
 */
export function assertContained(root: string, path: string): string {
  const realRoot = resolveExisting(root);
  const realPath = resolveExisting(path);
  const rel = relative(realRoot, realPath);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new OompahError("workspace_path_violation", `${path} is not inside ${root}`, {
      hint: "worktrees must stay under workspace.root; check for symlinks in the workspace tree",
      details: { root, path, resolved: realPath },
    });
  }
  return realPath;
}
