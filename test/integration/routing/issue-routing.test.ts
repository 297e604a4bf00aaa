/**
 * `GET /api/v1/projects/{pid}/issues/{iid}/routing` over a real native-tracker
 * issue (a task file in a git repository), read through the issue service.
 */
import { afterEach, describe, expect, it } from "vitest";
import { OPERATOR } from "../../../src/issues/actor.js";
import { issuesApp, readyProject } from "../issues/issues-harness.js";
import { routingHarness, type Harness } from "./harness.js";

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe("issue routing explanation", () => {
  it("explains a tracker issue: focus scores, profile, provider, model and backend", async () => {
    const { service } = issuesApp([readyProject("proj-a")]);
    const issue = await service.create(OPERATOR, {
      project_id: "proj-a",
      title: "Fix typo in the deploy guide",
      description: "The docker section says 'kubernets'.",
      type: "chore",
      labels: ["docs"],
      status: "Open",
    });
    h = await routingHarness({
      getIssue: async (pid, iid) => (await service.detail(pid, iid)).issue,
      getProject: () => Promise.resolve({ provider_id: null }),
    });
    await h.docs.providers.create({
      name: "A",
      base_url: "http://127.0.0.1:1/v1",
      model_roles: { fast: "a-fast" },
    });
    const b = await h.docs.providers.create({
      name: "B",
      base_url: "http://127.0.0.1:2/v1",
      default: true,
      models: ["b-1", "b-2"],
    });

    const res = await h.request(
      `/api/v1/projects/proj-a/issues/${encodeURIComponent(issue.id)}/routing`,
    );
    expect(res.status).toBe(200);
    const x = (await res.json()) as {
      issue: { identifier: string };
      focus: { selected: string; scores: Array<{ name: string; score: number }> };
      profile: { selected: string; score: number };
      resolution: Record<string, unknown>;
      warnings: Array<{ code: string }>;
    };
    expect(x.issue.identifier).toBe(issue.identifier);
    // chore: typo +10, type +50 (priority 0); docs: guide +10, label +30, priority +5; devops: deploy, docker +20, +5.
    expect(x.focus.selected).toBe("chore");
    expect(x.focus.scores.slice(0, 3)).toMatchObject([
      { name: "chore", score: 60 },
      { name: "docs", score: 45 },
      { name: "devops", score: 25 },
    ]);
    expect(x.profile).toMatchObject({ selected: "quick", score: 15 });
    // Two providers: the `default: true` one is used, and its catalogue has no `fast` role.
    expect(x.resolution).toEqual({
      ok: true,
      provider: { id: b.id, name: "B" },
      provider_source: "default",
      model: "b-1",
      model_source: "models[0]",
      backend: "api",
    });
    expect(x.warnings.map((w) => w.code)).toEqual(["model_role_not_found"]);

    const missing = await h.request("/api/v1/projects/proj-a/issues/NOPE-1/routing");
    expect(missing.status).toBe(404);
  });
});
