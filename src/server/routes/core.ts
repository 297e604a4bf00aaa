/**
 * Service-level routes: liveness, state snapshot, effective config, refresh,
 * dashboard session login/logout and the OpenAPI document.
 */
import { z } from "zod";
import { buildOpenApiDocument } from "../openapi.js";
import { defineRoute } from "../route.js";
import type { RouteDefinition } from "../route.js";
import { HealthSchema, StateSnapshotSchema } from "../service-api.js";
import type { ServiceApi } from "../service-api.js";

const SessionSchema = z.object({
  authenticated: z.boolean(),
  token_required: z.boolean().describe("False when no API token is configured (loopback mode)"),
  expires_at: z.string().nullable().describe("Session expiry (ISO 8601)"),
});

/** Built once per route table: the definitions do not change at runtime. */
const documents = new WeakMap<readonly RouteDefinition[], Record<string, unknown>>();

export function coreRoutes(api: ServiceApi): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/healthz",
      summary: "Liveness",
      tags: ["service"],
      auth: "public",
      responses: { 200: HealthSchema },
      handler: () => ({ status: 200, body: api.health() }),
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/state",
      summary: "Service state snapshot",
      tags: ["service"],
      responses: { 200: StateSnapshotSchema },
      handler: async () => ({ status: 200, body: await api.state() }),
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/config",
      summary: "Effective configuration with secrets redacted",
      tags: ["service"],
      responses: { 200: z.unknown().describe("Effective config") },
      handler: () => ({ status: 200, body: api.config() }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/refresh",
      summary: "Request a coalesced orchestrator tick",
      tags: ["service"],
      responses: { 202: z.object({ accepted: z.literal(true) }) },
      handler: () => {
        api.refresh();
        return { status: 202, body: { accepted: true } };
      },
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/session",
      summary: "Dashboard login: exchanges the API token for a session cookie",
      tags: ["session"],
      auth: "public",
      request: { body: z.object({ token: z.string().min(1).describe("The API token") }) },
      responses: { 200: SessionSchema },
      handler: ({ body, c }) => {
        const session = c.var.authService.login(c, body.token);
        const expires = session === null ? null : new Date(session.expiresAt).toISOString();
        return {
          status: 200,
          body: { authenticated: true, token_required: session !== null, expires_at: expires },
        };
      },
    }),
    defineRoute({
      method: "DELETE",
      path: "/api/v1/session",
      summary: "Dashboard logout: revokes the session and clears the cookie",
      tags: ["session"],
      auth: "public",
      responses: { 200: SessionSchema },
      handler: ({ c }) => {
        c.var.authService.logout(c);
        const required = c.var.authService.tokenConfigured();
        return {
          status: 200,
          body: { authenticated: !required, token_required: required, expires_at: null },
        };
      },
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/openapi.json",
      summary: "OpenAPI 3.1 description of this API",
      tags: ["service"],
      responses: { 200: z.record(z.string(), z.unknown()).describe("OpenAPI document") },
      handler: ({ c }) => {
        const routes = c.var.routes;
        let doc = documents.get(routes);
        if (doc === undefined) {
          doc = buildOpenApiDocument(routes, { version: api.health().version });
          documents.set(routes, doc);
        }
        return { status: 200, body: doc };
      },
    }),
  ];
}
