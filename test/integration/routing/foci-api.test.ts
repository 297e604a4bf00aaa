/**
 * Foci API over a real foci.json: CRUD (overrides restore the built-in on
 * delete), validation, and `POST /api/v1/foci/preview` on a fixture set of
 * realistic issues with the focus each must select.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { routingHarness, type Harness } from "./harness.js";

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

interface Preview {
  selected: { name: string; role: string; reason: string };
  scores: Array<{ name: string; score: number; keywords: string[]; excluded: string | null }>;
}

const FIXTURE_ISSUES: Array<{ issue: Record<string, unknown>; focus: string }> = [
  {
    issue: {
      title: "Fix XSS in comment rendering",
      description:
        "User-supplied comment text is inserted without escaping, allowing script injection.",
      type: "bug",
    },
    focus: "security",
  },
  {
    issue: {
      title: "Dashboard layout breaks on narrow screens",
      description: "The kanban columns overflow and the header component wraps badly.",
      type: "bug",
      labels: ["UI"],
    },
    focus: "frontend",
  },
  {
    issue: {
      title: "Update README with an installation guide",
      description: "The README lacks a guide for installing on Windows.",
      type: "task",
      labels: ["docs"],
    },
    focus: "docs",
  },
  {
    issue: {
      title: "Bump lodash dependency to 4.17.21",
      description: "Dependabot flagged the version; bump it.",
      type: "chore",
    },
    focus: "chore",
  },
  {
    issue: {
      title: "Support CSV export of the cost report",
      description: "Implement an export endpoint so finance can build their own charts.",
      type: "feature",
    },
    focus: "feature",
  },
  {
    issue: {
      title: "Deploy pipeline fails on Kubernetes",
      description: "The terraform step times out when the cluster is busy.",
      type: "bug",
      labels: ["devops"],
    },
    focus: "devops",
  },
  {
    issue: {
      title: "Resolve merge of the settings module",
      description: "",
      type: "task",
      state: "Needs Rebase",
    },
    focus: "merge_conflict",
  },
  {
    issue: {
      title: "Checkout fails intermittently",
      description: "",
      type: "bug",
      state: "needs-ci-fix",
    },
    focus: "ci_fix",
  },
  {
    issue: {
      title: "Investigate slow startup",
      description: "Startup takes 30 seconds on large repositories; the tests still pass.",
      type: "task",
    },
    focus: "general",
  },
  {
    issue: {
      title: "Add a login form",
      description: "",
      type: "feature",
      labels: ["needs:security"],
    },
    focus: "security",
  },
];

describe("foci API", () => {
  it("previews the selected focus for each fixture issue", async () => {
    h = await routingHarness();
    for (const { issue, focus } of FIXTURE_ISSUES) {
      const res = await h.request("/api/v1/foci/preview", { method: "POST", body: issue });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Preview;
      expect(body.selected.name, String(issue.title)).toBe(focus);
      expect(body.scores.length).toBeGreaterThanOrEqual(11);
    }
  });

  it("returns per-focus scores with the evidence, best first", async () => {
    h = await routingHarness();
    const res = await h.request("/api/v1/foci/preview", {
      method: "POST",
      body: FIXTURE_ISSUES[0]!.issue,
    });
    const body = (await res.json()) as Preview;
    expect(body.selected).toEqual({ name: "security", role: "Security Auditor", reason: "score" });
    expect(body.scores[0]).toMatchObject({
      name: "security",
      score: 35,
      keywords: ["xss", "injection"],
    });
    const scores = body.scores.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("rejects an unknown state and a bad type with field details", async () => {
    h = await routingHarness();
    const res = await h.request("/api/v1/foci/preview", {
      method: "POST",
      body: { title: "x", type: "story", state: "Nonsense" },
    });
    expect(res.status).toBe(422);
    const err = (await res.json()) as {
      error: { code: string; details: { issues: Array<{ path: string }> } };
    };
    expect(err.error.code).toBe("validation_failed");
    expect(err.error.details.issues.map((i) => i.path).sort()).toEqual(["state", "type"]);
  });

  it("[C94] overrides a built-in, and deleting the override restores it", async () => {
    h = await routingHarness();
    const docs = { name: "docs", role: "Docs Gardener", keywords: ["wiki"], priority: 50 };
    const created = await h.request("/api/v1/foci", { method: "POST", body: docs });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      name: "docs",
      role: "Docs Gardener",
      origin: "override",
    });
    expect(JSON.parse(readFileSync(h.docs.paths.foci, "utf8"))).toMatchObject([
      { name: "docs", keywords: ["wiki"] },
    ]);

    const preview = async () =>
      (
        (await (
          await h!.request("/api/v1/foci/preview", {
            method: "POST",
            body: { title: "Tidy the wiki" },
          })
        ).json()) as Preview
      ).selected;
    expect(await preview()).toMatchObject({ name: "docs", role: "Docs Gardener" });

    const dup = await h.request("/api/v1/foci", { method: "POST", body: docs });
    expect(dup.status).toBe(409);

    const del = await h.request("/api/v1/foci/docs", { method: "DELETE" });
    expect(await del.json()).toEqual({ deleted: "docs", restored_builtin: true });
    const list = (await (await h.request("/api/v1/foci")).json()) as {
      foci: Array<{ name: string; role: string; origin: string }>;
    };
    expect(list.foci.find((f) => f.name === "docs")).toMatchObject({
      role: "Technical Writer",
      origin: "builtin",
    });
    expect(await preview()).toMatchObject({ name: "general" });
  });

  it("patches only the fields sent, refuses to delete a built-in, and never selects an inactive focus", async () => {
    h = await routingHarness();
    const patched = await h.request("/api/v1/foci/security", {
      method: "PATCH",
      body: { status: "inactive" },
    });
    expect(patched.status).toBe(200);
    const body = (await patched.json()) as { status: string; keywords: string[]; origin: string };
    expect(body).toMatchObject({ status: "inactive", origin: "override" });
    expect(body.keywords).toContain("xss");
    const preview = (await (
      await h.request("/api/v1/foci/preview", { method: "POST", body: FIXTURE_ISSUES[0]!.issue })
    ).json()) as Preview;
    expect(preview.selected.name).not.toBe("security");
    expect(preview.scores.find((s) => s.name === "security")?.excluded).toBe("inactive");

    const del = await h.request("/api/v1/foci/frontend", { method: "DELETE" });
    expect(del.status).toBe(409);
    expect(((await del.json()) as { error: { code: string } }).error.code).toBe("builtin_focus");
    expect((await h.request("/api/v1/foci/nope", { method: "DELETE" })).status).toBe(404);
    const general = await h.request("/api/v1/foci/general", {
      method: "PATCH",
      body: { status: "inactive" },
    });
    expect(general.status).toBe(422);
    const unknown = await h.request("/api/v1/foci/docs", {
      method: "PATCH",
      body: { colour: "red" },
    });
    expect(unknown.status).toBe(422);
  });

  it("lists suggestions and accepts or dismisses them", async () => {
    h = await routingHarness();
    const finished = (id: string) => ({
      issueId: `p:${id}`,
      title: "Cache invalidation for the redis session cache",
      description:
        "The redis cache keeps stale session tokens after logout; add ttl and invalidation on login.",
      comments: [],
    });
    for (const id of ["1", "2", "3"]) await h.docs.suggestions.recordFinished(finished(id));
    const list = (await (await h.request("/api/v1/foci/suggestions")).json()) as {
      suggestions: Array<{ name: string; status: string; issue_ids: string[] }>;
    };
    expect(list.suggestions).toHaveLength(1);
    const name = list.suggestions[0]!.name;
    expect(list.suggestions[0]!.issue_ids).toHaveLength(3);
    const proposed = (await (await h.request("/api/v1/foci")).json()) as {
      foci: Array<{ name: string; status: string }>;
    };
    expect(proposed.foci.find((f) => f.name === name)?.status).toBe("proposed");

    const accepted = await h.request(`/api/v1/foci/suggestions/${name}`, {
      method: "PATCH",
      body: { action: "accept" },
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({
      suggestion: { status: "accepted" },
      focus: { name, status: "active" },
    });
    const missing = await h.request("/api/v1/foci/suggestions/none", {
      method: "PATCH",
      body: { action: "dismiss" },
    });
    expect(missing.status).toBe(404);
    const bad = await h.request(`/api/v1/foci/suggestions/${name}`, {
      method: "PATCH",
      body: { action: "maybe" },
    });
    expect(bad.status).toBe(422);
  });
});
