/**
 * State and the smaller steps of one run attempt (SPEC §7.4): the worktree's
 * project view, dispatch comments, prompt rendering, the per-issue cost cap,
 * the §7.6 completion check and keeping partial work. The pipeline itself is
 * in `attempt.ts`.
 */
import { renderPrompt } from "../config/template.js";
import { COMMENT_AUTHOR, dispatchComment, focusComment } from "../domain/comments.js";
import { decideAfterPrompt, type PromptEnd } from "../domain/continuation.js";
import { STATUS_SET_BY_RUN_KEY } from "../domain/issue.js";
import { identityEnv } from "../git/git.js";
import type { GitContext } from "../git/ops.js";
import { clonePathFor } from "../projects/paths.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import { branchFor } from "../workspace/keys.js";
import type { Worktree } from "../workspace/worktrees.js";
import type { AttemptConfig, AttemptDeps, PipelineInput } from "./attempt-deps.js";
import type { Ending } from "./attempt-finish.js";
import { commitWork } from "./delivery.js";
import { pushBranch } from "./delivery-git.js";
import { buildPromptVars, readAgentsMd } from "./prompt-vars.js";
import { issueCostCap } from "./budget.js";
import { RunRecorder } from "./run-recorder.js";
import { UsageMeter } from "./usage-meter.js";

export class AttemptBase {
  protected readonly now: () => Date;
  protected readonly cfg: AttemptConfig;
  protected readonly rec: RunRecorder;
  protected tracker: TrackerAdapter | null = null;
  protected worktree: Worktree | null = null;
  protected env: Record<string, string> = {};
  protected readonly branch: string;
  protected meter: UsageMeter;

  constructor(
    protected readonly deps: AttemptDeps,
    protected readonly input: PipelineInput,
  ) {
    this.now = deps.now ?? (() => new Date());
    this.cfg = deps.config();
    this.rec = new RunRecorder({
      store: deps.store,
      run: input.run,
      projectName: input.project.name,
      identifier: input.issue.identifier,
      dataDir: deps.dataDir,
      redact: (t) => (deps.redact ? deps.redact(t) : t),
      logger: deps.logger,
      now: this.now,
    });
    this.branch = branchFor(input.issue, { workBranch: true });
    const { provider, model } = input.routing;
    this.meter = new UsageMeter(
      provider,
      model,
      this.cfg.config.agent.unknown_model_price,
      deps.pricer,
    );
  }

  protected get wsProject() {
    const p = this.input.project;
    return {
      name: p.name,
      clonePath: clonePathFor(this.deps.dataDir, p.name),
      defaultBranch: p.default_branch,
      identity: { name: p.git_author_name, email: p.git_author_email },
    };
  }

  protected async postDispatchComments(): Promise<void> {
    const t = this.tracker;
    const { routing, run, attemptNumber, issue } = this.input;
    if (!t || !this.cfg.config.tracker.post_comments || !t.capabilities.comments) return;
    const texts = [
      dispatchComment({
        attempt: attemptNumber,
        profile: routing.profile.name,
        model: routing.model,
        provider: routing.provider.name || routing.provider.id,
        backend: routing.backend,
        runId: run.run_id,
      }),
      focusComment({ role: routing.focus.role, name: routing.focus.name }),
    ];
    for (const text of texts) {
      try {
        await t.addComment(issue.id, { author: COMMENT_AUTHOR, text });
      } catch (e) {
        this.deps.logger.warn(
          { run_id: run.run_id, err: String(e) },
          "could not post a dispatch comment",
        );
      }
    }
  }

  protected async renderPrompt(wt: Worktree): Promise<string> {
    const { issue, project, routing, run } = this.input;
    const comments = this.tracker?.capabilities.comments
      ? await this.tracker.listComments(issue.id)
      : [];
    const vars = buildPromptVars({
      issue,
      comments,
      focus: routing.focus,
      project,
      run: {
        id: run.run_id,
        branch: wt.branch,
        workspace_path: wt.path,
        backend: routing.backend,
        model: routing.model,
        profile: routing.profile.name,
      },
      attempt: this.input.attemptNumber,
      agentsMd: await readAgentsMd(wt.path),
    });
    return renderPrompt(this.cfg.template, vars);
  }

  protected cancelled(): Ending {
    const r = this.input.cancelReason();
    return {
      outcome:
        r === "operator" ? "cancelled_by_operator" : r === "shutdown" ? "interrupted" : "cancelled",
      error: null,
      summary: null,
    };
  }

  /** Steps 7–9: the session, then delivery. */
  protected async costCap(): Promise<number> {
    const { cap } = await issueCostCap(
      this.deps.store,
      this.input.run.issue_key,
      this.cfg.config.agent.max_cost_per_issue,
    );
    return cap;
  }

  /** The §7.6 completion check. */
  protected async decide(end: PromptEnd, continuations: number, wt: Worktree) {
    const { issue, run } = this.input;
    const fresh = await this.tracker?.fetchIssuesByIds([issue.id]).catch(() => null);
    const current = fresh === null || fresh === undefined ? undefined : (fresh[0] ?? null);
    return decideAfterPrompt({
      end,
      // A failed fetch keeps the run going: treat the issue as still claimed.
      issue_state: current === undefined ? "In Progress" : (current?.state ?? null),
      changed_by_own_token: current?.metadata[STATUS_SET_BY_RUN_KEY] === run.run_id,
      labels: current?.labels ?? [],
      worktree_has_changes: await this.deps.worktrees.hasChanges(wt.path, wt.baseSha),
      continuations,
      max_continuations: this.cfg.config.agent.max_continuations,
    });
  }

  protected gitCtx(wt: Worktree): GitContext {
    const p = this.input.project;
    return {
      cwd: wt.path,
      env: {
        ...this.deps.gitEnv,
        ...identityEnv({ name: p.git_author_name, email: p.git_author_email }),
      },
    };
  }

  /** Step 9: the delivery pipeline of §12.1. */
  protected async pushPartialWork(summary: string | null): Promise<void> {
    const wt = this.worktree;
    if (!wt) return;
    try {
      const ctx = this.gitCtx(wt);
      await commitWork({
        ctx,
        issue: this.input.issue,
        runId: this.input.run.run_id,
        summary,
        settings: this.cfg.config.delivery,
      });
      if (
        !this.cfg.config.delivery.push ||
        !(await this.deps.worktrees.hasChanges(wt.path, wt.baseSha))
      )
        return;
      const pushed = await pushBranch(ctx, wt.branch, {
        leaseSha: wt.remoteHeadAtStart,
        allowForceWithLease: false,
        ...(this.deps.pushRetryDelaysMs ? { retryDelaysMs: this.deps.pushRetryDelaysMs } : {}),
        ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
      });
      if (!pushed.ok) this.rec.log("partial_push_failed", { message: pushed.message });
    } catch (e) {
      this.rec.log("partial_push_failed", { message: String(e) });
    }
  }

  /** Step 10: after_run, exit handling, the final runs row and `run_finished`. */
}
