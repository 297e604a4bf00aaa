/**
 * `oompah route ID` against a real HTTP server serving the routing API over
 * real state documents and a WORKFLOW.md with the §3.8 profiles.
 */
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { main } from "../../../src/cli/main.js";
import { OompahError } from "../../../src/domain/errors.js";
import { makeIssue, type Issue } from "../../../src/domain/issue.js";
import { defineRoute } from "../../../src/server/route.js";
import { routingHarness, type Harness } from "../routing/harness.js";

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const ISSUES: Issue[] = [
  makeIssue({
    id: "OOM-12",
    project_id: "proj-1",
    state: "Open",
    title: "Fix XSS in the comment preview",
    description: "Comment markdown is rendered without sanitising; script injection is possible.",
    type: "bug",
    priority: 1,
    labels: ["security"],
  }),
];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    output: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) },
  };
}

async function start(
  projects: string[] = ["proj-1"],
): Promise<{ url: string; providerId: string }> {
  h = await routingHarness({
    getIssue: (pid, iid) => {
      const issue = ISSUES.find((i) => i.project_id === pid && i.id === iid);
      if (!issue)
        return Promise.reject(new OompahError("issue_not_found", `no issue ${iid} in ${pid}`));
      return Promise.resolve(issue);
    },
    getProject: () => Promise.resolve({ provider_id: null }),
    extraRoutes: [
      defineRoute({
        method: "GET",
        path: "/api/v1/projects",
        summary: "test stand-in for the projects list",
        responses: { 200: z.object({ projects: z.array(z.object({ id: z.string() })) }) },
        handler: () => ({ status: 200, body: { projects: projects.map((id) => ({ id })) } }),
      }),
    ],
  });
  const provider = await h.docs.providers.create({
    name: "Local vLLM",
    base_url: "http://127.0.0.1:8000/v1",
    api_key: "sk-never-printed-12345",
    models: ["m-small", "m-large"],
    model_roles: { fast: "m-small", deep: "m-large" },
  });
  await h.docs.foci.patch("security", { provider_id: "prov-deadbeef" });
  return { url: await h.listen(), providerId: provider.id };
}

describe("oompah route", () => {
  it("prints the focus scores with reasons, the profile, provider, model, backend and warnings", async () => {
    const { url, providerId } = await start();
    const c = capture();
    const code = await main(["route", "OOM-12", "--project", "proj-1", "--server", url], {
      output: c.output,
      env: {},
    });
    expect(c.err).toEqual([]);
    expect(code).toBe(0);
    const text = c.out.join("\n");
    expect(text).toContain("OOM-12  Fix XSS in the comment preview");
    expect(text).toContain("focus: security (Security Auditor) — score");
    expect(text).toMatch(
      /\s65 {2}security\s+keywords xss, injection \+20; labels security \+30; priority \+15/,
    );
    expect(text).toMatch(/\s+0 {2}docs\s+no match/);
    expect(text).toContain("profile: deep (score 10)");
    expect(text).toMatch(/- {2}quick {2}\(does not match\)/);
    expect(text).toContain(`provider: ${providerId} (Local vLLM) — only`);
    expect(text).toContain("model: m-large — profile.model_role");
    expect(text).toContain("backend: api");
    expect(text).toContain(
      "warning provider_not_found: focus security pins provider prov-deadbeef",
    );
    expect(text).not.toContain("sk-never-printed");
    expect(text).not.toContain("skip_reason");
  });

  it("uses the only project by default and prints JSON with --json", async () => {
    const { url } = await start();
    const c = capture();
    const code = await main(["--json", "route", "OOM-12", "--server", url], {
      output: c.output,
      env: {},
    });
    expect(code).toBe(0);
    const body = JSON.parse(c.out.join("\n")) as Record<string, unknown>;
    expect(body).toMatchObject({
      schema_version: 1,
      kind: "routing",
      focus: { selected: "security" },
      profile: { selected: "deep" },
      resolution: { ok: true, model: "m-large", backend: "api" },
    });
  });

  it("exits 3 for an unknown issue and asks for --project when several exist", async () => {
    const { url } = await start(["proj-1", "proj-2"]);
    const missing = capture();
    expect(
      await main(["route", "OOM-99", "--project", "proj-1", "--server", url], {
        output: missing.output,
        env: {},
      }),
    ).toBe(3);
    expect(missing.err[0]).toMatch(/^error issue_not_found:/);
    const ambiguous = capture();
    expect(
      await main(["route", "OOM-12", "--server", url], { output: ambiguous.output, env: {} }),
    ).toBe(1);
    expect(ambiguous.err.join("\n")).toContain("error project_required");
    expect(ambiguous.out).toEqual([]);
  });
});
