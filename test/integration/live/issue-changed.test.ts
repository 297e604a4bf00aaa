import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { makeRepoWithOrigin, waitFor } from "../../helpers/sandbox.js";
import { startTestService } from "../../helpers/service.js";

interface Envelope {
  seq: number;
  type: string;
  data: { project_id?: string; issue_id?: string | null };
}

describe("issue_changed on the live channel", () => {
  it("announces issues created and moved through the API, so dashboards refresh live", async () => {
    const t = await startTestService({
      workflow: "---\ntracker:\n  commit_debounce_ms: 0\n---\nWork on {{ issue.title }}\n",
      paused: true,
    });
    const call = async (method: string, path: string, body?: unknown) =>
      (await fetch(`${t.url}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
      }).then((r) => r.json())) as { id: string; status: string };
    const { origin } = makeRepoWithOrigin({ ".oompah/tasks/config.yml": "task_prefix: LC\n" });
    const project = await call("POST", "/api/v1/projects", { repo_url: origin, name: "demo" });
    await waitFor(
      async () => (await call("GET", `/api/v1/projects/${project.id}`)).status === "ready",
      {
        what: "the project clone",
      },
    );

    const ws = new WebSocket(`${t.url.replace("http", "ws")}/ws`);
    const seen: Envelope[] = [];
    ws.on("message", (raw: Buffer) => seen.push(JSON.parse(raw.toString()) as Envelope));
    await waitFor(() => seen.some((m) => m.type === "snapshot"), { what: "the first snapshot" });

    const created = await call("POST", "/api/v1/issues", {
      project_id: project.id,
      title: "Live one",
    });
    await call("PATCH", `/api/v1/projects/${project.id}/issues/${created.id}`, { status: "Open" });
    await waitFor(
      () =>
        seen.filter((m) => m.type === "issue_changed" && m.data.issue_id === created.id).length >=
        2,
      { what: "two issue_changed events" },
    );
    const changes = seen.filter((m) => m.type === "issue_changed");
    expect(changes[0]?.data).toMatchObject({ project_id: project.id, issue_id: created.id });
    for (let i = 1; i < changes.length; i++) {
      expect(changes[i]?.seq).toBeGreaterThan(changes[i - 1]?.seq ?? 0);
    }
    ws.close();
  });
});
