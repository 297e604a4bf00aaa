import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ISSUE_FIELDS as CONTRACT_ISSUE_FIELDS } from "../../contract/tracker-contract.js";
import { fromRow, toRow } from "../../../src/store/run-codec.js";
import type { Run } from "../../../src/store/runs.js";
import { issuesApp, readyProject } from "./issues-harness.js";

const ISSUE_FIELDS = [...CONTRACT_ISSUE_FIELDS].sort();

type Issue = Record<string, unknown> & { id: string; state: string; labels: string[] };
type Board = { columns: Array<{ status: string; issues: Issue[] }>; generated_at: string };

describe("issue routes over the native tracker", () => {
  it("[C183] refuses an operator comment with author oompah with 422 reserved_author", async () => {
    const p = readyProject("proj-a");
    const { call } = issuesApp([p]);
    const created = await call("POST", "/api/v1/issues", { title: "Task" });
    const id = (created.body as Issue).id;
    for (const author of ["oompah", "Oompah-bot", "oompah-agent"]) {
      const res = await call("POST", `/api/v1/projects/proj-a/issues/${id}/comments`, {
        text: "hi",
        author,
      });
      expect(res.status).toBe(422);
      expect(res.body.error?.code).toBe("reserved_author");
    }
    const list = await call("GET", `/api/v1/projects/proj-a/issues/${id}/comments`);
    expect(list.body).toEqual({ comments: [] });

    const ok = await call("POST", `/api/v1/projects/proj-a/issues/${id}/comments`, {
      text: "hello",
      author: "alice",
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ author: "alice", text: "hello", is_oompah: false });
    const anon = await call("POST", `/api/v1/projects/proj-a/issues/${id}/comments`, {
      text: "second",
    });
    expect(anon.body).toMatchObject({ author: "operator" });
    const after = await call("GET", `/api/v1/projects/proj-a/issues/${id}/comments`);
    expect((after.body.comments as Array<{ author: string }>).map((c) => c.author)).toEqual([
      "alice",
      "operator",
    ]);
  });

  it("[C24] creates in the only project, returns every Issue field, and writes the task file", async () => {
    const p = readyProject("proj-a");
    const { call, mutations } = issuesApp([p]);
    const res = await call("POST", "/api/v1/issues", {
      title: "Add login",
      description: "Do it",
      type: "feature",
      priority: "high",
      labels: ["UI", "ui", " Auth "],
      status: "todo",
    });
    expect(res.status).toBe(201);
    const issue = res.body as Issue;
    expect(Object.keys(issue).sort()).toEqual(ISSUE_FIELDS);
    expect(issue).toMatchObject({
      project_id: "proj-a",
      title: "Add login",
      type: "feature",
      priority: 1,
      state: "Open",
      labels: ["ui", "auth"],
    });
    expect(existsSync(join(p.repoPath, ".oompah/tasks/open", `${issue.id}.md`))).toBe(true);
    expect(mutations).toEqual([["proj-a", issue.id]]);
    const board = (await call("GET", "/api/v1/issues")).body as unknown as Board;
    const listed = board.columns.flatMap((c) => c.issues);
    expect(listed.map((i) => Object.keys(i).sort())).toEqual([ISSUE_FIELDS]);
    const detail = await call("GET", `/api/v1/projects/proj-a/issues/${issue.id}`);
    expect(Object.keys(detail.body.issue as Issue).sort()).toEqual(ISSUE_FIELDS);
  });

  it("refuses a create without project_id when several projects exist, and unknown statuses", async () => {
    const { call } = issuesApp([readyProject("proj-a"), readyProject("proj-b")]);
    const res = await call("POST", "/api/v1/issues", { title: "T" });
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe("project_required");
    const named = await call("POST", "/api/v1/issues", { title: "T", project_id: "b" });
    expect(named.status).toBe(201);
    expect((named.body as Issue).project_id).toBe("proj-b");
    const bad = await call("POST", "/api/v1/issues", {
      title: "T",
      project_id: "proj-a",
      status: "frobbed",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.code).toBe("unknown_status");
    const missing = await call("POST", "/api/v1/issues", { title: "T", project_id: "nope" });
    expect(missing.status).toBe(404);
  });

  it("groups the board by canonical status in §4.3 order and hides terminal columns by default", async () => {
    const a = readyProject("proj-a");
    const b = readyProject("proj-b");
    const { call } = issuesApp([a, b]);
    const make = async (project: string, title: string, status: string, priority?: number) =>
      (
        await call("POST", "/api/v1/issues", {
          project_id: project,
          title,
          status,
          ...(priority === undefined ? {} : { priority }),
        })
      ).body as Issue;
    const low = await make("proj-a", "Low", "Open", 3);
    const urgent = await make("proj-b", "Urgent", "Open", 0);
    const review = await make("proj-a", "Reviewing", "In Review");
    const done = await make("proj-b", "Finished", "Done");

    const board = (await call("GET", "/api/v1/issues")).body as unknown as Board;
    expect(board.columns.map((c) => c.status)).toEqual([
      "Backlog",
      "Open",
      "In Progress",
      "Needs Answer",
      "Needs Human",
      "In Review",
      "Needs CI Fix",
      "Needs Rebase",
    ]);
    expect(board.columns[1]?.issues.map((i) => i.id)).toEqual([urgent.id, low.id]);
    expect(board.columns[5]?.issues.map((i) => i.id)).toEqual([review.id]);
    expect(Date.parse(board.generated_at)).not.toBeNaN();

    const all = (await call("GET", "/api/v1/issues?include_terminal=true"))
      .body as unknown as Board;
    expect(all.columns.map((c) => c.status).slice(-3)).toEqual(["Done", "Merged", "Archived"]);
    expect(all.columns.find((c) => c.status === "Done")?.issues.map((i) => i.id)).toEqual([
      done.id,
    ]);

    const onlyA = (await call("GET", "/api/v1/issues?project_id=proj-a&q=review"))
      .body as unknown as Board;
    expect(onlyA.columns.flatMap((c) => c.issues).map((i) => i.title)).toEqual(["Reviewing"]);
    const byStatus = (await call("GET", "/api/v1/issues?status=done&status=todo"))
      .body as unknown as Board;
    expect(byStatus.columns.map((c) => c.status)).toEqual(["Open", "Done"]);
    const unknown = await call("GET", "/api/v1/issues?status=frobbed");
    expect(unknown.body.error?.code).toBe("unknown_status");
  });

  it("answers 503 snapshot_unavailable when no project could be read, and serves the readable ones", async () => {
    const cloning = readyProject("proj-c", { status: "cloning" });
    const github = readyProject("proj-g", { trackerKind: "github_issues" });
    const { call } = issuesApp([cloning, github]);
    const res = await call("GET", "/api/v1/issues");
    expect(res.status).toBe(503);
    expect(res.body.error?.code).toBe("snapshot_unavailable");

    const mixed = issuesApp([readyProject("proj-a"), github]);
    const board = await mixed.call("GET", "/api/v1/issues");
    expect(board.status).toBe(200);
    expect(board.body.errors).toEqual([
      expect.objectContaining({ project_id: "proj-g", code: "tracker_kind_unavailable" }),
    ]);
    const empty = await issuesApp([]).call("GET", "/api/v1/issues");
    expect(empty.status).toBe(200);
  });

  it("patches with status aliases and a comment, refuses unknown statuses, and soft-deletes to Archived", async () => {
    const p = readyProject("proj-a");
    const { call, mutations } = issuesApp([p]);
    const { id } = (await call("POST", "/api/v1/issues", { title: "T", status: "Open" }))
      .body as Issue;
    const path = `/api/v1/projects/proj-a/issues/${id}`;

    const patched = await call("PATCH", path, {
      status: "wip",
      title: "Renamed",
      priority: 2,
      comment: "taking it",
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ state: "In Progress", title: "Renamed", priority: 2 });
    expect(existsSync(join(p.repoPath, ".oompah/tasks/in-progress", `${id}.md`))).toBe(true);

    const bad = await call("PATCH", path, { status: "sideways" });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.code).toBe("unknown_status");

    const detail = await call("GET", path);
    expect(detail.body).toMatchObject({
      project: { id: "proj-a", name: "a" },
      runs: [],
      current_run: null,
      skip_reason: null,
    });
    expect((detail.body.issue as Issue).state).toBe("In Progress");
    expect(detail.body.comments).toEqual([
      expect.objectContaining({ author: "operator", text: "taking it" }),
    ]);

    const deleted = await call("DELETE", path);
    expect(deleted.status).toBe(200);
    expect((deleted.body as Issue).state).toBe("Archived");
    expect(existsSync(join(p.repoPath, ".oompah/tasks/archived", `${id}.md`))).toBe(true);
    expect(mutations.filter(([, i]) => i === id)).toHaveLength(3);

    const gone = await call("GET", "/api/v1/projects/proj-a/issues/NOPE-9");
    expect(gone.status).toBe(404);
  });

  it("adds and removes labels (normalised) through the label routes", async () => {
    const { call } = issuesApp([readyProject("proj-a")]);
    const { id } = (await call("POST", "/api/v1/issues", { title: "T", labels: ["keep"] }))
      .body as Issue;
    const path = `/api/v1/projects/proj-a/issues/${id}/labels`;
    const added = await call("POST", path, { label: " Needs-Design " });
    expect(added.status).toBe(200);
    expect((added.body as Issue).labels).toEqual(["keep", "needs-design"]);
    const removed = await call("DELETE", `${path}/${encodeURIComponent("NEEDS-DESIGN")}`);
    expect((removed.body as Issue).labels).toEqual(["keep"]);
    const board = (await call("GET", "/api/v1/issues?label=keep")).body as unknown as Board;
    expect(board.columns.flatMap((c) => c.issues).map((i) => i.id)).toEqual([id]);
  });

  it("lists the issue's runs in the detail through the injected lookup", async () => {
    const run: Run = fromRow(
      toRow({
        run_id: "r-1",
        project_id: "proj-a",
        issue_id: "A-1",
        issue_key: "proj-a:A-1",
        identifier: "A-1",
        attempt: 1,
        phase: "running",
        dispatch_state: "Open",
        backend: "mock",
        model: "m",
        branch: "oompah/a-1",
        started_at: "2025-01-01T00:00:00.000Z",
        turns: 2,
        input_tokens: 10,
        output_tokens: 5,
        cost_usd: 0.01,
      }),
    );
    const p = readyProject("proj-a");
    const { call } = issuesApp([p], { runs: [run] });
    const { id } = (await call("POST", "/api/v1/issues", { title: "T" })).body as Issue;
    run.issue_id = id;
    const detail = await call("GET", `/api/v1/projects/proj-a/issues/${id}`);
    expect(detail.body.runs).toEqual([
      expect.objectContaining({ run_id: "r-1", phase: "running", cost_usd: 0.01 }),
    ]);
    expect(detail.body.current_run).toMatchObject({ run_id: "r-1" });
    expect(detail.body.current_run).not.toHaveProperty("pid_cmdline");
  });
});
