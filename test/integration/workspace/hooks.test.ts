import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { childEnv, runVariables } from "../../../src/workspace/child-env.js";
import { hookVariables, resolveHooks, runHook } from "../../../src/workspace/hooks.js";
import { tempDir, waitFor } from "../../helpers/sandbox.js";
import { issue, makeHarness } from "./harness.js";
import { processAlive, rejectionOf } from "../../helpers/failures.js";

const baseOpts = (cwd: string) => ({
  cwd,
  env: { PATH: process.env.PATH ?? "" },
  timeoutMs: 10_000,
});

describe("hooks", () => {
  it("[C131] after_create failure removes the new worktree and its branch and fails with hook_failed", async () => {
    const h = makeHarness();
    const e = await rejectionOf(
      h.manager.ensure({
        project: h.project,
        issue: issue("PROJ-9"),
        afterCreate: (wt) => runHook("after_create", "echo preparing; exit 3", baseOpts(wt.path)),
      }),
    );
    expect(e.code).toBe("hook_failed");
    expect(e.details).toMatchObject({ hook: "after_create", exit_code: 3 });
    expect(String(e.details?.output_tail)).toContain("preparing");
    const path = join(h.wsRoot, "demo-project", "PROJ-9");
    expect(existsSync(path)).toBe(false);
    expect(h.git(h.clone, "branch", "--list", "oompah/proj-9")).toBe("");
    expect(h.git(h.clone, "worktree", "list")).not.toContain("PROJ-9");
    // The next attempt starts clean.
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-9") });
    expect(wt.created).toBe(true);
  });

  it("[C131] after_create failure keeps a branch that existed before", async () => {
    const h = makeHarness();
    h.git(h.clone, "branch", "oompah/proj-10", "main");
    await rejectionOf(
      h.manager.ensure({
        project: h.project,
        issue: issue("PROJ-10"),
        afterCreate: (wt) => runHook("after_create", "exit 1", baseOpts(wt.path)),
      }),
    );
    expect(existsSync(join(h.wsRoot, "demo-project", "PROJ-10"))).toBe(false);
    expect(h.git(h.clone, "branch", "--list", "oompah/proj-10")).toContain("oompah/proj-10");
  });

  it("[C131] before_run failure fails; after_run and before_remove failures are only reported", async () => {
    const dir = tempDir();
    const e = await rejectionOf(runHook("before_run", "echo nope >&2; exit 7", baseOpts(dir)));
    expect(e.code).toBe("hook_failed");
    expect(e.details).toMatchObject({ hook: "before_run", exit_code: 7, output_tail: "nope\n" });
    const afterRun = await runHook("after_run", "exit 5", baseOpts(dir));
    expect(afterRun).toMatchObject({ ran: true, ok: false, exitCode: 5 });
    expect(afterRun.error?.code).toBe("hook_failed");
    const beforeRemove = await runHook("before_remove", "exit 6", baseOpts(dir));
    expect(beforeRemove.ok).toBe(false);
    expect(beforeRemove.error?.details).toMatchObject({ hook: "before_remove", exit_code: 6 });
    // Not configured → nothing runs.
    expect(await runHook("before_run", null, baseOpts(dir))).toMatchObject({
      ran: false,
      ok: true,
    });
  });

  it("[C131] a before_remove failure does not stop the removal", async () => {
    const h = makeHarness();
    const wt = await h.manager.ensure({ project: h.project, issue: issue("PROJ-11") });
    const result = await h.manager.remove({
      project: h.project,
      issue: issue("PROJ-11"),
      beforeRemove: (path) => runHook("before_remove", "exit 9", baseOpts(path)),
    });
    expect(result.removed).toBe(true);
    expect(result.hook?.ok).toBe(false);
    expect(result.warnings.map((w) => w.code)).toContain("hook_failed");
    expect(existsSync(wt.path)).toBe(false);
  });

  it("[C132] kills a hook that exceeds its timeout together with its process group", async () => {
    const dir = tempDir();
    const pidFile = join(dir, "grandchild.pid");
    // Both shell and grandchild ignore SIGTERM, so only the SIGKILL after the grace stops them.
    const script = `trap '' TERM; sleep 60 & echo $! > '${pidFile}'; wait`;
    const started = Date.now();
    const e = await rejectionOf(
      runHook("before_run", script, { ...baseOpts(dir), timeoutMs: 300, graceMs: 200 }),
    );
    expect(e.code).toBe("hook_failed");
    expect(e.details).toMatchObject({ hook: "before_run", timed_out: true });
    expect(Date.now() - started).toBeLessThan(8_000);
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    expect(pid).toBeGreaterThan(0);
    await waitFor(() => !processAlive(pid), { what: `grandchild ${pid} to be gone` });
  });

  it("[C132] a timed-out after_run is reported, not thrown", async () => {
    const dir = tempDir();
    const r = await runHook("after_run", "sleep 30", {
      ...baseOpts(dir),
      timeoutMs: 200,
      graceMs: 100,
    });
    expect(r).toMatchObject({ ok: false, timedOut: true });
    expect(r.error?.code).toBe("hook_failed");
  });

  it("[C133] hooks see OOMPAH_ISSUE_IDENTIFIER, OOMPAH_RUN_ID and OOMPAH_WORKSPACE", async () => {
    const dir = tempDir();
    const vars = runVariables({
      runToken: "ort_abc",
      serverUrl: "http://127.0.0.1:1",
      projectId: "proj-1",
      issueId: "42",
      identifier: "PROJ-42",
      runId: "run-uuid",
      workspace: dir,
      tmpDir: dir,
      identity: { name: "Bot", email: "bot@example.com" },
    });
    const env = {
      ...childEnv({ base: process.env, runVars: vars }),
      ...hookVariables({ attempt: 2, branch: "oompah/proj-42" }),
    };
    const r = await runHook(
      "after_run",
      'printf "%s|%s|%s|%s|%s|%s" "$OOMPAH_ISSUE_IDENTIFIER" "$OOMPAH_RUN_ID" "$OOMPAH_WORKSPACE" "$OOMPAH_ATTEMPT" "$OOMPAH_BRANCH" "$PWD"',
      { cwd: dir, env, timeoutMs: 10_000 },
    );
    expect(r.ok).toBe(true);
    expect(r.output).toBe(`PROJ-42|run-uuid|${dir}|2|oompah/proj-42|${dir}`);
  });

  it("[C125] (hooks) the hook environment lacks secrets but has passthrough names and the run token", async () => {
    const dir = tempDir();
    const base = {
      PATH: process.env.PATH ?? "",
      GH_TOKEN: "gh-secret-value",
      OOMPAH_API_TOKEN: "api-secret-value",
      ACME_AUTH: "provider-key-value", // a provider's api_key_env that does not look secret
      MY_SECRET: "mine",
      NPM_REGISTRY_TOKEN: "passed-through",
      HARMLESS: "kept",
    };
    const env = childEnv({
      base,
      declaredSecretNames: ["ACME_AUTH"],
      passthrough: ["NPM_REGISTRY_TOKEN"],
      runVars: { OOMPAH_RUN_TOKEN: "ort_run" },
    });
    const r = await runHook("after_run", "env", { cwd: dir, env, timeoutMs: 10_000 });
    const seen = new Map(
      r.output
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const),
    );
    for (const name of ["GH_TOKEN", "OOMPAH_API_TOKEN", "ACME_AUTH", "MY_SECRET"])
      expect(seen.has(name)).toBe(false);
    expect(seen.get("NPM_REGISTRY_TOKEN")).toBe("passed-through");
    expect(seen.get("OOMPAH_RUN_TOKEN")).toBe("ort_run");
    expect(seen.get("HARMLESS")).toBe("kept");
  });

  it("runs bash without profile files unless login_shell is set", async () => {
    const dir = tempDir();
    const script = "shopt -q login_shell && echo login || echo plain";
    expect((await runHook("after_run", script, baseOpts(dir))).output.trim()).toBe("plain");
    const login = await runHook("after_run", script, { ...baseOpts(dir), loginShell: true });
    expect(login.output.trim().split("\n").pop()).toBe("login");
  });

  it("applies project hook overrides per key", () => {
    const global = {
      after_create: "npm ci",
      before_run: "make lint",
      after_run: null,
      before_remove: null,
      timeout_ms: 60_000,
    };
    const s = resolveHooks(global, { before_run: null, after_run: "echo done", timeout_ms: 5_000 });
    expect(s.scripts).toEqual({
      after_create: "npm ci",
      before_run: null,
      after_run: "echo done",
      before_remove: null,
    });
    expect(s.timeoutMs).toBe(5_000);
    expect(resolveHooks(global).timeoutMs).toBe(60_000);
  });
});
