import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentBackend } from "../../../src/agents/backend.js";
import { runLogPath } from "../../../src/orchestrator/run-recorder.js";
import { makeHarness, PROVIDER_KEY, writeStep } from "./attempt-harness.js";

describe("run attempt: claim, delivery with the local SCM", () => {
  it("[C65] the tracker shows In Progress and oompah.agent_run_id before the agent session starts", async () => {
    const seen: Array<{ state: string; runId: unknown }> = [];
    const h = await makeHarness({
      wrapBackend: (mock): AgentBackend => ({
        kind: "mock",
        available: () => mock.available(),
        async startSession(opts) {
          const [issue] = await h.tracker.fetchIssuesByIds([opts.issue?.id ?? ""]);
          seen.push({ state: issue?.state ?? "?", runId: issue?.metadata["oompah.agent_run_id"] });
          return mock.startSession(opts);
        },
      }),
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(seen).toEqual([{ state: "In Progress", runId: r.runId }]);
  });

  it("[C66] [C136] [C140] posts dispatch and focus comments, commits leftovers with the run trailer, pushes and moves to In Review", async () => {
    const h = await makeHarness({
      scripts: {
        default: [
          { text: "working" },
          writeStep("CHANGELOG.md", "# Changes\n"),
          { usage: { input: 1000, output: 200 } },
          { nextTurn: true },
          { usage: { input: 500, cached: 100, output: 100 } },
          { finish: { summary: "Added the changelog." } },
        ],
      },
    });
    const issue = await h.issue("Add a changelog");
    const r = await h.run(issue);
    expect(r.outcome).toBe("succeeded");
    expect(r.statusSet).toBe("In Review");

    const { issue: after, comments } = await h.tracker.getIssueDetail(issue.id);
    expect(after.state).toBe("In Review");
    const texts = comments.map((c) => c.text);
    expect(texts[0]).toMatch(
      /^Agent dispatched \(attempt 1, profile default, model mock-1 via Demo, backend mock\)\. Run run-1-/,
    );
    expect(texts[1]).toBe("Focus: Software Engineer (general)");
    expect(texts.at(-1)).toMatch(
      /Agent completed in .* — 1500\/300 tokens, \$0\.00\d+\. Added the changelog\.\nPushed branch oompah\//,
    );
    const branch = after.branch_name ?? "";
    expect(branch).toMatch(/^oompah\//);
    expect(after.review?.head_sha).toBe(h.git(h.repo.origin, "rev-parse", branch));

    const msg = h.git(h.repo.origin, "log", "-1", "--format=%an <%ae>%n%B", branch);
    expect(msg).toContain("Oompah Bot <bot@example.com>");
    expect(msg).toContain(`${issue.identifier}: Add a changelog`);
    expect(msg).toContain("Added the changelog.");
    expect(msg).toContain(`Oompah-Run: ${r.runId}`);
    expect(h.git(h.repo.origin, "show", `${branch}:CHANGELOG.md`)).toBe("# Changes");

    // Ledger: one row per usage event, priced from model_costs (1 / 2 USD per 1M).
    const rows = await h.store.db.selectFrom("cost_ledger").selectAll().orderBy("id").execute();
    expect(
      rows.map((x) => [x.input_tokens, x.cached_input_tokens, x.output_tokens, x.price_source]),
    ).toEqual([
      [1000, 0, 200, "provider"],
      [500, 100, 100, "provider"],
    ]);
    expect(rows[0]?.cost_usd).toBeCloseTo(0.0014, 10);
    expect(rows[1]?.cost_usd).toBeCloseTo((500 + 100) / 1e6 + 200 / 1e6, 10);

    const run = await h.store.runs.get(r.runId);
    expect(run).toMatchObject({
      phase: "finished",
      outcome: "succeeded",
      turns: 2,
      input_tokens: 1500,
      output_tokens: 300,
      branch,
    });
    expect(run?.worktree_path).toBe(h.worktreeOf(issue.identifier));
    expect(run?.base_sha).toBe(h.git(h.repo.origin, "rev-parse", "main"));
    const events = await h.store.events.after(0, 1000);
    const phases = events
      .filter((e) => e.run_id === r.runId && e.type === "run_phase")
      .map((e) => (e.payload as { phase: string }).phase);
    expect(phases).toEqual(["preparing", "launching", "running", "delivering"]);
    expect(events.some((e) => e.type === "tool_called" && e.run_id === r.runId)).toBe(true);
    expect(events.at(-1)?.type).toBe("run_finished");
    const activity = await h.store.runActivity.list(r.runId);
    expect(activity.map((a) => a.type)).toContain("tool_call");
    expect(
      ((await h.tracker.getMetadata(issue.id))["oompah.task_costs"] as { output_tokens: number })
        .output_tokens,
    ).toBe(300);
  });

  it("[C136] keeps a commit the agent made itself and commits only what is left", async () => {
    const h = await makeHarness({
      scripts: { default: [writeStep("b.txt", "b\n"), { finish: { summary: "two files" } }] },
      // The agent commits a.txt itself as its first act in the worktree.
      wrapBackend: (mock): AgentBackend => ({
        kind: "mock",
        available: () => mock.available(),
        startSession(opts) {
          writeFileSync(join(opts.cwd, "a.txt"), "a\n");
          h.git(opts.cwd, "add", "a.txt");
          h.git(
            opts.cwd,
            "-c",
            "user.name=Agent",
            "-c",
            "user.email=agent@example.com",
            "commit",
            "-q",
            "-m",
            "agent: add a",
          );
          return mock.startSession(opts);
        },
      }),
    });
    const issue = await h.issue("Two files");
    const r = await h.run(issue);
    expect(r.outcome).toBe("succeeded");
    const branch = (await h.tracker.getIssueDetail(issue.id)).issue.branch_name ?? "";
    const log = h.git(h.repo.origin, "log", "--format=%s|%an", `main..${branch}`).split("\n");
    expect(log).toEqual([`${issue.identifier}: Two files|Oompah Bot`, "agent: add a|Agent"]);
    expect(h.git(h.repo.origin, "show", "--name-only", "--format=", branch)).toBe("b.txt");
  });

  it("[C140] moves the issue to Done when the project's local_success_status is Done", async () => {
    const h = await makeHarness({
      project: { local_success_status: "Done" },
      scripts: { default: [writeStep("x.md", "x\n"), { finish: { summary: "done" } }] },
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r).toMatchObject({ outcome: "succeeded", statusSet: "Done" });
    expect((await h.tracker.getIssueDetail(issue.id)).issue.state).toBe("Done");
  });

  it("writes a JSONL run log with the tool calls and usage and without any secret", async () => {
    const h = await makeHarness({
      scripts: {
        default: [
          { text: `leaking ${PROVIDER_KEY} here` },
          writeStep("x.md", "x\n"),
          { usage: { input: 10, output: 5 } },
          { finish: { summary: "ok" } },
        ],
      },
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    const path = runLogPath(h.dataDir, h.project.name, issue.identifier, r.runId);
    expect(path).toBe(join(h.dataDir, "agent-logs", "demo", issue.identifier, `${r.runId}.jsonl`));
    expect(existsSync(path)).toBe(true);
    const text = readFileSync(path, "utf8");
    const types = text
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types).toEqual(
      expect.arrayContaining(["prompt", "tool_call", "tool_result", "usage", "run_finished"]),
    );
    expect(text).not.toContain(PROVIDER_KEY);
    expect(text).toContain("[REDACTED]");
    expect(text).not.toMatch(/ort_[A-Za-z0-9_-]{20,}/);
  });
});
