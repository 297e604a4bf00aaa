/**
 * Pure rules about projects (SPEC §4.4): the name rule and its derivation
 * from a repository URL, the URL kinds a `repo_url` may have, forge detection
 * from the host, and the `proj-<8 hex>` id. No I/O here; the JSON document
 * and its schema live in `documents/`.
 */
import { randomBytes } from "node:crypto";

/** `[a-z0-9][a-z0-9._-]{0,62}`: what a project name must look like. */
export const PROJECT_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** The forge kinds of §12 (`local` = plain git remote, no pull requests). */
export const SCM_KINDS = ["github", "gitlab", "local"] as const;
export type ScmKind = (typeof SCM_KINDS)[number];

/**
 * How a `repo_url` is spelled. `file` and `local` reach the server's own disk,
 * which is why §4.4 only allows them from loopback binds and the CLI.
 */
export type RepoUrlKind = "https" | "http" | "ssh" | "scp" | "file" | "local";

const SCP_LIKE = /^(?:[^@/:\s]+@)?([A-Za-z0-9.-]+):(?!\/\/)(.+)$/;

/** The kind of `url`, or null when it is none of the accepted spellings. */
export function classifyRepoUrl(url: string): RepoUrlKind | null {
  const u = url.trim();
  if (u === "" || /\s/.test(u)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(u)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (scheme === "https" || scheme === "http" || scheme === "ssh" || scheme === "file")
      return hostOf(u) !== null || scheme === "file" ? scheme : null;
    return null;
  }
  if (u.startsWith("/") || u.startsWith("./") || u.startsWith("../") || u.startsWith("~"))
    return "local";
  return SCP_LIKE.test(u) ? "scp" : null;
}

/** True for kinds that name a path on the server's own filesystem. */
export function isLocalRepoUrl(kind: RepoUrlKind): boolean {
  return kind === "file" || kind === "local";
}

/** The host a remote URL points at (lower-cased), or null for local paths. */
export function hostOf(url: string): string | null {
  const u = url.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) {
    try {
      const host = new URL(u).hostname.toLowerCase();
      return host === "" ? null : host;
    } catch {
      return null;
    }
  }
  if (u.startsWith("/") || u.startsWith(".") || u.startsWith("~")) return null;
  return SCP_LIKE.exec(u)?.[1]?.toLowerCase() ?? null;
}

/** `github` for github.com, `gitlab` for gitlab.com, else `local` (§4.4). */
export function detectScm(url: string): ScmKind {
  const host = hostOf(url);
  if (host === "github.com" || host === "www.github.com") return "github";
  if (host === "gitlab.com" || host === "www.gitlab.com") return "gitlab";
  return "local";
}

/** The forge API root when a project does not set `forge_base_url`. */
export function defaultForgeBaseUrl(scm: ScmKind): string | null {
  if (scm === "github") return "https://api.github.com";
  if (scm === "gitlab") return "https://gitlab.com";
  return null;
}

/** The last path segment of a repository URL, without `.git`. */
function lastSegment(url: string): string {
  let path = url.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
    } catch {
      // keep the raw text; the segment rule below still applies
    }
  } else {
    const scp = SCP_LIKE.exec(path);
    if (scp && !path.startsWith("/") && !path.startsWith(".")) path = scp[2] ?? path;
  }
  const segment =
    path
      .replace(/[/\\]+$/, "")
      .split(/[/\\]/)
      .pop() ?? "";
  return segment.replace(/\.git$/i, "");
}

/** A valid project name derived from a repository URL (`…/Org/My Repo.git` → `my-repo`). */
export function deriveProjectName(url: string): string {
  const name = lastSegment(url)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 63)
    .replace(/[-.]+$/, "");
  return name === "" ? "project" : name;
}

/** A fresh `proj-<8 hex>` id. */
export function newProjectId(): string {
  return `proj-${randomBytes(4).toString("hex")}`;
}
