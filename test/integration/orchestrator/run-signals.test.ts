import { describe, expect, it } from "vitest";
import { ApiClient } from "../../../src/cli/api-client.js";
import { API_KEY, fakeServer, serviceApiProvider } from "../agents/api/api-harness.js";
import { signalService } from "./run-signals-harness.js";

/** The error code a rejected call ends with ("allowed" when it succeeded). */
const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => "allowed",
    (e: { code?: string }) => e.code ?? "error",
  );

describe("agent signals POST /api/v1/runs/{run_id}/finish|question", () => {
  it("[C75] finish with no_changes_needed ends the run as no_changes: Needs Human with the agent's explanation", async () => {
    const h = await signalService({ tasks: ["Check the README"] });
    const issue = h.issues[0]!;
    const agent = await h.agentOf(issue);
    const explanation = "The README already documents every command.";
    const accepted = await agent.api.post(`/api/v1/runs/${agent.run.run_id}/finish`, {
      summary: explanation,
      no_changes_needed: true,
    });
    expect(accepted).toEqual({ run_id: agent.run.run_id, signal: "finish" });

    const run = await h.finished(agent.run.run_id);
    expect(run).toMatchObject({ outcome: "no_changes", summary: explanation });
    const detail = await h.detail(issue);
    expect(detail.issue.state).toBe("Needs Human");
    expect(detail.comments.some((c) => c.author === "oompah" && c.text.includes(explanation))).toBe(
      true,
    );
  });

  it("[C182] only the run's own token signals it: operators and other runs get 403, bad bodies 422, a run that is ending or finished 409", async () => {
    const h = await signalService({ tasks: ["First", "Second"] });
    const a = await h.agentOf(h.issues[0]!);
    const b = await h.agentOf(h.issues[1]!);
    const finishA = `/api/v1/runs/${a.run.run_id}/finish`;

    // Operator credentials (loopback without a token) and another run's token are refused.
    expect(await codeOf(h.operator.post(finishA, { summary: "x" }))).toBe("forbidden");
    expect(await codeOf(b.api.post(finishA, { summary: "x" }))).toBe("forbidden");
    expect(
      await codeOf(b.api.post(`/api/v1/runs/${a.run.run_id}/question`, { question: "?" })),
    ).toBe("forbidden");
    // The same holds over the Unix socket without a token.
    const socket = new ApiClient({ server: `unix:${h.svc.service.socketPath}` });
    expect(await codeOf(socket.post(finishA, { summary: "x" }))).toBe("forbidden");

    expect(await codeOf(a.api.post(finishA, { summary: "  " }))).toBe("validation_failed");
    expect(await codeOf(a.api.post(finishA, {}))).toBe("validation_failed");
    const permission = await a.api
      .post(`/api/v1/runs/${a.run.run_id}/question`, {
        question: "Should I proceed with the change?",
      })
      .catch((e: { code: string; hint?: string }) => e);
    expect(permission).toMatchObject({
      code: "validation_failed",
      hint: expect.stringMatching(/proceed/),
    });
    expect((await h.svc.service.store.runs.get(a.run.run_id))?.phase).toBe("running");

    // The first signal is taken; while the run ends, a second one is a conflict.
    await a.api.post(finishA, { summary: "Nothing to do", no_changes_needed: true });
    expect(await codeOf(a.api.post(finishA, { summary: "again" }))).toBe("conflict");
    await h.finished(a.run.run_id);
    const late = await a.api
      .post(`/api/v1/runs/${a.run.run_id}/question`, { question: "Which colour?" })
      .catch((e: { code: string; status?: number; details?: unknown }) => e);
    expect(late).toMatchObject({
      code: "conflict",
      details: { run_id: a.run.run_id, phase: "finished", outcome: "no_changes" },
    });

    // Run B was not touched by any of it.
    expect((await h.svc.service.store.runs.get(b.run.run_id))?.phase).toBe("running");
    expect(await h.runsOf(h.issues[1]!.id)).toHaveLength(1);
  });

  it("the api agent's run_command `oompah task finish` is handled in-process and stops the session once its turn ends", async () => {
    const fake = await fakeServer();
    fake.setHandler((req) => {
      const messages = req.body?.messages ?? [];
      if (messages.some((m) => m.role === "assistant")) return { text: "Not asked again." };
      const identifier = /Work on (\S+):/.exec(JSON.stringify(messages))?.[1] ?? "?";
      return {
        toolCalls: [
          {
            name: "run_command",
            arguments: {
              command: `oompah task finish ${identifier} --summary "Added CHANGELOG.md"`,
            },
          },
          // The rest of the turn still runs: the session stops when the turn is over.
          {
            name: "write_file",
            arguments: { path: "CHANGELOG.md", content: "# Changelog\n" },
          },
        ],
        usage: { prompt_tokens: 500, completion_tokens: 40 },
      };
    });
    const h = await signalService({
      tasks: ["Add a changelog"],
      provider: serviceApiProvider(fake.baseUrl),
      env: { FAKE_OPENAI_KEY: API_KEY },
    });
    const run = await h.finished((await h.runOf(h.issues[0]!)).run_id);
    expect(run).toMatchObject({
      backend: "api",
      outcome: "succeeded",
      summary: "Added CHANGELOG.md",
    });
    expect(fake.chatRequests()).toHaveLength(1);
    expect(h.originMessage(run.branch!)).toContain("Added CHANGELOG.md");
    const activity = await h.svc.service.store.runActivity.list(run.run_id, {
      after: 0,
      limit: 500,
    });
    const results = activity.filter((a) => a.type === "tool_result").map((a) => a.payload);
    expect(results[0]).toMatchObject({
      ok: true,
      output: expect.stringContaining(`finish recorded for run ${run.run_id}`),
    });
    expect(activity.some((a) => a.type === "signal")).toBe(true);
  });
});
