/**
 * Review endpoints (SPEC §12.4, §17.2): the open pull/merge requests of every
 * project — for the `local` SCM, the pushed `oompah/` branches not yet in
 * their target — each with the issue whose run delivered it, plus the two
 * operator actions of the Reviews page: a server-side rebase and a retry
 * that sends the linked issue back to Needs CI Fix.
 */
import { z } from "zod";
import { SCM_KINDS } from "../../domain/project.js";
import { defineRoute, type RouteDefinition } from "../route.js";

/** A pull/merge request as the SCM adapter reports it (§12.2). */
export const ReviewSchema = z.object({
  number: z.string().describe("PR/MR number; the branch name for the local SCM"),
  url: z.string(),
  title: z.string(),
  author: z.string(),
  state: z.enum(["open", "merged", "closed"]),
  draft: z.boolean(),
  source_branch: z.string(),
  target_branch: z.string(),
  head_sha: z.string(),
  mergeable: z.enum(["clean", "behind", "conflicts", "unknown"]),
  ci: z.enum(["passed", "failed", "pending", "none"]),
  updated_at: z.string().describe("ISO 8601"),
});

export const LinkedIssueSchema = z.object({
  id: z.string(),
  identifier: z.string(),
  title: z.string(),
  state: z.string().describe("Canonical status"),
});

export const OpenReviewSchema = ReviewSchema.extend({
  project_id: z.string(),
  project_name: z.string(),
  scm: z.enum(SCM_KINDS),
  supports_rebase: z.boolean().describe("The SCM can rebase on the server (not `local`)"),
  issue: LinkedIssueSchema.nullable().describe(
    "The issue whose run pushed this branch; null for branches oompah did not deliver",
  ),
});
export type OpenReviewWire = z.input<typeof OpenReviewSchema>;

export const ReviewListSchema = z.object({
  reviews: z.array(OpenReviewSchema).describe("Most recently updated first"),
  errors: z
    .array(
      z.object({
        project_id: z.string(),
        code: z.string(),
        message: z.string(),
        hint: z.string().optional(),
      }),
    )
    .describe("Projects whose reviews could not be read"),
});
export type ReviewListWire = z.input<typeof ReviewListSchema>;

/** What the review routes need (the composition root implements it over the SCM adapters). */
export interface ReviewsApi {
  /** Every project's open reviews, or one project's (`project_id` = id or name). */
  list(projectRef?: string): Promise<ReviewListWire>;
  /** Server-side rebase; `rebase_unsupported` for the local SCM. */
  rebase(projectRef: string, number: string): Promise<OpenReviewWire>;
  /** Moves the linked issue to Needs CI Fix and wakes the orchestrator. */
  retry(projectRef: string, number: string): Promise<OpenReviewWire>;
}

const tags = ["reviews"];
const Target = z.object({
  pid: z.string().min(1).describe("Project id or name"),
  number: z.string().min(1).describe("PR/MR number, or the percent-encoded branch (local)"),
});

export function reviewRoutes(api: ReviewsApi): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/reviews",
      summary: "Open pull/merge requests across projects, with their linked issues",
      tags,
      request: {
        query: z.object({ project_id: z.string().min(1).optional().describe("Id or name") }),
      },
      responses: { 200: ReviewListSchema },
      handler: async ({ query }) => ({ status: 200, body: await api.list(query.project_id) }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/reviews/:pid/:number/rebase",
      summary: "Rebase the review on its target on the server (409 rebase_unsupported for local)",
      tags,
      request: { params: Target },
      responses: { 200: z.object({ review: OpenReviewSchema }) },
      handler: async ({ params }) => ({
        status: 200,
        body: { review: await api.rebase(params.pid, params.number) },
      }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/reviews/:pid/:number/retry",
      summary: "Move the review's linked issue to Needs CI Fix for a repair run",
      tags,
      request: { params: Target },
      responses: { 200: z.object({ review: OpenReviewSchema }) },
      handler: async ({ params }) => ({
        status: 200,
        body: { review: await api.retry(params.pid, params.number) },
      }),
    }),
  ];
}
