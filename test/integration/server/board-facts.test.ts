/**
 * The board's per-issue facts (SPEC §17.5 cards, §7.2, §13.3): focus, spend
 * from the ledger and the skip reason, served by the real service next to
 * the normalised issues of `GET /api/v1/issues`.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { BoardSchema } from "../../../src/server/routes/issue-schemas.js";
import { makeRepoWithOrigin, waitFor } from "../../helpers/sandbox.js";
import { startTestService, type TestService } from "../../helpers/service.js";
import { claimRun } from "../../helpers/runs.js";

type Board = z.infer<typeof BoardSchema>;

async function boardService(): Promise<
  TestService & { projectId: string; call: Call; issue: (fields: object) => Promise<string> }
> {
  const t = await startTestService({
    workflow: "---\ntracker:\n  commit_debounce_ms: 0\n---\nWork on {{ issue.title }}\n",
    paused: true,
  });
  const call: Call = async (method, path, body) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const { origin } = makeRepoWithOrigin({ ".oompah/tasks/config.yml": "task_prefix: BF\n" });
  const project = await call("POST", "/api/v1/projects", { repo_url: origin, name: "demo" });
  const projectId = String(project.body.id);
  await waitFor(
    async () => (await call("GET", `/api/v1/projects/${projectId}`)).body.status === "ready",
    { what: "the project clone" },
  );
  /** Creates an issue in the project; its id. */
  const issue = async (fields: object) =>
    String((await call("POST", "/api/v1/issues", { project_id: projectId, ...fields })).body.id);
  return { ...t, projectId, call, issue };
}

type Call = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>;

async function board(t: TestService): Promise<Board> {
  const res = await fetch(`${t.url}/api/v1/issues?include_terminal=true`);
  expect(res.status).toBe(200);
  return (await res.json()) as Board;
}

function ledgerRow(projectId: string, issueId: string, cost: number, billable: boolean) {
  return {
    ts: new Date().toISOString(),
    run_id: `run-${issueId}-${cost}`,
    project_id: projectId,
    issue_key: `${projectId}:${issueId}`,
    kind: "run" as const,
    profile: null,
    focus: null,
    provider_id: "prov",
    model: "m",
    input_tokens: 10,
    cached_input_tokens: 0,
    output_tokens: 5,
    cost_usd: cost,
    billable,
    price_source: "provider" as const,
  };
}

describe("board facts on GET /api/v1/issues", () => {
  it("gives every issue its focus and billable spend, and a skip reason only to issues in an active status", async () => {
    const t = await boardService();
    const openId = await t.issue({ title: "Fix the crash on save", type: "bug", status: "Open" });
    const backlogId = await t.issue({
      title: "Document the CLI in the README",
      labels: ["docs"],
      status: "Backlog",
    });
    await t.service.store.ledger.insert(ledgerRow(t.projectId, openId, 0.25, true));
    await t.service.store.ledger.insert(ledgerRow(t.projectId, openId, 0.5, true));
    await t.service.store.ledger.insert(ledgerRow(t.projectId, openId, 7, false));

    const b = await board(t);
    const openFacts = b.facts[`${t.projectId}:${openId}`];
    const backlogFacts = b.facts[`${t.projectId}:${backlogId}`];
    // The service started paused: rule 1 is the first to fail (§7.2).
    expect(openFacts).toEqual({ focus: expect.any(String), cost_usd: 0.75, skip_reason: "paused" });
    expect(backlogFacts).toEqual({ focus: "docs", cost_usd: 0, skip_reason: null });
    expect(Object.keys(b.facts).sort()).toEqual(
      [`${t.projectId}:${openId}`, `${t.projectId}:${backlogId}`].sort(),
    );
    // The issues themselves keep the normalised §4.1 shape.
    const listed = b.columns.flatMap((c) => c.issues).find((i) => i.id === openId);
    expect(listed).not.toHaveProperty("skip_reason");
  });

  it("[C60] [C151] shows blocked and issue_cost_cap on the board until the blocker is done and the cap is raised", async () => {
    const t = await boardService();
    const blocker = await t.issue({ title: "Blocker", status: "Backlog" });
    const blocked = await t.issue({
      title: "Waits for the blocker",
      description: "After the blocker.",
      status: "Open",
      blocked_by: [blocker],
    });
    const capped = await t.issue({
      title: "Spent too much",
      description: "Expensive.",
      status: "Open",
    });
    await t.service.store.ledger.insert(ledgerRow(t.projectId, capped, 2, true));
    expect(
      (
        await t.call("POST", `/api/v1/projects/${t.projectId}/issues/${capped}/cost-cap`, {
          limit_usd: 1,
        })
      ).status,
    ).toBe(200);
    // No provider is configured, so nothing can start once the service runs.
    expect((await t.call("POST", "/api/v1/orchestrator/resume", {})).status).toBe(200);

    const reasons = async () => {
      const f = (await board(t)).facts;
      return {
        blocked: f[`${t.projectId}:${blocked}`]?.skip_reason,
        capped: f[`${t.projectId}:${capped}`]?.skip_reason,
      };
    };
    expect(await reasons()).toEqual({ blocked: "blocked", capped: "issue_cost_cap" });
    // The board and the issue detail judge the same way.
    const detail = await t.call("GET", `/api/v1/projects/${t.projectId}/issues/${capped}`);
    expect(detail.body.skip_reason).toBe("issue_cost_cap");
    expect(detail.body.cost).toEqual({
      limit_usd: 1,
      effective_cap_usd: 1,
      spent_usd: 2,
      at_cap: true,
    });

    await t.call("PATCH", `/api/v1/projects/${t.projectId}/issues/${blocker}`, { status: "Done" });
    await t.call("POST", `/api/v1/projects/${t.projectId}/issues/${capped}/cost-cap`, {
      limit_usd: 5,
    });
    // Past rules 8 and 10, both stop at the missing provider (rule 12).
    expect(await reasons()).toEqual({ blocked: "no_provider", capped: "no_provider" });
  });

  it("reports the focus of an active run and already_claimed for its issue", async () => {
    const t = await boardService();
    const id = await t.issue({ title: "Being worked on", description: "Busy.", status: "Open" });
    await claimRun(t.service.store, {
      run_id: "run-active",
      project_id: t.projectId,
      issue_id: id,
      focus: "security",
    });
    await t.call("POST", "/api/v1/orchestrator/resume", {});
    const facts = (await board(t)).facts[`${t.projectId}:${id}`];
    expect(facts).toMatchObject({ focus: "security", skip_reason: "already_claimed" });
  });
});
