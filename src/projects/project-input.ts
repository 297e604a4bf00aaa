/**
 * Turning API/CLI input into a project draft (SPEC §4.4): the accepted URL
 * kinds, the local-path rule of §19.2 (a path on the server's disk only from
 * a loopback bind, the Unix socket or the CLI, unless
 * `server.allow_local_repo_paths`), name derivation, forge detection and the
 * defaults. Shared by the service and `oompah project add --offline`.
 */
import { homedir } from "node:os";
import { isAbsolute, join, normalize } from "node:path";
import { canonicalTrackerKind } from "../config/normalise.js";
import { isSecretPath, type TrackerKind } from "../config/schema.js";
import type { ProjectDraft } from "../documents/projects.js";
import { OompahError } from "../domain/errors.js";
import { isLoopbackHost } from "../domain/hosts.js";
import {
  classifyRepoUrl,
  defaultForgeBaseUrl,
  deriveProjectName,
  detectScm,
  isLocalRepoUrl,
} from "../domain/project.js";
import type { ProjectCreateInput, ProjectPatchInput } from "./project-wire.js";

/** What the input rules read from the configuration. */
export interface ProjectInputSettings {
  /** `tracker.kind`: the tracker of projects that do not name one. */
  trackerKind: TrackerKind;
  /** `server.host`: local paths are fine on a loopback bind. */
  serverHost: string;
  allowLocalRepoPaths: boolean;
}

function invalid(path: string, message: string, hint?: string): OompahError {
  return new OompahError("validation_failed", `${path}: ${message}`, {
    ...(hint ? { hint } : {}),
    details: { issues: [{ in: "body", path, message }] },
  });
}

/**
 * Checks `repo_url` and returns it normalised (local paths absolute).
 * `trustedCaller` is true for the CLI (offline) and requests on the Unix socket.
 */
export function checkRepoUrl(
  url: string,
  settings: ProjectInputSettings,
  trustedCaller: boolean,
): string {
  const trimmed = url.trim();
  const kind = classifyRepoUrl(trimmed);
  if (kind === null)
    throw invalid(
      "repo_url",
      "is not a supported repository URL",
      "use https://…, ssh://…, git@host:path, or (locally) an absolute path or file:// URL",
    );
  if (!isLocalRepoUrl(kind)) return trimmed;
  if (!trustedCaller && !isLoopbackHost(settings.serverHost) && !settings.allowLocalRepoPaths)
    throw new OompahError(
      "local_repo_path_forbidden",
      "local paths and file:// URLs are refused over the API on a non-loopback bind",
      {
        hint: "use a remote URL, run `oompah project add` on the server, or set server.allow_local_repo_paths: true",
        details: {
          issues: [{ in: "body", path: "repo_url", message: "local paths are not allowed here" }],
        },
      },
    );
  if (kind === "file") return trimmed;
  const expanded = trimmed.startsWith("~") ? join(homedir(), trimmed.slice(1)) : trimmed;
  if (!isAbsolute(expanded)) throw invalid("repo_url", "a local path must be absolute");
  return normalize(expanded);
}

/** Rejects credentials written in clear into tracker_settings (only `*_env` names may be stored). */
export function checkTrackerSettings(settings: Record<string, unknown>): void {
  const walk = (value: unknown, path: string[]): void => {
    if (isSecretPath(["tracker", "settings", ...path]) && typeof value === "string" && value !== "")
      throw invalid(
        `tracker_settings.${path.join(".")}`,
        "credentials are never stored in projects.json",
        `put the value in an environment variable and set ${path[path.length - 1] ?? "key"}_env to its name`,
      );
    if (value && typeof value === "object" && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(settings, []);
}

function trackerKind(raw: string): TrackerKind {
  try {
    return canonicalTrackerKind(raw, "tracker_kind");
  } catch (e) {
    const err = e as OompahError;
    throw new OompahError("validation_failed", err.message, {
      ...(err.hint ? { hint: err.hint } : {}),
      details: { issues: [{ in: "body", path: "tracker_kind", message: err.message }] },
    });
  }
}

/** The draft to store for a new project (defaults and detections applied). */
export function draftFromInput(
  input: ProjectCreateInput,
  settings: ProjectInputSettings,
  trustedCaller: boolean,
): ProjectDraft {
  const repo_url = checkRepoUrl(input.repo_url, settings, trustedCaller);
  if (input.tracker_settings) checkTrackerSettings(input.tracker_settings);
  const scm = input.scm ?? detectScm(repo_url);
  const { tracker_kind, ...rest } = input;
  return {
    ...rest,
    repo_url,
    name: input.name ?? deriveProjectName(repo_url),
    scm,
    tracker_kind: tracker_kind === undefined ? settings.trackerKind : trackerKind(tracker_kind),
    forge_base_url: input.forge_base_url ?? defaultForgeBaseUrl(scm),
    webhook_forwarding: input.webhook_forwarding ?? scm === "github",
  };
}

/** The changes a PATCH makes, with the same checks as creation. */
export function changesFromPatch(
  patch: ProjectPatchInput,
): Omit<ProjectPatchInput, "tracker_kind"> & { tracker_kind?: TrackerKind } {
  if (patch.tracker_settings) checkTrackerSettings(patch.tracker_settings);
  const { tracker_kind, ...rest } = patch;
  return tracker_kind === undefined ? rest : { ...rest, tracker_kind: trackerKind(tracker_kind) };
}
