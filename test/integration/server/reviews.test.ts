/**
 * The review endpoints in the running service (SPEC §12.3 `local`, §12.4):
 * real git origins, branches pushed by real runs of the mock agent and by
 * hand, and the Rebase / Retry actions.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git, makeRepoWithOrigin, waitFor } from "../../helpers/sandbox.js";
import { startTestService } from "../../helpers/service.js";

interface Review {
  number: string;
  project_id: string;
  project_name: string;
  scm: string;
  supports_rebase: boolean;
  source_branch: string;
  target_branch: string;
  head_sha: string;
  title: string;
  state: string;
  mergeable: string;
  ci: string;
  issue: { id: string; identifier: string; title: string; state: string } | null;
}
interface ReviewList {
  reviews: Review[];
  errors: Array<{ project_id: string; code: string; message: string; hint?: string }>;
}
interface ErrorBody {
  error: { code: string; message: string; hint?: string };
}
interface Run {
  run_id: string;
  issue_id: string;
  branch: string | null;
  outcome: string | null;
  dispatch_state: string | null;
}

const slow = { timeoutMs: 60_000, intervalMs: 100 };

/** The service with the scripted mock agent as its only provider, dispatching at once. */
async function mockAgentService() {
  const t = await startTestService({
    workflow: "---\ntracker:\n  commit_debounce_ms: 0\n---\nWork on {{ issue.title }}\n",
    env: { OOMPAH_ALLOW_MOCK: "1" },
  });
  const api = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      ...(method === "GET"
        ? {}
        : { body: JSON.stringify(body ?? {}), headers: { "content-type": "application/json" } }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const provider = await api("POST", "/api/v1/providers", {
    name: "Mock",
    backend: "mock",
    models: ["mock-1"],
  });
  expect(provider.status).toBe(201);

  /** Registers a project over a fresh origin whose tasks use `prefix`. */
  const addProject = async (name: string, prefix: string, extra: Record<string, unknown> = {}) => {
    const repo = makeRepoWithOrigin({
      "README.md": "# sample\n",
      ".oompah/tasks/config.yml": `task_prefix: ${prefix}\n`,
    });
    const created = await api<{ id: string }>("POST", "/api/v1/projects", {
      repo_url: repo.origin,
      name,
      ...extra,
    });
    expect(created.status).toBe(201);
    await waitFor(
      async () =>
        (await api<{ status: string }>("GET", `/api/v1/projects/${created.body.id}`)).body
          .status === "ready",
      { what: `project ${name} cloned` },
    );
    return { id: created.body.id, repo };
  };

  /** Creates an Open issue and waits until its run delivered the branch (In Review). */
  const deliver = async (projectId: string, title: string) => {
    const issue = await api<{ id: string; identifier: string }>("POST", "/api/v1/issues", {
      project_id: projectId,
      title,
      description: `Please make the ${title.toLowerCase()}.`,
      status: "Open",
    });
    expect(issue.status).toBe(201);
    const run = await waitFor(
      async () => {
        const { body } = await api<{ runs: Run[] }>(
          "GET",
          `/api/v1/runs?project_id=${projectId}&issue_id=${issue.body.id}`,
        );
        const done = body.runs.find((r) => r.outcome !== null);
        if (!done) return null;
        const detail = await api<{ issue: { state: string } }>(
          "GET",
          `/api/v1/projects/${projectId}/issues/${issue.body.id}`,
        );
        return detail.body.issue.state === "In Review" ? done : null;
      },
      { what: `${title} delivered`, ...slow },
    );
    return { ...issue.body, branch: run.branch ?? "" };
  };
  return { ...t, api, addProject, deliver };
}

const reviewPath = (pid: string, number: string, action: string) =>
  `/api/v1/reviews/${encodeURIComponent(pid)}/${encodeURIComponent(number)}/${action}`;

describe("reviews API over the local SCM", () => {
  it("[C146] GET /api/v1/reviews lists the open oompah branches of two projects with their linked issues", async () => {
    const svc = await mockAgentService();
    const alpha = await svc.addProject("alpha", "ALP");
    const beta = await svc.addProject("beta", "BET");
    const a1 = await svc.deliver(alpha.id, "Alpha change");
    const b1 = await svc.deliver(beta.id, "Beta change");
    expect(a1.branch).toMatch(/^oompah\//);

    // By hand on alpha's origin: a branch that conflicts with main, one already
    // merged into main, and one outside the oompah/ prefix.
    const { work, env } = alpha.repo;
    git(work, env, "fetch", "-q", "origin");
    git(work, env, "checkout", "-q", "-b", "oompah/manual", "origin/main");
    writeFileSync(join(work, "README.md"), "# changed on the branch\n");
    git(work, env, "commit", "-q", "-am", "Manual edit");
    git(work, env, "push", "-q", "origin", "oompah/manual");
    git(work, env, "checkout", "-q", "main");
    git(work, env, "pull", "-q", "origin", "main");
    writeFileSync(join(work, "README.md"), "# changed on main\n");
    git(work, env, "commit", "-q", "-am", "Main edit");
    git(work, env, "push", "-q", "origin", "main");
    git(work, env, "push", "-q", "origin", "main:oompah/merged", "main:feature/other");
    const manualHead = git(work, env, "rev-parse", "origin/oompah/manual");

    const res = await svc.api<ReviewList>("GET", "/api/v1/reviews");
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    const byBranch = new Map(res.body.reviews.map((r) => [`${r.project_name}:${r.number}`, r]));
    expect([...byBranch.keys()].sort()).toEqual(
      [`alpha:${a1.branch}`, "alpha:oompah/manual", `beta:${b1.branch}`].sort(),
    );
    expect(byBranch.get(`alpha:${a1.branch}`)).toMatchObject({
      project_id: alpha.id,
      scm: "local",
      supports_rebase: false,
      source_branch: a1.branch,
      target_branch: "main",
      state: "open",
      ci: "none",
      issue: { id: a1.id, identifier: a1.identifier, title: "Alpha change", state: "In Review" },
    });
    expect(byBranch.get(`beta:${b1.branch}`)?.issue).toMatchObject({
      id: b1.id,
      identifier: b1.identifier,
    });
    expect(byBranch.get("alpha:oompah/manual")).toMatchObject({
      issue: null,
      mergeable: "conflicts",
      head_sha: manualHead,
      title: "Manual edit",
    });

    const onlyBeta = await svc.api<ReviewList>("GET", "/api/v1/reviews?project_id=beta");
    expect(onlyBeta.body.reviews.map((r) => r.number)).toEqual([b1.branch]);
  }, 120_000);

  it("refuses Rebase on a local review with 409 rebase_unsupported and a hint; Retry moves the linked issue to Needs CI Fix and a repair run starts", async () => {
    const svc = await mockAgentService();
    const p = await svc.addProject("solo", "SOL");
    const issue = await svc.deliver(p.id, "Needs a retry");

    const rebase = await svc.api<ErrorBody>("POST", reviewPath(p.id, issue.branch, "rebase"));
    expect(rebase.status).toBe(409);
    expect(rebase.body.error.code).toBe("rebase_unsupported");
    expect(rebase.body.error.hint).toMatch(/rebase the branch locally/);

    const retry = await svc.api<{ review: Review }>(
      "POST",
      reviewPath(p.id, issue.branch, "retry"),
    );
    expect(retry.status).toBe(200);
    expect(retry.body.review).toMatchObject({
      number: issue.branch,
      issue: { id: issue.id, state: "Needs CI Fix" },
    });
    // The move woke the orchestrator: a repair run of the issue starts from Needs CI Fix on its branch.
    const repair = await waitFor(
      async () =>
        (await svc.api<{ runs: Run[] }>("GET", `/api/v1/runs?issue_id=${issue.id}`)).body.runs.find(
          (r) => r.dispatch_state === "Needs CI Fix" && r.branch !== null,
        ),
      { what: "a repair run from Needs CI Fix", ...slow },
    );
    expect(repair.branch).toBe(issue.branch);
  }, 120_000);

  it("explains what it cannot do: unlinked branch, unknown review, unknown project, forge without adapter", async () => {
    const svc = await mockAgentService();
    const p = await svc.addProject("local-one", "LOC");
    const forge = await svc.addProject("forge-one", "FRG", { scm: "github" });
    const { work, env } = p.repo;
    git(work, env, "commit", "-q", "--allow-empty", "-m", "Pushed by hand");
    git(work, env, "push", "-q", "origin", "HEAD:refs/heads/oompah/by-hand");

    const list = await svc.api<ReviewList>("GET", "/api/v1/reviews");
    expect(list.body.reviews.map((r) => [r.project_id, r.number, r.issue])).toEqual([
      [p.id, "oompah/by-hand", null],
    ]);
    expect(list.body.errors).toEqual([
      expect.objectContaining({ project_id: forge.id, code: "scm_unavailable" }),
    ]);
    expect(list.body.errors[0]?.hint).toBeTruthy();

    const unlinked = await svc.api<ErrorBody>("POST", reviewPath(p.id, "oompah/by-hand", "retry"));
    expect(unlinked.status).toBe(404);
    expect(unlinked.body.error.code).toBe("linked_issue_not_found");
    expect(unlinked.body.error.hint).toBeTruthy();

    const missing = await svc.api<ErrorBody>("POST", reviewPath(p.id, "oompah/nope", "retry"));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("review_not_found");

    const noProject = await svc.api<ErrorBody>("POST", reviewPath("nope", "1", "rebase"));
    expect(noProject.status).toBe(404);
    expect(noProject.body.error.code).toBe("project_not_found");

    const onForge = await svc.api<ErrorBody>("POST", reviewPath(forge.id, "7", "rebase"));
    expect(onForge.status).toBe(503);
    expect(onForge.body.error.code).toBe("scm_unavailable");
  }, 120_000);
});
