import { describe, expect, it } from "vitest";
import type { AgentBackend } from "../../../src/agents/backend.js";
import { makeHarness, writeStep } from "./attempt-harness.js";

describe("run attempt: delivery edge cases", () => {
  it("[C137] reverts agent edits under .oompah/tasks/ before the commit with agent_touched_tracker_files", async () => {
    const h = await makeHarness({
      scripts: {
        default: [
          writeStep(".oompah/tasks/open/.gitkeep", "tampered\n"),
          writeStep(".oompah/tasks/done/EVIL-1.md", "---\nid: EVIL-1\n---\n"),
          writeStep("src.txt", "real work\n"),
          { finish: { summary: "work" } },
        ],
      },
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r.outcome).toBe("succeeded");
    const branch = (await h.tracker.getIssueDetail(issue.id)).issue.branch_name ?? "";
    expect(h.git(h.repo.origin, "diff", "--name-only", `main..${branch}`)).toBe("src.txt");
    const wt = h.worktreeOf(issue.identifier);
    expect(h.git(wt, "status", "--porcelain")).toBe("");
    const warnings = (await h.store.events.after(0, 1000)).filter((e) => e.type === "run_warning");
    expect(warnings.map((e) => (e.payload as { code: string }).code)).toEqual([
      "agent_touched_tracker_files",
    ]);
  });

  it("[C137] a run whose only changes were tracker files ends stalled with no_changes_detected", async () => {
    const h = await makeHarness({
      scripts: {
        default: [writeStep(".oompah/tasks/open/X-1.md", "x\n"), { finish: { summary: "done" } }],
      },
    });
    const r = await h.run(await h.issue());
    expect(r).toMatchObject({ outcome: "stalled", error: { code: "no_changes_detected" } });
  });

  it("[C141] a non-fast-forward push rejection moves the issue to Needs Rebase", async () => {
    const h = await makeHarness({
      scripts: { default: [writeStep("mine.txt", "mine\n"), { finish: { summary: "mine" } }] },
      // Someone else pushes to the run branch while the agent works.
      wrapBackend: (mock): AgentBackend => ({
        kind: "mock",
        available: () => mock.available(),
        startSession(opts) {
          const branch = h.git(opts.cwd, "rev-parse", "--abbrev-ref", "HEAD");
          h.git(h.repo.work, "checkout", "-q", "-b", "other", "origin/main");
          h.git(h.repo.work, "commit", "-q", "--allow-empty", "-m", "someone else");
          h.git(h.repo.work, "push", "-q", "origin", `other:refs/heads/${branch}`);
          return mock.startSession(opts);
        },
      }),
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r).toMatchObject({
      outcome: "delivery_rejected",
      statusSet: "Needs Rebase",
      error: { code: "push_rejected" },
    });
    const { issue: after, comments } = await h.tracker.getIssueDetail(issue.id);
    expect(after.state).toBe("Needs Rebase");
    expect(comments.at(-1)?.text).toMatch(
      /^Push of branch oompah\/.* was rejected because the remote branch moved; moved to Needs Rebase\.$/,
    );
  });

  it("[C66] with post_comments false no comments are posted but statuses still change", async () => {
    const h = await makeHarness({
      config: { tracker: { post_comments: false } },
      scripts: { default: [writeStep("x.txt", "x\n"), { finish: { summary: "x" } }] },
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r.outcome).toBe("succeeded");
    const { issue: after, comments } = await h.tracker.getIssueDetail(issue.id);
    expect(after.state).toBe("In Review");
    expect(comments).toEqual([]);
  });

  it("an operator cancel ends the run as cancelled_by_operator and moves the issue to Needs Human", async () => {
    const ctrl = new AbortController();
    const h = await makeHarness({
      scripts: { default: [{ hang: true }] },
      wrapBackend: (mock): AgentBackend => ({
        kind: "mock",
        available: () => mock.available(),
        async startSession(opts) {
          const s = await mock.startSession(opts);
          setImmediate(() => ctrl.abort());
          return s;
        },
      }),
    });
    const issue = await h.issue();
    const r = await h.run(issue, { signal: ctrl.signal, cancelReason: () => "operator" });
    expect(r).toMatchObject({ outcome: "cancelled_by_operator", statusSet: "Needs Human" });
    const { comments } = await h.tracker.getIssueDetail(issue.id);
    expect(comments.at(-1)?.text).toContain("What to do: move the issue to Open to retry.");
  });
});
