import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { captureOutput } from "../../helpers/service.js";
import { oompahTask, signalService } from "../orchestrator/run-signals-harness.js";

/** `oompah task …` in-process (the same code over the same socket, without a node start-up). */
async function task(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const cap = captureOutput();
  const code = await main(["task", ...args], { output: cap.output, env, cwd });
  return { code, stdout: cap.out.join("\n"), stderr: cap.err.join("\n") };
}

describe("oompah task finish|ask as an agent's child process over the Unix socket", () => {
  it("finish ends the run succeeded: the summary is the commit body and part of the completion comment", async () => {
    const h = await signalService({ tasks: ["Add release notes"] });
    const issue = h.issues[0]!;
    const agent = await h.agentOf(issue);
    expect(agent.env.OOMPAH_SERVER_URL).toBe(`unix:${h.svc.service.socketPath}`);
    const wt = agent.run.worktree_path!;
    writeFileSync(join(wt, "NOTES.md"), "# Release notes\n");

    const summary = "Added NOTES.md with the release notes";
    const r = await oompahTask(["finish", issue.identifier, "--summary", summary], agent.env, wt);
    expect(r.stderr).toBe("");
    expect(r).toMatchObject({
      code: 0,
      stdout: `finish recorded for run ${agent.run.run_id}; the session stops now and oompah delivers the work`,
    });

    const run = await h.finished(agent.run.run_id);
    expect(run).toMatchObject({ outcome: "succeeded", summary, error: null });
    const detail = await h.detail(issue);
    expect(detail.issue.state).toBe("In Review");
    const completion = detail.comments.filter((c) => c.text.startsWith("Agent completed"));
    expect(completion).toHaveLength(1);
    expect(completion[0]).toMatchObject({ author: "oompah" });
    expect(completion[0]!.text).toContain(summary);
    const message = h.originMessage(run.branch!);
    expect(message).toContain(`${issue.identifier}: Add release notes\n\n${summary}`);
    expect(message).toContain(`Oompah-Run: ${run.run_id}`);
    // The signal is part of the run's record.
    const activity = await h.svc.service.store.runActivity.list(run.run_id, {
      after: 0,
      limit: 500,
    });
    expect(activity.filter((a) => a.type === "signal").map((a) => a.payload)).toEqual([
      { kind: "finish", summary, no_changes_needed: false },
    ]);
  });

  it("[C85] ask ends the run as a question: Needs Answer with the question comment, and a human answer dispatches it again", async () => {
    const h = await signalService({ tasks: ["Pick a licence"] });
    const issue = h.issues[0]!;
    const agent = await h.agentOf(issue);
    const question = "Which licence should the project use, MIT or Apache-2.0?";
    const r = await oompahTask(
      ["--json", "ask", issue.identifier, question],
      agent.env,
      agent.run.worktree_path!,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      schema_version: 1,
      kind: "run-signal",
      run_id: agent.run.run_id,
      signal: "question",
    });
    const run = await h.finished(agent.run.run_id);
    expect(run.outcome).toBe("question");
    const detail = await h.detail(issue);
    expect(detail.issue.state).toBe("Needs Answer");
    expect(detail.comments).toContainEqual(
      expect.objectContaining({ author: "oompah", text: `Question from agent: ${question}` }),
    );

    await h.operator.post(`/api/v1/projects/proj-sig/issues/${issue.id}/comments`, {
      text: "MIT, please.",
    });
    const again = await h.agentOf(issue);
    expect(again.run.run_id).not.toBe(agent.run.run_id);
  });

  it("[C182] refuses outside the run's own scope: another task, another run, no run token, a finished run", async () => {
    const h = await signalService({ tasks: ["First", "Second"] });
    const [first, second] = [h.issues[0]!, h.issues[1]!];
    const a = await h.agentOf(first);
    const b = await h.agentOf(second);
    const cwd = a.run.worktree_path!;

    const otherTask = await task(
      ["finish", second.identifier, "--summary", "not mine"],
      a.env,
      cwd,
    );
    expect(otherTask.code).toBe(5);
    expect(otherTask.stderr).toMatch(/^error forbidden: this run may only access its own issue/);

    // Run A's token aimed at run B: the server refuses it.
    const otherRun = await task(
      ["finish", first.identifier, "--summary", "x"],
      { ...a.env, OOMPAH_RUN_ID: b.run.run_id },
      cwd,
    );
    expect(otherRun.code).toBe(5);
    expect(otherRun.stderr).toMatch(/^error forbidden: this run token belongs to another run/);

    const noToken: NodeJS.ProcessEnv = { ...a.env };
    delete noToken.OOMPAH_RUN_TOKEN;
    const operator = await task(["ask", first.identifier, "Which colour?"], noToken, cwd);
    expect(operator.code).toBe(5);
    expect(operator.stderr).toMatch(/^error forbidden: oompah task ask and finish are for agents/);
    expect(operator.stderr).toContain("hint: ");

    expect((await h.svc.service.store.runs.get(a.run.run_id))?.phase).toBe("running");
    expect((await h.svc.service.store.runs.get(b.run.run_id))?.phase).toBe("running");

    // A finished run takes no signal (its token still authenticates for 60 s).
    const done = await task(
      ["finish", first.identifier, "--summary", "x", "--no-changes"],
      a.env,
      cwd,
    );
    expect(done.code).toBe(0);
    await h.finished(a.run.run_id);
    const late = await task(["finish", first.identifier, "--summary", "again"], a.env, cwd);
    expect(late.code).toBe(4);
    expect(late.stderr).toMatch(/^error conflict: run \S+ is not running/);
  });

  it("needs the run's environment: without OOMPAH_RUN_ID it is refused before any request", async () => {
    const r = await task(
      ["finish", "T-1", "--summary", "done"],
      { OOMPAH_RUN_TOKEN: "ort_x", OOMPAH_SERVER_URL: "unix:/nonexistent/oompah.sock" },
      process.cwd(),
    );
    expect(r).toMatchObject({ code: 5, stdout: "" });
    expect(r.stderr).toMatch(/^error forbidden: .*no OOMPAH_RUN_ID or OOMPAH_ISSUE_ID/);
  });
});
