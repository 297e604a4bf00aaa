/**
 * The `.oompah/projects.json` entry (SPEC §4.4). Files written by the original
 * oompah load without migration: `branch` → `default_branch`,
 * `git_user_name`/`git_user_email` → the git author identity,
 * `webhook_forwarding_enabled` → `webhook_forwarding`; keys we do not model
 * are ignored. Its plaintext `webhook_secret` / `access_token` are kept only
 * in memory until the store encrypts them on the next save (§19.4).
 */
import { z } from "zod";
import { canonicalTrackerKind } from "../config/normalise.js";
import { TRACKER_KINDS } from "../config/schema.js";
import { SCM_KINDS, detectScm } from "../domain/project.js";

const blankToNull = (v: unknown): unknown => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalString = z.preprocess(blankToNull, z.string().nullable().default(null));

/** An env var name (secrets are referenced by name, never stored in clear). */
const envName = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
    .nullable()
    .default(null),
);

function trackerKind(v: unknown): unknown {
  if (v === undefined || v === null || v === "") return null;
  try {
    return canonicalTrackerKind(v);
  } catch {
    return v; // the enum below reports it with the field path
  }
}

/** Per-project overrides of `hooks.*` (absent = the global hook). */
export const ProjectHooksSchema = z.object({
  after_create: z.string().nullable().optional(),
  before_run: z.string().nullable().optional(),
  after_run: z.string().nullable().optional(),
  before_remove: z.string().nullable().optional(),
  timeout_ms: z.number().int().min(1).optional(),
});

export const ProjectSchema = z.object({
  id: z.string().trim().min(1),
  /** The API enforces `PROJECT_NAME_PATTERN`; files may hold older names (keys stay safe, §11.1). */
  name: z.string().trim().min(1).max(200),
  repo_url: z.string().trim().min(1),
  /** null until detected from `origin/HEAD` after the clone. */
  default_branch: optionalString,
  /** null = the global `tracker.kind`. */
  tracker_kind: z.preprocess(trackerKind, z.enum(TRACKER_KINDS).nullable().default(null)),
  tracker_settings: z.record(z.string(), z.unknown()).default({}),
  scm: z.enum(SCM_KINDS),
  forge_base_url: optionalString,
  access_token_env: envName,
  /** Forge token typed into the original oompah, stored encrypted here. */
  access_token_enc: optionalString,
  webhook_secret_env: envName,
  webhook_secret_enc: optionalString,
  webhook_forwarding: z.boolean(),
  paused: z.boolean().default(false),
  provider_id: optionalString,
  max_concurrent_agents: z.number().int().min(0).nullable().default(null),
  local_success_status: z.enum(["In Review", "Done"]).default("In Review"),
  update_branch_method: z.enum(["rebase", "merge"]).default("rebase"),
  git_author_name: z.string().trim().min(1).default("oompah"),
  git_author_email: z.string().trim().min(1).default("oompah@localhost"),
  test_command: optionalString,
  hooks: ProjectHooksSchema.default({}),
  /** Legacy plaintext secrets: read, never written back. */
  webhook_secret: optionalString,
  access_token: optionalString,
});

/** A validated project entry with every field present. */
export type Project = z.infer<typeof ProjectSchema>;

/** Maps the original oompah's fields onto ours and fills the detected defaults. */
export function upgradeLegacyProject(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const { branch, branches, git_user_name, git_user_email, webhook_forwarding_enabled, ...rest } =
    raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (out.default_branch === undefined || out.default_branch === null) {
    const first = Array.isArray(branches) ? (branches[0] as unknown) : undefined;
    out.default_branch = typeof branch === "string" ? branch : (first ?? null);
  }
  if (out.git_author_name === undefined && typeof git_user_name === "string")
    out.git_author_name = git_user_name;
  if (out.git_author_email === undefined && typeof git_user_email === "string")
    out.git_author_email = git_user_email;
  if (out.scm === undefined || out.scm === null)
    out.scm = typeof out.repo_url === "string" ? detectScm(out.repo_url) : "local";
  if (out.webhook_forwarding === undefined) {
    out.webhook_forwarding =
      typeof webhook_forwarding_enabled === "boolean"
        ? webhook_forwarding_enabled
        : out.scm === "github";
  }
  return out;
}

/** projects.json: an array of projects with unique ids and names. */
export const ProjectsDocumentSchema = z
  .array(z.preprocess(upgradeLegacyProject, ProjectSchema))
  .superRefine((list, ctx) => {
    for (const field of ["id", "name"] as const) {
      const seen = new Set<string>();
      list.forEach((p, i) => {
        if (seen.has(p[field]))
          ctx.addIssue({
            code: "custom",
            message: `duplicate project ${field} "${p[field]}"`,
            path: [i, field],
          });
        seen.add(p[field]);
      });
    }
  });
