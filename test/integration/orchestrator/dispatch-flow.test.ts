import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { MockScript } from "../../../src/agents/mock/index.js";
import { waitFor } from "../../helpers/sandbox.js";
import { makeDispatchHarness } from "./dispatch-harness.js";

const hang = { default: [{ text: "working" }, { hang: true as const }] };
const write = (path: string, content: string) =>
  ({ tool: "write_file", args: { path, content }, writeFile: { path, content } }) as const;

describe("dispatch flow", () => {
  it("[C60] a blocked issue waits for its blocker to be Done; an unknown blocker blocks with blocker_not_found", async () => {
    const h = await makeDispatchHarness({ scripts: hang });
    const blocker = await h.issue("first things first", { status: "Backlog" });
    const blocked = await h.issue("second", { blocked_by: [blocker.id] });
    const orphan = await h.issue("depends on a ghost", { blocked_by: ["OOMPAH-999"] });
    await h.tick();
    expect(await h.dispatcher.skipReason(h.project.id, blocked.id)).toBe("blocked");
    expect(await h.dispatcher.skipReason(h.project.id, orphan.id)).toBe("blocked");
    expect(await h.store.runs.listActive()).toHaveLength(0);
    expect(h.logs.some((l) => l.includes("blocker_not_found") && l.includes("OOMPAH-999"))).toBe(
      true,
    );
    await h.tracker.updateIssue(blocker.id, { status: "Done" });
    await h.tick();
    expect((await h.store.runs.listActive()).map((r) => r.issue_id)).toEqual([blocked.id]);
  });

  it("[C85] a question moves the issue to Needs Answer; a later human comment reopens and re-dispatches it", async () => {
    let runs = 0;
    const h = await makeDispatchHarness({
      scripts: {
        default: (): MockScript => (++runs === 1 ? [{ ask: "Which colour?" }] : [{ hang: true }]),
      },
    });
    const issue = await h.issue("paint the shed");
    await h.tick();
    await h.idle();
    expect((await h.get(issue.id)).state).toBe("Needs Answer");
    const question = (await h.tracker.listComments(issue.id)).find((c) =>
      c.text.startsWith("Question from agent:"),
    );
    expect(question?.text).toContain("Which colour?");
    await h.tick();
    expect((await h.get(issue.id)).state).toBe("Needs Answer");
    await h.tracker.addComment(issue.id, { author: "alice", text: "Green, please." });
    await h.tick();
    expect((await h.get(issue.id)).state).toBe("Open");
    expect(h.wakes).toContain("issue_mutated");
    await h.tick();
    await waitFor(async () => (await h.runsOf(issue.id)).length === 2, { what: "second run" });
  });

  it("[C140] with local SCM a delivered branch later merged into the target is marked Merged and analysed for focus proposals", async () => {
    const h = await makeDispatchHarness({
      scripts: { default: [write("feature.txt", "hello\n"), { finish: { summary: "added" } }] },
    });
    const issue = await h.issue("ship a feature");
    await h.tick();
    await h.idle();
    expect((await h.get(issue.id)).state).toBe("In Review");
    const [run] = await h.runsOf(issue.id);
    const branch = run?.branch ?? "";
    h.git(h.repo.work, "fetch", "-q", "origin");
    h.git(h.repo.work, "merge", "-q", "--no-edit", `origin/${branch}`);
    h.git(h.repo.work, "push", "-q", "origin", "HEAD:main");
    h.advance(h.config.review.poll_interval_ms);
    await h.tick();
    expect((await h.get(issue.id)).state).toBe("Merged");
    const comments = await h.tracker.listComments(issue.id);
    expect(comments.at(-1)?.text).toContain("marked Merged");
    expect(existsSync(h.worktreeOf(issue.identifier))).toBe(false);
    await waitFor(() => h.finished.some((w) => w.issueId === `${h.project.id}:${issue.id}`), {
      what: "the focus-proposal analysis (§8.5)",
    });
    h.advance(h.config.review.poll_interval_ms);
    await h.tick();
    expect((await h.tracker.listComments(issue.id)).length).toBe(comments.length);
  });

  it("[C16] an unset secret variable raises dispatch_preflight_failed, stops dispatch and keeps reconciling", async () => {
    const h = await makeDispatchHarness({
      scripts: hang,
      secrets: [{ path: "tracker.settings.api_token", source: "env:TRACKER_TOKEN" }],
      env: { TRACKER_TOKEN: "t0ken-value" },
    });
    const running = await h.issue("already running");
    await h.tick();
    await waitFor(async () => (await h.runsOf(running.id))[0]?.phase === "running");
    delete h.env.TRACKER_TOKEN;
    const waiting = await h.issue("must wait");
    await h.tracker.updateIssue(running.id, { status: "Backlog" });
    await h.tick();
    await h.idle();
    expect(h.alerts.has("dispatch_preflight_failed")).toBe(true);
    expect(h.alerts.list().find((a) => a.code === "dispatch_preflight_failed")?.message).toContain(
      "TRACKER_TOKEN",
    );
    expect((await h.runsOf(running.id))[0]?.outcome).toBe("cancelled");
    expect(await h.runsOf(waiting.id)).toHaveLength(0);
    h.env.TRACKER_TOKEN = "t0ken-value";
    await h.tick();
    expect(h.alerts.has("dispatch_preflight_failed")).toBe(false);
    expect(await h.runsOf(waiting.id)).toHaveLength(1);
  });
});
