/**
 * Profile routes (SPEC §9.1, §17.2): the configured `agent.profiles` (read-only,
 * from WORKFLOW.md, so a hot reload shows at once) and the matching scores for
 * a sample issue, computed by the same `matchProfile` dispatch uses.
 */
import { z } from "zod";
import { profileSchema, type AgentProfile } from "../../config/profile-schema.js";
import { ISSUE_TYPES } from "../../domain/issue.js";
import { matchProfile } from "../../domain/profile.js";
import { defineRoute, type RouteDefinition } from "../route.js";

export interface ProfilesRouteDeps {
  /** The profiles of the configuration in force. */
  profiles: () => readonly AgentProfile[];
}

const PreviewIssueSchema = z.object({
  title: z.string().default(""),
  description: z.string().default(""),
  type: z.enum(ISSUE_TYPES).default("task"),
  priority: z
    .number()
    .int()
    .min(0)
    .max(4)
    .nullable()
    .default(null)
    .describe("0 (urgent) – 4; null reads as 2"),
});

const PreviewSchema = z.object({
  selected: z.object({
    name: z.string(),
    score: z.number(),
    implicit: z.boolean().describe("True when the implicit `default` profile was used"),
    model_role: z.string().nullable(),
    model: z.string().nullable(),
    provider_id: z.string().nullable(),
  }),
  scores: z.array(
    z.object({ name: z.string(), score: z.number().nullable().describe("null: does not match") }),
  ),
});

export function profileRoutes(deps: ProfilesRouteDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/profiles",
      summary: "Configured agent profiles (read-only, from WORKFLOW.md)",
      tags: ["profiles"],
      responses: {
        200: z.object({
          profiles: z.array(profileSchema),
          implicit_default: z.boolean().describe("True when no profile is configured"),
        }),
      },
      handler: () => {
        const profiles = deps.profiles();
        return {
          status: 200,
          body: { profiles: [...profiles], implicit_default: profiles.length === 0 },
        };
      },
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/profiles/preview",
      summary: "Profile matching scores for a sample issue",
      tags: ["profiles"],
      request: { body: z.object({ issue: PreviewIssueSchema }) },
      responses: { 200: PreviewSchema },
      handler: ({ body }) => {
        const match = matchProfile(body.issue, deps.profiles());
        const p = match.profile;
        return {
          status: 200,
          body: {
            selected: {
              name: p.name,
              score: match.score,
              implicit: match.implicit,
              model_role: p.model_role ?? null,
              model: p.model ?? null,
              provider_id: p.provider_id ?? null,
            },
            scores: match.scores,
          },
        };
      },
    }),
  ];
}
