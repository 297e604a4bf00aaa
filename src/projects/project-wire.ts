/**
 * Wire schemas of the project API (SPEC §17.2): what `POST`/`PATCH` accept
 * and what every project response looks like. They feed request validation,
 * the response check and the OpenAPI document; the CLI reads the same shapes.
 * Responses never carry secret material: only env names and `*_set` flags.
 */
import { z } from "zod";
import { TRACKER_KINDS } from "../config/schema.js";
import { PROJECT_NAME_PATTERN, SCM_KINDS } from "../domain/project.js";
import { ProjectHooksSchema } from "../documents/project-schema.js";

const trackerKindInput = z
  .string()
  .describe(`Tracker kind: ${TRACKER_KINDS.join(", ")} (aliases accepted)`);
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
  .nullable();

/** Fields both `POST` and `PATCH` accept. */
const editable = {
  name: z
    .string()
    .regex(PROJECT_NAME_PATTERN, "must match [a-z0-9][a-z0-9._-]{0,62}")
    .describe("Unique project name; derived from repo_url when absent"),
  tracker_kind: trackerKindInput,
  tracker_settings: z
    .record(z.string(), z.unknown())
    .describe("Merged over tracker.settings; credentials only as *_env names"),
  scm: z.enum(SCM_KINDS).describe("Forge kind; detected from the repo host when absent"),
  default_branch: z.string().min(1).nullable().describe("Detected from origin/HEAD when absent"),
  forge_base_url: z.string().url().nullable(),
  access_token_env: envName.describe("Env var holding the forge token"),
  webhook_secret_env: envName.describe("Env var holding the webhook secret"),
  webhook_forwarding: z.boolean(),
  paused: z.boolean(),
  provider_id: z.string().min(1).nullable(),
  max_concurrent_agents: z.number().int().min(0).nullable(),
  local_success_status: z.enum(["In Review", "Done"]),
  update_branch_method: z.enum(["rebase", "merge"]),
  git_author_name: z.string().trim().min(1),
  git_author_email: z.string().trim().min(1),
  test_command: z.string().nullable(),
  hooks: ProjectHooksSchema,
};

export const ProjectCreateSchema = z
  .object({
    repo_url: z
      .string()
      .trim()
      .min(1)
      .describe("https://, http://, ssh://, git@host:path, or a local path / file:// URL"),
    ...editable,
  })
  .partial()
  .required({ repo_url: true })
  .strict();
export type ProjectCreateInput = z.infer<typeof ProjectCreateSchema>;

export const ProjectPatchSchema = z.object(editable).partial().strict();
export type ProjectPatchInput = z.infer<typeof ProjectPatchSchema>;

const nullable = <T extends z.ZodType>(t: T) => t.nullable();

export const CloneErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});

/** One project as every endpoint returns it. */
export const ProjectViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  key: z.string().describe("Directory name of the clone and worktrees (§11.1)"),
  repo_url: z.string().describe("Without any userinfo"),
  default_branch: nullable(z.string()),
  tracker_kind: nullable(z.string()).describe("null = the global tracker.kind"),
  tracker_settings: z.record(z.string(), z.unknown()),
  scm: z.enum(SCM_KINDS),
  forge_base_url: nullable(z.string()),
  access_token_env: nullable(z.string()),
  access_token_set: z.boolean().describe("A stored (encrypted) forge token exists"),
  webhook_secret_env: nullable(z.string()),
  webhook_secret_set: z.boolean().describe("A stored (encrypted) webhook secret exists"),
  webhook_forwarding: z.boolean(),
  paused: z.boolean(),
  provider_id: nullable(z.string()),
  max_concurrent_agents: nullable(z.number()),
  local_success_status: z.enum(["In Review", "Done"]),
  update_branch_method: z.enum(["rebase", "merge"]),
  git_author_name: z.string(),
  git_author_email: z.string(),
  test_command: nullable(z.string()),
  hooks: ProjectHooksSchema,
  status: z.enum(["cloning", "ready", "error"]),
  error_message: nullable(z.string()),
  error: nullable(CloneErrorSchema),
  clone_path: z.string(),
  last_sync_at: nullable(z.string()),
});
export type ProjectView = z.infer<typeof ProjectViewSchema>;

export const WorktreeSchema = z.object({
  name: z.string().describe("Directory name (issue key, or _console)"),
  path: z.string(),
  branch: nullable(z.string()),
  head: nullable(z.string()).describe("Commit checked out"),
});
export type WorktreeInfo = z.infer<typeof WorktreeSchema>;
