/**
 * What the dashboard's board, drawer and projects page follow on the live
 * channel (SPEC §17.4): `run_activity` for clients subscribed to
 * `runs:<id>`, numbered like `GET /api/v1/runs/{id}/activity`, and a durable
 * `project_changed` for every registry or clone-status change.
 */
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { makeRepoWithOrigin, waitFor } from "../../helpers/sandbox.js";
import { startTestService, type TestService } from "../../helpers/service.js";
import { claimRun } from "../../helpers/runs.js";

interface Envelope {
  seq: number;
  type: string;
  sub?: number;
  data: Record<string, unknown>;
}

function connect(t: TestService, query = ""): { ws: WebSocket; seen: Envelope[] } {
  const ws = new WebSocket(`${t.url.replace("http", "ws")}/ws${query}`);
  const seen: Envelope[] = [];
  ws.on("message", (raw: Buffer) => seen.push(JSON.parse(raw.toString()) as Envelope));
  return { ws, seen };
}

const service = () =>
  startTestService({
    workflow: "---\ntracker:\n  commit_debounce_ms: 0\n---\nWork on {{ issue.title }}\n",
    paused: true,
  });

describe("live channel for the dashboard", () => {
  it("streams run_activity only to clients subscribed to the run, numbered like the activity page", async () => {
    const t = await service();
    const store = t.service.store;
    await claimRun(store, { run_id: "run-live", project_id: "p", issue_id: "i" });
    const ts = new Date().toISOString();
    await store.runActivity.append("run-live", [{ ts, type: "text", payload: { text: "before" } }]);

    const watcher = connect(t);
    const other = connect(t, "?topics=board,runs:run-other");
    for (const c of [watcher, other])
      await waitFor(() => c.seen.some((m) => m.type === "snapshot"), { what: "the snapshot" });
    watcher.ws.send(JSON.stringify({ type: "subscribe", topics: ["board", "runs:run-live"] }));
    // The subscription is in force once a later message of the same socket is answered.
    watcher.ws.send(JSON.stringify({ type: "ping", data: { mark: 1 } }));
    await waitFor(() => watcher.seen.some((m) => m.type === "pong"), { what: "the pong" });

    await store.runActivity.append("run-live", [
      { ts, type: "tool_call", payload: { id: "c1", name: "run_command", args: { cmd: "ls" } } },
      { ts, type: "tool_result", payload: { id: "c1", ok: true, output: "README.md" } },
    ]);
    const streamed = await waitFor(
      () => {
        const got = watcher.seen.filter((m) => m.type === "run_activity");
        return got.length === 2 ? got : null;
      },
      { what: "two run_activity messages" },
    );
    expect(streamed.map((m) => m.data)).toEqual([
      {
        run_id: "run-live",
        n: 2,
        ts,
        type: "tool_call",
        data: { id: "c1", name: "run_command", args: { cmd: "ls" } },
      },
      {
        run_id: "run-live",
        n: 3,
        ts,
        type: "tool_result",
        data: { id: "c1", ok: true, output: "README.md" },
      },
    ]);
    // Not replayable: they repeat the latest durable seq and carry `sub`.
    expect(streamed.every((m) => typeof m.sub === "number")).toBe(true);
    const page = (await (await fetch(`${t.url}/api/v1/runs/run-live/activity?after=1`)).json()) as {
      entries: unknown[];
      next: number;
    };
    expect(page.entries).toEqual(
      streamed.map((m) => {
        const { run_id: _r, ...entry } = m.data;
        return entry;
      }),
    );
    expect(page.next).toBe(3);
    expect(other.seen.some((m) => m.type === "run_activity")).toBe(false);
    watcher.ws.close();
    other.ws.close();
  });

  it("[C187] announces project_changed when a project is added, becomes ready and is paused", async () => {
    const t = await service();
    const client = connect(t);
    await waitFor(() => client.seen.some((m) => m.type === "snapshot"), { what: "the snapshot" });
    const { origin } = makeRepoWithOrigin({ ".oompah/tasks/config.yml": "task_prefix: PC\n" });
    const res = await fetch(`${t.url}/api/v1/projects`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ repo_url: origin, name: "live" }),
    });
    const created = (await res.json()) as { id: string; status: string };
    expect(created.status).toBe("cloning");
    const changes = () =>
      client.seen.filter((m) => m.type === "project_changed" && m.data.project_id === created.id);
    const reasons = () => changes().map((m) => m.data.reason);
    await waitFor(() => changes().some((m) => m.data.status === "ready"), {
      what: "the change to ready",
    });
    const project = (await (await fetch(`${t.url}/api/v1/projects/${created.id}`)).json()) as {
      status: string;
    };
    expect(project.status).toBe("ready");
    await fetch(`${t.url}/api/v1/projects/${created.id}/pause`, { method: "POST" });
    await waitFor(() => reasons().includes("paused"), { what: "the pause" });
    expect(reasons()[0]).toBe("added");
    const seqs = client.seen.filter((m) => m.sub === undefined).map((m) => m.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    client.ws.close();
  });
});
