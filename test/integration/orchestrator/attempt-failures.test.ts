import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/sandbox.js";
import { makeHarness, writeStep } from "./attempt-harness.js";

const work = [writeStep("x.txt", "x\n"), { finish: { summary: "x" } }];

describe("run attempt: failures before and around the session", () => {
  it("[C13] a template referencing issue.nope fails only this run with template_render_error", async () => {
    const h = await makeHarness({ template: "Fix {{ issue.nope }}", scripts: { default: work } });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r).toMatchObject({ outcome: "failed", error: { code: "template_render_error" } });
    expect(h.mock.sessions).toHaveLength(0);
    const { issue: after, comments } = await h.tracker.getIssueDetail(issue.id);
    expect(after.state).toBe("In Progress");
    expect(comments.at(-1)?.text).toMatch(
      /^Agent run ended: failed \(template_render_error: .*\)\. Retrying in 10s/,
    );
    // The service keeps working: the next issue runs normally with a good template elsewhere.
    expect((await h.store.runs.get(r.runId))?.phase).toBe("finished");
  });

  it("[C131] an after_create failure removes the new worktree and fails the run with hook_failed", async () => {
    const h = await makeHarness({
      config: { hooks: { after_create: "exit 3" } },
      scripts: { default: work },
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r).toMatchObject({ outcome: "failed", error: { code: "hook_failed" } });
    expect(existsSync(h.worktreeOf(issue.identifier))).toBe(false);
    expect(h.mock.sessions).toHaveLength(0);
  });

  it("[C131] a before_run failure fails the run; after_run failures are only logged", async () => {
    const h1 = await makeHarness({
      config: { hooks: { before_run: "echo nope >&2; exit 1" } },
      scripts: { default: work },
    });
    expect(await h1.run(await h1.issue())).toMatchObject({
      outcome: "failed",
      error: { code: "hook_failed" },
    });
    expect(h1.mock.sessions).toHaveLength(0);

    const h2 = await makeHarness({
      config: { hooks: { after_run: "exit 7" } },
      scripts: { default: work },
    });
    expect((await h2.run(await h2.issue())).outcome).toBe("succeeded");
    expect(h2.logs.some((l) => l.includes("after_run hook failed"))).toBe(true);
  });

  it("[C133] hooks see OOMPAH_ISSUE_IDENTIFIER, OOMPAH_RUN_ID and OOMPAH_WORKSPACE but no secrets", async () => {
    const out = join(tempDir(), "hook-out.txt");
    const h = await makeHarness({
      config: {
        hooks: {
          before_run: `printf "%s\\n" "$OOMPAH_ISSUE_IDENTIFIER" "$OOMPAH_RUN_ID" "$OOMPAH_WORKSPACE" "$OOMPAH_BRANCH" "\${MOCK_PROVIDER_KEY:-unset}" "\${OOMPAH_RUN_TOKEN:0:4}" > '${out}'`,
        },
      },
      scripts: { default: work },
    });
    const issue = await h.issue();
    const r = await h.run(issue);
    expect(r.outcome).toBe("succeeded");
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe(issue.identifier);
    expect(lines[1]).toBe(r.runId);
    expect(lines[2]).toBe(h.worktreeOf(issue.identifier));
    expect(lines[3]).toMatch(/^oompah\//);
    expect(lines[4]).toBe("unset");
    expect(lines[5]).toBe("ort_");
  });
});
