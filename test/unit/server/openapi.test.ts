import { describe, expect, it } from "vitest";
import { openApiPath } from "../../../src/server/openapi.js";
import { coreRoutes } from "../../../src/server/routes/core.js";
import { FakeService, makeApp, probeRoutes } from "./fake-service.js";

type Operation = {
  operationId: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: object }>;
  requestBody?: { content: Record<string, { schema: { properties?: object } }> };
  responses: Record<string, { content: { "application/json": { schema: object } } }>;
  security?: unknown[];
};

describe("OpenAPI document", () => {
  it("lists every registered route with its request and response schemas", async () => {
    const res = await makeApp().request("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: { Error: { properties: { error: object } } } };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.schemas.Error.properties.error).toBeDefined();

    const routes = [...coreRoutes(new FakeService()), ...probeRoutes()];
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(listed.sort()).toEqual(
      routes.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`).sort(),
    );
    const ids = new Set<string>();
    for (const route of routes) {
      const op = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      if (op === undefined) continue;
      ids.add(op.operationId);
      for (const status of Object.keys(route.responses)) {
        expect(op.responses[status]?.content["application/json"].schema).toBeDefined();
      }
      expect(op.responses.default?.content["application/json"].schema).toEqual({
        $ref: "#/components/schemas/Error",
      });
      expect(op.requestBody !== undefined).toBe(route.request.body !== undefined);
      expect(op.security !== undefined).toBe(route.auth === "public");
    }
    expect(ids.size).toBe(routes.length);

    const things = doc.paths["/api/v1/things/{tid}"]?.post;
    expect(things?.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ["tid", "path", true],
      ["limit", "query", false],
    ]);
    expect(things?.requestBody?.content["application/json"]?.schema.properties).toHaveProperty(
      "title",
    );
    expect(things?.responses["422"]).toBeDefined();
    const state = doc.paths["/api/v1/state"]?.get?.responses["200"]?.content["application/json"]
      .schema as {
      required: string[];
    };
    expect(state.required).toEqual(
      expect.arrayContaining(["version", "epoch", "running", "alerts", "projects"]),
    );
  });

  it("converts hono paths to OpenAPI templates", () => {
    expect(openApiPath("/api/v1/projects/:pid/issues/:iid")).toBe(
      "/api/v1/projects/{pid}/issues/{iid}",
    );
    expect(openApiPath("/api/v1/runs/:id{[0-9]+}")).toBe("/api/v1/runs/{id}");
  });
});
