/**
 * The run-attempt pipeline (SPEC §7.4 steps 3–10): everything that happens
 * to one claimed run. Tracker claim → dispatch comments → worktree and hooks
 * → prompt → backend session (stall, turn and cost rules, continuations) →
 * delivery → exit handling. Every step is recorded (runs row, events,
 * activity, ledger, run log); the dispatcher gets a small {@link AttemptResult}
 * and owns the retry row.
 */
import type { AgentSession } from "../agents/backend.js";
import { overCostCap } from "../domain/eligibility.js";
import { toOompahError } from "../domain/errors.js";
import { StallJudge } from "../domain/stall.js";
import type { Worktree } from "../workspace/worktrees.js";
import { AttemptBase } from "./attempt-base.js";
import type { AttemptDeps, PipelineInput } from "./attempt-deps.js";
import { runEnv, runRunHook } from "./attempt-env.js";
import { applyExit, type Ending } from "./attempt-finish.js";
import { issueSpend } from "./budget.js";
import { driveSession } from "./attempt-session.js";
import { deliver } from "./delivery.js";
import type { AttemptResult } from "./ports.js";

const TOKEN_TTL_MS = 24 * 3600_000;

/** Builds the function the dispatcher calls once per claimed run. */
export function createAttemptRunner(
  deps: AttemptDeps,
): (input: PipelineInput) => Promise<AttemptResult> {
  return (input) => new Attempt(deps, input).run();
}

const failed = (code: string, message: string): Ending => ({
  outcome: "failed",
  error: { code, message },
  summary: null,
});

class Attempt extends AttemptBase {
  async run(): Promise<AttemptResult> {
    let ending: Ending;
    try {
      ending = await this.pipeline();
    } catch (e) {
      const err = toOompahError(e);
      this.deps.logger.error({ run_id: this.input.run.run_id, code: err.code }, err.message);
      ending = failed(err.code, err.message);
    }
    return this.finish(ending);
  }

  private async pipeline(): Promise<Ending> {
    const { run, issue, project, routing } = this.input;
    const config = this.cfg.config;
    this.rec.update({
      backend: routing.backend,
      provider_id: routing.provider.id,
      model: routing.model,
      profile: routing.profile.name,
      focus: routing.focus.name,
    });
    this.rec.event("run_phase", { phase: "preparing" });
    await this.rec.flush();
    for (const w of routing.warnings) this.rec.log("routing_warning", { ...w });
    const token = this.deps.runTokens.mint({
      run_id: run.run_id,
      project_id: project.id,
      issue_id: issue.id,
      exp: Math.floor((this.now().getTime() + TOKEN_TTL_MS) / 1000),
    });
    this.rec.addSecret(token);
    const keyEnv = routing.provider.api_key_env;
    if (keyEnv) this.rec.addSecret(this.deps.env[keyEnv]);

    // Step 3: tracker claim, before anything the agent could observe.
    try {
      this.tracker = await this.deps.trackerFor(project.id);
      await this.tracker.updateIssue(issue.id, { status: "In Progress" });
      if (this.tracker.capabilities.metadata) {
        await this.tracker.setMetadata(issue.id, "oompah.agent_run_id", run.run_id);
        if (issue.branch_name === null)
          await this.tracker.setMetadata(issue.id, "oompah.work_branch", this.branch);
      }
    } catch (e) {
      const err = toOompahError(e);
      return { ...failed("tracker_claim_failed", err.message), trackerUntouched: true };
    }
    await this.postDispatchComments();

    // Step 5: workspace and hooks.
    const path = this.deps.worktrees.pathFor(this.wsProject, issue.identifier);
    this.env = runEnv({
      base: this.deps.env,
      declaredSecretNames: this.deps.secretEnvNames?.() ?? [],
      config,
      project,
      provider: routing.provider,
      dataDir: this.deps.dataDir,
      serverUrl: this.deps.serverUrl(),
      runToken: token,
      runId: run.run_id,
      issue,
      workspace: path,
    });
    const hook = (name: "after_create" | "before_run", cwd: string) =>
      runRunHook(name, {
        config,
        project,
        env: this.env,
        cwd,
        attempt: this.input.attemptNumber,
        branch: this.branch,
        signal: this.input.signal,
      }).then((r) => {
        if (r.ran)
          this.rec.log("hook", { name, ok: r.ok, exit_code: r.exitCode, output: r.output });
      });
    try {
      this.worktree = await this.deps.worktrees.ensure({
        project: this.wsProject,
        issue,
        workBranch: true,
        afterCreate: (wt) => hook("after_create", wt.path),
        signal: this.input.signal,
      });
    } catch (e) {
      const err = toOompahError(e, "workspace_error");
      if (err.code === "hook_failed")
        this.rec.log("hook", { name: "after_create", ok: false, error: err.toJSON() });
      return err.code === "hook_failed"
        ? failed(err.code, err.message)
        : failed("workspace_error", `${err.code}: ${err.message}`);
    }
    const wt = this.worktree;
    for (const w of wt.warnings) this.rec.log("workspace_warning", { ...w });
    this.rec.update({
      worktree_path: wt.path,
      branch: wt.branch,
      base_sha: wt.baseSha,
      remote_head_at_start: wt.remoteHeadAtStart,
    });
    await this.rec.flush();
    try {
      await hook("before_run", wt.path);
    } catch (e) {
      const err = toOompahError(e, "hook_failed");
      this.rec.log("hook", { name: "before_run", ok: false, error: err.toJSON() });
      return failed("hook_failed", err.message);
    }
    if (this.input.signal.aborted) return this.cancelled();

    // Step 6: prompt.
    let prompt: string;
    try {
      prompt = await this.renderPrompt(wt);
    } catch (e) {
      const err = toOompahError(e, "template_render_error");
      return failed("template_render_error", err.message);
    }
    this.rec.log("prompt", { text: prompt });
    return this.launch(prompt, wt);
  }

  private async launch(prompt: string, wt: Worktree): Promise<Ending> {
    const { routing, issue, run } = this.input;
    const config = this.cfg.config;
    await this.rec.phase("launching");
    const kill = new AbortController();
    const maxTurns = routing.profile.max_turns ?? config.agent.max_turns;
    let session: AgentSession;
    try {
      const backend = this.deps.backendFor(routing.provider.backend);
      session = await backend.startSession({
        runId: run.run_id,
        cwd: wt.path,
        prompt: { text: prompt, parts: [] },
        provider: routing.provider,
        model: routing.model,
        tools:
          this.deps.toolsFor?.({
            runId: run.run_id,
            projectId: run.project_id,
            issueId: issue.id,
            identifier: issue.identifier,
            env: this.env,
          }) ?? [],
        env: this.env,
        maxTurns,
        signal: kill.signal,
        issue: {
          id: issue.id,
          identifier: issue.identifier,
          title: issue.title,
          labels: issue.labels,
        },
      });
    } catch (e) {
      const err = toOompahError(e, "backend_error");
      return failed(err.code, err.message);
    }
    await this.rec.phase("running", { last_event_at: this.now().toISOString() });
    const a = config.agent;
    const judge = new StallJudge(
      {
        stall_turns: a.stall_turns,
        stall_timeout_ms: a.stall_timeout_ms,
        command_timeout_ms: a.command_timeout_ms,
        max_turns: maxTurns,
      },
      () => this.now().getTime(),
    );
    const cap = await this.costCap();
    const end = await driveSession({
      session,
      kill,
      judge,
      meter: this.meter,
      recorder: this.rec,
      graceMs: a.shutdown_grace_ms,
      signal: this.input.signal,
      cancelReason: () => this.input.cancelReason(),
      decide: (pe, n) => this.decide(pe, n, wt),
      costCheck: async () => {
        if (cap <= 0) return null;
        await this.rec.flush();
        const spent = await issueSpend(this.deps.store, run.issue_key);
        return overCostCap(spent, cap) ? { spent, cap } : null;
      },
      now: () => this.now().getTime(),
      ...(this.deps.signals ? { signals: this.deps.signals } : {}),
    });
    if (end.kind === "outcome") {
      return end.outcome === "cost_cap"
        ? {
            ...end,
            costCap: {
              spent: await issueSpend(this.deps.store, run.issue_key),
              cap,
            },
          }
        : end;
    }
    return this.deliver(end.summary, end.noChangesDeclared, wt);
  }

  private async deliver(
    summary: string | null,
    declaredNoChanges: boolean,
    wt: Worktree,
  ): Promise<Ending> {
    const { issue, project, run, routing } = this.input;
    await this.rec.phase("delivering");
    const r = await deliver({
      ctx: this.gitCtx(wt),
      branch: wt.branch,
      targetBranch: wt.baseBranch,
      baseSha: wt.baseSha,
      remoteHeadAtStart: wt.remoteHeadAtStart,
      issue,
      runId: run.run_id,
      summary,
      declaredNoChanges,
      focus: routing.focus.name,
      settings: this.cfg.config.delivery,
      localSuccessStatus: project.local_success_status,
      scm: this.deps.scmFor?.(project) ?? null,
      ...(this.deps.pushRetryDelaysMs ? { pushRetryDelaysMs: this.deps.pushRetryDelaysMs } : {}),
      ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
    });
    for (const w of r.warnings) {
      this.rec.log("warning", { ...w });
      this.rec.event("run_warning", { code: w.code, message: w.message });
    }
    if (r.outcome === "succeeded")
      return { outcome: "succeeded", error: null, summary, delivery: r };
    return { outcome: r.outcome, error: r.error, summary };
  }

  /** Keeps partial work of `question` / `needs_human` / `handoff` (commit + push, no PR). */
  private async finish(ending: Ending): Promise<AttemptResult> {
    const { run, issue, project, attemptNumber } = this.input;
    const config = this.cfg.config;
    if (this.worktree) {
      const report = await runRunHook("after_run", {
        config,
        project,
        env: this.env,
        cwd: this.worktree.path,
        attempt: attemptNumber,
        branch: this.worktree.branch,
      }).catch((e: unknown) => ({ ran: true, ok: false, output: String(e), exitCode: null }));
      if (report.ran)
        this.rec.log("hook", {
          name: "after_run",
          ok: report.ok,
          exit_code: report.exitCode,
          output: report.output,
        });
      if (!report.ok)
        this.deps.logger.warn(
          { run_id: run.run_id, hook: "after_run" },
          "after_run hook failed (ignored)",
        );
    }
    const endedAt = this.now();
    const pushPartial = ["question", "needs_human", "handoff"].includes(ending.outcome);
    if (pushPartial) await this.pushPartialWork(ending.summary);
    const { plan, statusSet } = await applyExit({
      ending,
      config,
      tracker: this.tracker,
      store: this.deps.store,
      issueId: issue.id,
      issueKey: run.issue_key,
      attempt: attemptNumber,
      branch: this.worktree?.branch ?? null,
      startedAt: run.started_at,
      endedAt,
      totals: this.meter.totals,
      logger: this.deps.logger,
      log: (t, p) => this.rec.log(t, p),
    });
    this.rec.update({
      phase: "finished",
      outcome: ending.outcome,
      ended_at: endedAt.toISOString(),
      summary: ending.summary,
      error: ending.error,
    });
    const payload = {
      outcome: ending.outcome,
      error: ending.error,
      status: statusSet,
      retry_in_ms: plan.retry?.delayMs ?? null,
    };
    this.rec.event("run_finished", payload);
    this.rec.log("run_finished", payload);
    await this.rec.close();
    return {
      outcome: ending.outcome,
      summary: ending.summary,
      error: ending.error,
      ...(ending.question === undefined ? {} : { question: ending.question }),
      statusSet,
      endedAt: endedAt.toISOString(),
    };
  }
}
