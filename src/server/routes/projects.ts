/**
 * Project registry endpoints (SPEC §17.2): list/register, read/update/remove,
 * pause/resume, sync and worktrees. `{pid}` accepts a project id or name.
 * Requests on the Unix socket count as local callers for the local-path rule
 * (only processes with file access reach it).
 */
import { z } from "zod";
import type { ProjectService } from "../../projects/project-service.js";
import {
  ProjectCreateSchema,
  ProjectPatchSchema,
  ProjectViewSchema,
  WorktreeSchema,
} from "../../projects/project-wire.js";
import { defineRoute, type RouteDefinition } from "../route.js";

/** What the routes need of the project service. */
export type ProjectsApi = Pick<
  ProjectService,
  "add" | "list" | "get" | "update" | "remove" | "pause" | "resume" | "sync" | "worktrees"
>;

const Pid = z.object({ pid: z.string().min(1).describe("Project id or name") });
const tags = ["projects"];

export function projectRoutes(api: ProjectsApi): RouteDefinition[] {
  const control = (action: "pause" | "resume" | "sync", summary: string): RouteDefinition =>
    defineRoute({
      method: "POST",
      path: `/api/v1/projects/:pid/${action}`,
      summary,
      tags,
      request: { params: Pid },
      responses: { 200: ProjectViewSchema },
      handler: async ({ params }) => ({ status: 200, body: await api[action](params.pid) }),
    });
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/projects",
      summary: "List projects with their clone status",
      tags,
      responses: { 200: z.object({ projects: z.array(ProjectViewSchema) }) },
      handler: async () => ({ status: 200, body: { projects: await api.list() } }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/projects",
      summary: "Register a project; the clone proceeds asynchronously (status cloning)",
      tags,
      request: { body: ProjectCreateSchema },
      responses: { 201: ProjectViewSchema },
      handler: async ({ body, c }) => ({
        status: 201,
        body: await api.add(body, { trustedCaller: c.env?.transport === "unix" }),
      }),
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/projects/:pid",
      summary: "Read a project",
      tags,
      request: { params: Pid },
      responses: { 200: ProjectViewSchema },
      handler: async ({ params }) => ({ status: 200, body: await api.get(params.pid) }),
    }),
    defineRoute({
      method: "PATCH",
      path: "/api/v1/projects/:pid",
      summary: "Update a project (the id is immutable)",
      tags,
      request: { params: Pid, body: ProjectPatchSchema },
      responses: { 200: ProjectViewSchema },
      handler: async ({ params, body }) => ({
        status: 200,
        body: await api.update(params.pid, body),
      }),
    }),
    defineRoute({
      method: "DELETE",
      path: "/api/v1/projects/:pid",
      summary: "Remove a project (purge=true also deletes its clone and worktrees)",
      tags,
      request: {
        params: Pid,
        query: z.object({
          purge: z
            .enum(["true", "false", "1", "0"])
            .optional()
            .describe("Also delete the managed clone and <workspace.root>/<key>/"),
        }),
      },
      responses: {
        200: z.object({
          removed: z.literal(true),
          id: z.string(),
          name: z.string(),
          purged: z.boolean(),
        }),
      },
      handler: async ({ params, query }) => {
        const purge = query.purge === "true" || query.purge === "1";
        return {
          status: 200,
          body: { removed: true, ...(await api.remove(params.pid, { purge })) },
        };
      },
    }),
    control("pause", "Pause dispatch for one project (persisted in projects.json)"),
    control("resume", "Resume dispatch for one project"),
    control(
      "sync",
      "Fetch the managed clone (re-cloning after an error) and wake the orchestrator",
    ),
    defineRoute({
      method: "GET",
      path: "/api/v1/projects/:pid/worktrees",
      summary: "Worktree directories of a project",
      tags,
      request: { params: Pid },
      responses: { 200: z.object({ worktrees: z.array(WorktreeSchema) }) },
      handler: async ({ params }) => ({
        status: 200,
        body: { worktrees: await api.worktrees(params.pid) },
      }),
    }),
  ];
}
