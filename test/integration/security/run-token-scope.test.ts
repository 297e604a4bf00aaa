import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiClient } from "../../../src/cli/api-client.js";
import { loadRunTokenKey, RunTokens } from "../../../src/orchestrator/run-token.js";
import { makeRepoWithOrigin, waitFor } from "../../helpers/sandbox.js";
import { startTestService } from "../../helpers/service.js";
import { claimRun } from "../../helpers/runs.js";

describe("run tokens (§19.3)", () => {
  it("[C182] act on their own issue only, are refused everywhere else, and stop working after the run", async () => {
    const t = await startTestService({
      workflow: "---\ntracker:\n  git_sync: false\n---\nWork.\n",
    });
    const operator = new ApiClient({ server: t.url });
    const { origin } = makeRepoWithOrigin({ ".oompah/tasks/config.yml": "task_prefix: RT\n" });
    const project = await operator.post<{ id: string }>("/api/v1/projects", {
      repo_url: origin,
      name: "scoped",
    });
    await waitFor(
      async () =>
        (await operator.get<{ status: string }>(`/api/v1/projects/${project.id}`)).status ===
        "ready",
      {
        what: "clone",
      },
    );
    const own = await operator.post<{ id: string }>("/api/v1/issues", {
      title: "Mine",
      description: "d",
    });
    const other = await operator.post<{ id: string }>("/api/v1/issues", {
      title: "Not mine",
      description: "d",
    });

    const runId = randomUUID();
    const started = new Date().toISOString();
    await claimRun(t.service.store, {
      run_id: runId,
      project_id: project.id,
      issue_id: own.id,
      started_at: started,
    });
    const token = new RunTokens(await loadRunTokenKey(t.service.store.serviceState)).mint({
      run_id: runId,
      project_id: project.id,
      issue_id: own.id,
      exp: Date.now() + 3_600_000,
    });
    const agent = new ApiClient({ server: t.url, token });
    const base = `/api/v1/projects/${project.id}/issues`;

    const comment = await agent.post<{ author: string }>(`${base}/${own.id}/comments`, {
      text: "progress",
    });
    expect(comment.author).toBe("oompah-agent");
    const labelled = await agent.post<{ labels: string[] }>(`${base}/${own.id}/labels`, {
      label: "needs-review",
    });
    expect(labelled.labels).toContain("needs-review");
    const handedOff = await agent.patch<{ state: string }>(`${base}/${own.id}`, {
      status: "Needs Human",
    });
    expect(handedOff.state).toBe("Needs Human");

    const refused = async (p: Promise<unknown>): Promise<string> =>
      p.then(
        () => "allowed",
        (e: { code?: string }) => e.code ?? "error",
      );
    expect(await refused(agent.post(`${base}/${other.id}/comments`, { text: "x" }))).toBe(
      "forbidden",
    );
    expect(await refused(agent.post(`${base}/${other.id}/labels`, { label: "x" }))).toBe(
      "forbidden",
    );
    expect(await refused(agent.patch(`${base}/${own.id}`, { status: "Done" }))).toBe("forbidden");
    expect(await refused(agent.patch(`${base}/${own.id}`, { title: "renamed" }))).toBe("forbidden");
    expect(await refused(agent.get("/api/v1/providers"))).toBe("forbidden");
    expect(await refused(agent.get("/api/v1/projects"))).toBe("forbidden");
    expect(await refused(agent.get("/api/v1/foci"))).toBe("forbidden");
    expect(await refused(agent.get("/api/v1/config"))).toBe("forbidden");
    expect(await refused(agent.post("/api/v1/orchestrator/pause", {}))).toBe("forbidden");

    // The run ends; 60 s later its token no longer authenticates.
    await t.service.store.runs.update(runId, {
      phase: "finished",
      outcome: "needs_human",
      ended_at: new Date(Date.now() - 61_000).toISOString(),
    });
    expect(await refused(agent.post(`${base}/${own.id}/comments`, { text: "late" }))).toBe(
      "unauthorized",
    );
  });
});
