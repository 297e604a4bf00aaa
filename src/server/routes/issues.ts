/**
 * Issue routes (§17.2): the board, create, detail, update, soft delete,
 * comments and labels. Thin translations onto the {@link IssueService}; the
 * caller's credential becomes the service's actor so the comment-author rules
 * of §19.3 apply in one place.
 */
import { z } from "zod";
import { OompahError } from "../../domain/errors.js";
import { OPERATOR, type IssueActor } from "../../issues/actor.js";
import type { IssueService } from "../../issues/issue-service.js";
import type { AuthContext } from "../context.js";
import { hasOperatorRights } from "../context.js";
import { defineRoute, type RouteDefinition } from "../route.js";
import {
  AddCommentBodySchema,
  BoardQuerySchema,
  BoardSchema,
  CommentSchema,
  CreateIssueBodySchema,
  IssueDetailSchema,
  IssuePathSchema,
  IssueSchema,
  LabelBodySchema,
  LabelPathSchema,
  PatchIssueBodySchema,
} from "./issue-schemas.js";

const ISSUE = "/api/v1/projects/:pid/issues/:iid";
const tags = ["issues"] as const;

/** The service actor for a request's credential; a run token acts within its run's scope (§19.3). */
export function actorOf(auth: AuthContext): IssueActor {
  if (hasOperatorRights(auth)) return OPERATOR;
  if (auth.kind === "run" && auth.runId && auth.projectId && auth.issueId) {
    return {
      kind: "run",
      scope: {
        runId: auth.runId,
        projectId: auth.projectId,
        issueId: auth.issueId,
        identifier: auth.issueId,
      },
    };
  }
  throw new OompahError("forbidden", "only operator credentials may change issues here");
}

export function issueRoutes(issues: IssueService): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/issues",
      summary: "Board: issues grouped by canonical status",
      tags,
      request: { query: BoardQuerySchema },
      responses: { 200: BoardSchema },
      handler: async ({ query }) => {
        const statuses = query.status === undefined ? undefined : [query.status].flat();
        const body = await issues.board({
          projectId: query.project_id,
          statuses,
          q: query.q,
          label: query.label,
          includeTerminal: query.include_terminal,
        });
        return { status: 200, body };
      },
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/issues",
      summary: "Create an issue (project defaults to the only project)",
      tags,
      auth: "run-token-ok",
      request: { body: CreateIssueBodySchema },
      responses: { 201: IssueSchema },
      handler: async ({ body, auth }) => ({
        status: 201,
        body: await issues.create(actorOf(auth), body),
      }),
    }),
    defineRoute({
      method: "GET",
      path: ISSUE,
      summary: "Issue detail with comments and runs",
      tags,
      auth: "run-token-ok",
      request: { params: IssuePathSchema },
      responses: { 200: IssueDetailSchema },
      handler: async ({ params, auth }) => ({
        status: 200,
        body: await issues.detail(params.pid, params.iid, actorOf(auth)),
      }),
    }),
    defineRoute({
      method: "PATCH",
      path: ISSUE,
      summary: "Update an issue (status canonicalised) and optionally comment",
      tags,
      auth: "run-token-ok",
      request: { params: IssuePathSchema, body: PatchIssueBodySchema },
      responses: { 200: IssueSchema },
      handler: async ({ params, body, auth }) => ({
        status: 200,
        body: await issues.update(actorOf(auth), params.pid, params.iid, body),
      }),
    }),
    defineRoute({
      method: "DELETE",
      path: ISSUE,
      summary: "Soft delete: status Archived",
      tags,
      request: { params: IssuePathSchema },
      responses: { 200: IssueSchema },
      handler: async ({ params, auth }) => ({
        status: 200,
        body: await issues.archive(actorOf(auth), params.pid, params.iid),
      }),
    }),
    defineRoute({
      method: "GET",
      path: `${ISSUE}/comments`,
      summary: "Comments, oldest first",
      tags,
      auth: "run-token-ok",
      request: { params: IssuePathSchema },
      responses: { 200: z.object({ comments: z.array(CommentSchema) }) },
      handler: async ({ params, auth }) => ({
        status: 200,
        body: { comments: await issues.comments(params.pid, params.iid, actorOf(auth)) },
      }),
    }),
    defineRoute({
      method: "POST",
      path: `${ISSUE}/comments`,
      summary: "Add a comment (authors beginning with oompah are reserved)",
      tags,
      auth: "run-token-ok",
      request: { params: IssuePathSchema, body: AddCommentBodySchema },
      responses: { 201: CommentSchema },
      handler: async ({ params, body, auth }) => ({
        status: 201,
        body: await issues.addComment(actorOf(auth), params.pid, params.iid, body),
      }),
    }),
    defineRoute({
      method: "POST",
      path: `${ISSUE}/labels`,
      summary: "Add a label",
      tags,
      auth: "run-token-ok",
      request: { params: IssuePathSchema, body: LabelBodySchema },
      responses: { 200: IssueSchema },
      handler: async ({ params, body, auth }) => ({
        status: 200,
        body: await issues.addLabel(actorOf(auth), params.pid, params.iid, body.label),
      }),
    }),
    defineRoute({
      method: "DELETE",
      path: `${ISSUE}/labels/:label`,
      summary: "Remove a label",
      tags,
      auth: "run-token-ok",
      request: { params: LabelPathSchema },
      responses: { 200: IssueSchema },
      handler: async ({ params, auth }) => ({
        status: 200,
        body: await issues.removeLabel(actorOf(auth), params.pid, params.iid, params.label),
      }),
    }),
  ];
}
