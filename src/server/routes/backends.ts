/**
 * `GET /api/v1/backends` (SPEC §17.2): each agent backend with its
 * availability and, when unavailable, the code and the install hint.
 */
import { z } from "zod";
import { BACKENDS } from "../../domain/provider.js";
import { backendStatuses, type AvailabilityDeps } from "../../providers/backend-availability.js";
import { defineRoute, type RouteDefinition } from "../route.js";

export const BackendStatusSchema = z.object({
  name: z.enum(BACKENDS),
  available: z.boolean(),
  code: z.literal("backend_unavailable").optional(),
  message: z.string().optional(),
  hint: z.string().optional().describe("e.g. the exact `npm install …` command"),
  packages: z.array(z.object({ name: z.string(), installed: z.boolean() })),
});

export const BackendListSchema = z.object({ backends: z.array(BackendStatusSchema) });

export function backendRoutes(deps: AvailabilityDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/backends",
      summary: "Agent backends and whether each is available",
      tags: ["providers"],
      responses: { 200: BackendListSchema },
      handler: async () => ({ status: 200, body: { backends: await backendStatuses(deps) } }),
    }),
  ];
}
