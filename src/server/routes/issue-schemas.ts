/**
 * Wire schemas of the issue routes (§17.2): the normalised Issue with every
 * §4.1 field, comments, the board and issue detail, and the request bodies.
 * Request bodies accept raw spellings (status aliases, priority words); the
 * issue service canonicalises them so the HTTP API and direct-mode CLI give
 * the same errors (`unknown_status`, `reserved_author`, …).
 */
import { z } from "zod";
import { ISSUE_TYPES } from "../../domain/issue.js";
import { CANONICAL_STATUSES } from "../../domain/status.js";
import { RunSchema } from "./run-schemas.js";

const iso = (what: string) => z.string().describe(`${what} (ISO 8601)`);

export const CanonicalStatusSchema = z.enum(CANONICAL_STATUSES).describe("Canonical status (§4.3)");

/** The normalised issue (§4.1); every field is always present. */
export const IssueSchema = z
  .object({
    id: z.string().describe("Opaque id, unique within the project"),
    identifier: z.string().describe("Human key shown in the UI"),
    project_id: z.string(),
    title: z.string(),
    description: z.string().describe("Plain Markdown"),
    type: z.enum(ISSUE_TYPES),
    priority: z.number().int().min(0).max(4).nullable().describe("0 most urgent … 4; null unknown"),
    state: CanonicalStatusSchema,
    native_state: z.string().nullable().describe("The tracker's own spelling of the status"),
    labels: z.array(z.string()),
    blocked_by: z.array(
      z.object({ id: z.string(), identifier: z.string(), state: CanonicalStatusSchema.nullable() }),
    ),
    parent: z.string().nullable(),
    children: z.array(z.string()),
    assignee: z.string().nullable(),
    url: z.string().nullable(),
    branch_name: z.string().nullable(),
    target_branch: z.string().nullable().describe("PR base; null = project default branch"),
    review: z
      .object({
        url: z.string().nullable(),
        number: z.number().int().nullable(),
        head_sha: z.string().nullable(),
      })
      .nullable(),
    created_at: iso("Creation time").nullable(),
    updated_at: iso("Last update").nullable(),
    attachments: z.array(z.record(z.string(), z.unknown())),
    metadata: z.record(z.string(), z.unknown()).describe("Adapter-preserved oompah.* keys"),
  })
  .describe("Issue");

export const CommentSchema = z
  .object({
    id: z.string(),
    author: z.string(),
    created_at: z.string().describe("ISO 8601 when parsable, else the tracker's text"),
    text: z.string(),
    is_oompah: z.boolean().describe("Posted by the service (author begins with oompah)"),
  })
  .describe("Comment");

/** What the orchestrator knows of one board issue (§17.5 cards). */
export const BoardIssueFactsSchema = z
  .object({
    focus: z.string().nullable().describe("The active run's focus, else the one routing selects"),
    cost_usd: z.number().describe("Billable run spend over all attempts"),
    skip_reason: z
      .string()
      .nullable()
      .describe("Why an issue in an active status is not dispatched now (§7.2); else null"),
  })
  .describe("Board issue facts");

export const BoardSchema = z
  .object({
    columns: z.array(z.object({ status: CanonicalStatusSchema, issues: z.array(IssueSchema) })),
    generated_at: iso("Snapshot time"),
    errors: z
      .array(z.object({ project_id: z.string(), code: z.string(), message: z.string() }))
      .describe("Projects whose issues could not be read"),
    facts: z
      .record(z.string(), BoardIssueFactsSchema)
      .describe("Per issue, keyed <project_id>:<id>; empty when no orchestrator runs"),
  })
  .describe("Board grouped by canonical status");

const nullable = <T extends z.ZodType>(s: T) => s.nullable().optional();

/** A run of the issue, as listed in the detail (§4.5 subset). */
export const IssueRunSchema = RunSchema.pick({
  run_id: true,
  attempt: true,
  phase: true,
  outcome: true,
  backend: true,
  model: true,
  profile: true,
  focus: true,
  branch: true,
  started_at: true,
  ended_at: true,
  turns: true,
  input_tokens: true,
  output_tokens: true,
  cost_usd: true,
  summary: true,
  error: true,
});

/** An issue's spend against its cap (§13.3). */
export const IssueCostSchema = z.object({
  limit_usd: z.number().nullable().describe("The override; null = agent.max_cost_per_issue"),
  effective_cap_usd: z.number().describe("Cap in force; 0 = none"),
  spent_usd: z.number().describe("Billable run spend of the issue over all attempts"),
  at_cap: z.boolean(),
});

export const IssueDetailSchema = z
  .object({
    project: z.object({ id: z.string(), name: z.string() }),
    issue: IssueSchema,
    comments: z.array(CommentSchema),
    runs: z.array(IssueRunSchema),
    current_run: IssueRunSchema.nullable(),
    skip_reason: z.string().nullable().describe("Why it would not be dispatched now"),
    cost: IssueCostSchema.nullable().describe("Spend and cap; null without the service's store"),
  })
  .describe("Issue detail");

const priority = z
  .union([z.number(), z.string()])
  .nullable()
  .optional()
  .describe("0-4, p0-p4 or a word (§4.2)");
const status = z.string().optional().describe("Canonical status or alias (§4.3)");
const ids = z.array(z.string()).optional();

export const CreateIssueBodySchema = z.object({
  project_id: nullable(z.string()).describe("Defaults to the only project"),
  title: z.string().min(1),
  description: z.string().optional(),
  type: z.string().optional().describe(ISSUE_TYPES.join(" | ")),
  priority,
  labels: z.array(z.string()).optional(),
  parent: nullable(z.string()),
  blocked_by: ids,
  status,
});

export const PatchIssueBodySchema = z.object({
  status,
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  priority,
  type: z.string().optional(),
  blocked_by: ids,
  parent: nullable(z.string()),
  target_branch: nullable(z.string()),
  comment: z.string().optional().describe("Adds a comment by the caller"),
});

export const AddCommentBodySchema = z.object({
  text: z.string().min(1),
  author: z.string().optional().describe("Operator credentials only; defaults to operator"),
});

export const LabelBodySchema = z.object({ label: z.string().min(1) });

const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

export const BoardQuerySchema = z.object({
  project_id: z.string().optional().describe("Project id or name"),
  status: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe("Show only these statuses"),
  q: z.string().optional().describe("Case-insensitive text search"),
  label: z.string().optional().describe("Only issues with this label"),
  include_terminal: flag.describe("Show Done, Merged and Archived columns"),
});

export const IssuePathSchema = z.object({
  pid: z.string().min(1).describe("Project id (or name)"),
  iid: z.string().min(1).describe("Issue id"),
});

export const LabelPathSchema = IssuePathSchema.extend({ label: z.string().min(1) });
