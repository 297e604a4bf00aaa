/**
 * Profiles API with the SPEC §3.8 example profiles in a real WORKFLOW.md.
 */
import { afterEach, describe, expect, it } from "vitest";
import { routingHarness, type Harness } from "./harness.js";

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

interface Preview {
  selected: { name: string; score: number; implicit: boolean; model_role: string | null };
  scores: Array<{ name: string; score: number | null }>;
}

async function preview(harness: Harness, issue: Record<string, unknown>): Promise<Preview> {
  const res = await harness.request("/api/v1/profiles/preview", {
    method: "POST",
    body: { issue },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Preview;
}

describe("profiles API", () => {
  it("lists the configured profiles in declaration order", async () => {
    h = await routingHarness();
    const body = (await (await h.request("/api/v1/profiles")).json()) as {
      profiles: Array<{
        name: string;
        model_role: string;
        issue_types: string[];
        keywords: string[];
      }>;
      implicit_default: boolean;
    };
    expect(body.implicit_default).toBe(false);
    expect(body.profiles.map((p) => [p.name, p.model_role])).toEqual([
      ["quick", "fast"],
      ["standard", "standard"],
      ["deep", "deep"],
    ]);
    expect(body.profiles[0]?.keywords).toEqual(["typo", "rename", "cleanup"]);
  });

  it("[C97] picks quick for a chore mentioning typo, standard for a feature, deep for a bug", async () => {
    h = await routingHarness();
    const chore = await preview(h, { title: "Fix typo in the README", type: "chore" });
    expect(chore.selected).toMatchObject({
      name: "quick",
      score: 15,
      implicit: false,
      model_role: "fast",
    });
    expect(chore.scores).toEqual([
      { name: "quick", score: 15 },
      { name: "standard", score: null },
      { name: "deep", score: null },
    ]);
    expect((await preview(h, { title: "Add CSV export", type: "feature" })).selected.name).toBe(
      "standard",
    );
    expect(
      (await preview(h, { title: "Crash on save", type: "bug", priority: 0 })).selected,
    ).toMatchObject({
      name: "deep",
      model_role: "deep",
    });
    expect((await preview(h, { title: "Plan Q3", type: "epic" })).selected.name).toBe("deep");
  });

  it("[C98] uses the implicit default profile when none is configured", async () => {
    h = await routingHarness({ profiles: "  max_turns: 10\n" });
    const body = await preview(h, { title: "Anything", type: "bug" });
    expect(body).toEqual({
      selected: {
        name: "default",
        score: 0,
        implicit: true,
        model_role: null,
        model: null,
        provider_id: null,
      },
      scores: [],
    });
  });

  it("rejects a bad sample issue with field details", async () => {
    h = await routingHarness();
    const res = await h.request("/api/v1/profiles/preview", {
      method: "POST",
      body: { issue: { priority: 9 } },
    });
    expect(res.status).toBe(422);
    const err = (await res.json()) as { error: { details: { issues: Array<{ path: string }> } } };
    expect(err.error.details.issues[0]?.path).toBe("issue.priority");
  });
});

describe("routing API description", () => {
  it("documents every routing route in the OpenAPI document with unique operation ids", async () => {
    const { buildOpenApiDocument } = await import("../../../src/server/openapi.js");
    const { routingApiRoutes } = await import("../../../src/app/routing.js");
    h = await routingHarness();
    const routes = routingApiRoutes({
      docs: h.docs,
      config: { current: { config: { agent: { profiles: [] } } } as never },
      env: {},
      getIssue: () => Promise.reject(new Error("unused")),
    });
    const doc = buildOpenApiDocument(routes, { version: "test" }) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops).toHaveLength(routes.length);
    expect(new Set(ops).size).toBe(ops.length);
    expect(doc.paths["/api/v1/providers/{id}/test"]).toBeDefined();
    expect(JSON.stringify(doc.paths["/api/v1/providers"])).not.toContain("api_key_enc");
  });
});
