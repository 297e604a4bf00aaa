/**
 * Generates the OpenAPI 3.1 document from the route definitions with zod 4's
 * JSON Schema export, so the published contract cannot drift from the
 * validators. Request schemas are exported as input, responses as output.
 */
import { z } from "zod";
import { ErrorEnvelopeSchema } from "./errors.js";
import type { RouteDefinition } from "./route.js";

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

/** `/projects/:pid` → `/projects/{pid}` (regex constraints dropped). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, "{$1}");
}

function parameters(schema: z.ZodObject | undefined, where: "path" | "query"): JsonObject[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, "input");
  const properties = (object.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    ...(typeof prop.description === "string" ? { description: prop.description } : {}),
    schema: prop,
  }));
}

const ERROR_REF = { $ref: "#/components/schemas/Error" };
const errorResponse = (description: string): JsonObject => ({
  description,
  content: { "application/json": { schema: ERROR_REF } },
});

function errorResponses(route: RouteDefinition): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  if (route.request.body !== undefined) {
    out["400"] = errorResponse("Malformed request body");
    out["413"] = errorResponse("Body too large");
    out["415"] = errorResponse("Unsupported media type");
  }
  if (route.auth !== "public") {
    out["401"] = errorResponse("Missing or invalid credentials");
    out["403"] = errorResponse("Forbidden");
    out["429"] = errorResponse("Too many failed authentication attempts");
  }
  if (Object.values(route.request).some((s) => s !== undefined))
    out["422"] = errorResponse("Validation failed");
  out.default = errorResponse("Error");
  return out;
}

function operation(route: RouteDefinition): JsonObject {
  const responses: Record<string, JsonObject> = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    responses[status] = {
      description: schema.description ?? `HTTP ${status}`,
      content: { "application/json": { schema: jsonSchema(schema, "output") } },
    };
  }
  const body = route.request.body;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    ...(route.tags.length > 0 ? { tags: [...route.tags] } : {}),
    ...(route.auth === "public" ? { security: [] } : {}),
    parameters: [
      ...parameters(route.request.params, "path"),
      ...parameters(route.request.query, "query"),
    ],
    ...(body === undefined
      ? {}
      : {
          requestBody: {
            required: !body.safeParse(undefined).success,
            content: Object.fromEntries(
              route.contentTypes.map((t) => [t, { schema: jsonSchema(body, "input") }]),
            ),
          },
        }),
    responses: { ...responses, ...errorResponses(route) },
  };
}

/** The OpenAPI 3.1 document for `routes`. */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  info: { version: string },
): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const path = (paths[openApiPath(route.path)] ??= {});
    path[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: { title: "oompah", version: info.version },
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorEnvelopeSchema, "output") },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: "oompah_session" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
  };
}
