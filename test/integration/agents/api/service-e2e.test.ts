import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "../../../helpers/sandbox.js";
import { serviceEnv, startTestService } from "../../../helpers/service.js";
import { localProject, seedTasks, serviceDir } from "../../../helpers/service-dir.js";
import { API_KEY, fakeServer, serviceApiProvider } from "./api-harness.js";

async function serviceWithApiProvider(
  fake: Awaited<ReturnType<typeof fakeServer>>,
  title: string,
  description: string,
  type: "feature" | "task" = "task",
) {
  const { repo, issues } = await seedTasks("proj-api", [{ title, description, type }]);
  const dir = serviceDir({
    projects: [localProject("proj-api", "api", repo.origin)],
    providers: [serviceApiProvider(fake.baseUrl)],
  });
  const svc = await startTestService({
    cwd: dir,
    env: { ...serviceEnv(dir), FAKE_OPENAI_KEY: API_KEY },
  });
  return { repo, issue: issues[0]!, svc };
}

async function finishedRun(svc: Awaited<ReturnType<typeof startTestService>>, issueId: string) {
  return waitFor(
    async () => {
      const r = (await svc.service.store.runs.list({ issue_id: issueId }))[0];
      return r && r.phase === "finished" ? r : undefined;
    },
    { what: "a finished run of the seeded issue", timeoutMs: 20_000 },
  );
}

describe("api backend in the running service", () => {
  it("[C126] dispatches an issue to an api provider on the fake server and records the run, its usage and a JSONL log with its tool calls and usage but never the key", async () => {
    const fake = await fakeServer();
    fake.setHandler(() => ({
      toolCalls: [
        {
          name: "finish",
          arguments: { summary: "Nothing to change: already done", no_changes_needed: true },
        },
      ],
      usage: { prompt_tokens: 900, completion_tokens: 25 },
    }));
    const { issue, svc } = await serviceWithApiProvider(fake, "Check the README", "Is it fine?");
    const run = await finishedRun(svc, issue.id);
    expect(run.provider_id).toBe("prov-api");
    expect(fake.chatRequests().length).toBeGreaterThanOrEqual(1);
    const first = fake.chatRequests()[0]!;
    expect(first.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.stringify(first.body!.messages)).toContain("Work on Check the README.");
    expect(run).toMatchObject({
      backend: "api",
      outcome: "no_changes",
      model: "fake-model",
      turns: 1,
      input_tokens: 900,
      output_tokens: 25,
      summary: "Nothing to change: already done",
    });
    expect(run.cost_usd).toBeCloseTo(0.00095, 10);
    const log = readFileSync(
      join(svc.env.OOMPAH_HOME!, "agent-logs", "api", issue.identifier, `${run.run_id}.jsonl`),
      "utf8",
    );
    const types = log
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types).toEqual(
      expect.arrayContaining(["usage", "tool_call", "tool_result", "turn_completed", "turn_end"]),
    );
    expect(log).toContain('"name":"finish"');
    expect(log).not.toContain(API_KEY);
    expect(svc.logs.join("\n")).not.toContain(API_KEY);
  });
  it("[C198] resolves an issue end to end: the model edits a file, runs a command and finishes; the change is pushed and every run log line names the run, project and issue", async () => {
    const fake = await fakeServer();
    fake.setHandler((req) => {
      const turn = (req.body?.messages ?? []).filter((m) => m.role === "assistant").length;
      if (turn === 0) {
        return {
          toolCalls: [
            {
              name: "write_file",
              arguments: { path: "NOTES.md", content: "# Notes\n\nWritten by the agent.\n" },
            },
            { name: "run_command", arguments: { command: "test -f NOTES.md && echo notes-ok" } },
          ],
          usage: { prompt_tokens: 1000, completion_tokens: 60 },
        };
      }
      return {
        toolCalls: [{ name: "finish", arguments: { summary: "Added NOTES.md" } }],
        usage: { prompt_tokens: 1200, completion_tokens: 20 },
      };
    });
    const { repo, issue, svc } = await serviceWithApiProvider(
      fake,
      "Add notes",
      "Create NOTES.md.",
    );
    const run = await finishedRun(svc, issue.id);
    expect(run).toMatchObject({ backend: "api", outcome: "succeeded", summary: "Added NOTES.md" });
    // The run_command result went back to the model.
    expect(JSON.stringify(fake.chatRequests()[1]?.body?.messages)).toContain("notes-ok");
    const branch = run.branch!;
    const env = repo.env;
    const show = (ref: string) =>
      execFileSync("git", ["--git-dir", repo.origin, ...ref.split(" ")], { env, encoding: "utf8" });
    expect(show(`show ${branch}:NOTES.md`)).toContain("Written by the agent.");
    const message = show(`log -1 --format=%B ${branch}`);
    expect(message).toContain(`${issue.identifier}: Add notes`);
    expect(message).toContain(`Oompah-Run: ${run.run_id}`);
    // [C198] the service log's run-activity lines carry the run, project and issue.
    const activity = svc.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.component === "run" && l.run_id === run.run_id);
    expect(activity.map((l) => l.event)).toEqual(
      expect.arrayContaining(["run_phase", "tool_called", "turn_completed"]),
    );
    // Each key once per line: a JSON object with a repeated key is ambiguous to log tools.
    for (const raw of svc.logs) expect(raw.match(/"component":/g)?.length ?? 0).toBeLessThan(2);
    for (const line of activity) {
      expect(line).toMatchObject({
        project_id: run.project_id,
        issue_identifier: issue.identifier,
      });
    }
  });
  it("[C74] a finish that changed nothing gets continuation 1 of 2 on the same conversation, and the work then done is delivered", async () => {
    const fake = await fakeServer();
    fake.setHandler((req) => {
      const messages = req.body?.messages ?? [];
      const continued = JSON.stringify(messages).includes("This is continuation 1 of 2.");
      return continued
        ? {
            toolCalls: [
              { name: "write_file", arguments: { path: "CHANGELOG.md", content: "# Changes\n" } },
              { name: "finish", arguments: { summary: "Added CHANGELOG.md after all" } },
            ],
          }
        : { toolCalls: [{ name: "finish", arguments: { summary: "Looks done to me" } }] };
    });
    const { repo, issue, svc } = await serviceWithApiProvider(fake, "Add a changelog", "Please.");
    const run = await finishedRun(svc, issue.id);
    expect(run).toMatchObject({
      outcome: "succeeded",
      continuations: 1,
      summary: "Added CHANGELOG.md after all",
    });
    // One conversation: the second request carries the first finish and the continuation.
    const second = JSON.stringify(fake.chatRequests()[1]?.body?.messages);
    expect(second).toContain("Looks done to me");
    expect(second).toContain("This is continuation 1 of 2.");
    expect(
      execFileSync("git", ["--git-dir", repo.origin, "show", `${run.branch}:CHANGELOG.md`], {
        env: repo.env,
        encoding: "utf8",
      }),
    ).toBe("# Changes\n");
  });
  it("[C95] a focus handoff (comment + focus-complete label + status Open) ends the run as handoff and the next run takes the next focus on the same branch", async () => {
    const fake = await fakeServer();
    let requests = 0;
    let issueId = "";
    fake.setHandler(() => {
      requests += 1;
      if (requests === 1) {
        return {
          toolCalls: [
            {
              name: "run_command",
              arguments: {
                command: `oompah task comment ${issueId} -m "Feature part done; tests next."`,
              },
            },
            {
              name: "run_command",
              arguments: { command: `oompah task label ${issueId} add focus-complete:feature` },
            },
            {
              name: "run_command",
              arguments: { command: `oompah task set-status ${issueId} Open` },
            },
          ],
          usage: { prompt_tokens: 100, completion_tokens: 10 },
        };
      }
      if (requests === 2) {
        return {
          toolCalls: [{ name: "finish", arguments: { summary: "Handing off to the next focus" } }],
          usage: { prompt_tokens: 100, completion_tokens: 10 },
        };
      }
      return {
        toolCalls: [
          { name: "finish", arguments: { summary: "Nothing left", no_changes_needed: true } },
        ],
        usage: { prompt_tokens: 100, completion_tokens: 10 },
      };
    });
    const { issue, svc } = await serviceWithApiProvider(
      fake,
      "Add a CSV export feature",
      "Users want to export their data as CSV.",
      "feature",
    );
    issueId = issue.id;
    const runs = await waitFor(
      async () => {
        const all = await svc.service.store.runs.list({ issue_id: issue.id });
        return all.length >= 2 && all.every((r) => r.phase === "finished") ? all : undefined;
      },
      { what: "the handoff run and the next run", timeoutMs: 30_000 },
    );
    const [second, first] = runs; // newest first
    expect(first).toMatchObject({ outcome: "handoff", focus: "feature" });
    expect(second!.focus).not.toBe("feature");
    expect(second!.branch).toBe(first!.branch);
    const detail = (await (
      await fetch(`${svc.url}/api/v1/projects/proj-api/issues/${issue.id}`)
    ).json()) as {
      issue: { labels: string[] };
      comments: Array<{ author: string; text: string }>;
    };
    expect(detail.issue.labels).toContain("focus-complete:feature");
    expect(detail.comments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ author: "oompah-agent", text: "Feature part done; tests next." }),
      ]),
    );
  });
});
