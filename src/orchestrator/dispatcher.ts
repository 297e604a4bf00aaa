/**
 * The dispatcher: the body of one orchestrator tick (SPEC §7.1) and the
 * owner of every attempt it starts. Order per tick: preflight → first-sight
 * sweeps of newly readable projects (§7.10) → reconcile running runs (§7.8)
 * → local review monitor (§12.4) → due retries then candidates (§7.2–7.4)
 * → Needs Answer sweep → re-arm the store-backed retry timer (§7.9).
 * Decisions that claim (the tick's dispatch step and manual dispatch) run
 * one at a time; the store's one-active-run-per-issue index backs that up.
 */
import { randomUUID } from "node:crypto";
import { issueInternalKey } from "../domain/dispatch.js";
import type { SkipReason } from "../domain/eligibility.js";
import { OompahError, toOompahError } from "../domain/errors.js";
import type { Issue } from "../domain/issue.js";
import type { BoardIssueFacts } from "../issues/board.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { Run } from "../store/runs.js";
import type { TrackerAdapter } from "../trackers/tracker.js";
import { cancelRun, type ActiveRun } from "./active-run.js";
import { boardFacts } from "./board-facts.js";
import { ProviderCooldowns, type Cooldown } from "./cooldowns.js";
import { cfgOf, type DispatchDeps } from "./dispatch-deps.js";
import {
  candidateSkipReason,
  decisionContext,
  entryFor,
  type DecisionContext,
  type PlannedEntry,
} from "./dispatch-facts.js";
import { dispatchStep } from "./dispatch-step.js";
import { handleExit } from "./exit-handling.js";
import { cleanupWorktree, recordFinished } from "./finished-work.js";
import { sweepNeedsAnswer } from "./needs-answer.js";
import type { AttemptResult, DispatchProject } from "./ports.js";
import { preflight } from "./preflight.js";
import { reconcileRunning } from "./reconcile.js";
import { recoverRuns, sweepProject, type OrphanedIssue } from "./recovery.js";
import { monitorLocalReviews } from "./review-local.js";
import { SnapshotCache } from "./snapshots.js";
import type { WakeReason } from "./tick-loop.js";

/** The dispatcher's part of the state snapshot. */
export interface DispatchView {
  candidates: number;
  cooldowns: Cooldown[];
  orphaned: OrphanedIssue[];
  /** Title of each active run's issue, by run id. */
  titles: Map<string, string>;
}

export type ManualDispatch = { ok: true; run: Run } | { ok: false; skip_reason: SkipReason };

const MAX_TIMER_MS = 2_147_483_647;

export class Dispatcher {
  readonly cooldowns: ProviderCooldowns;
  private readonly active = new Map<string, ActiveRun>();
  private readonly snapshots: SnapshotCache;
  private readonly swept = new Set<string>();
  private readonly orphans = new Map<string, OrphanedIssue>();
  private readonly lastReviewAt = new Map<string, number>();
  private readonly background = new Set<Promise<unknown>>();
  private candidates = 0;
  private lock: Promise<unknown> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | null = null;
  private recovered = false;
  private stopping = false;

  constructor(private readonly deps: DispatchDeps) {
    this.cooldowns = new ProviderCooldowns(deps.store.serviceState, deps.now);
    this.snapshots = new SnapshotCache(deps.alerts);
  }

  /** Recovery (§7.10) before the first dispatch: interrupted runs, cooldowns. */
  async recover(): Promise<void> {
    if (this.recovered) return;
    this.recovered = true;
    await this.cooldowns.load();
    await recoverRuns(this.deps);
  }

  async tick(reasons: readonly WakeReason[]): Promise<void> {
    await this.recover();
    const cfg = cfgOf(this.deps);
    const slots = await this.deps.trackers.list();
    const projects = new Map((await this.deps.projects()).map((p) => [p.id, p]));
    const mayDispatch = await preflight(this.deps, slots);
    const states = [
      ...new Set<CanonicalStatus>([...cfg.tracker.active_states, "Needs Answer", "In Review"]),
    ];
    const snaps = await this.snapshots.fetch(slots, states);
    for (const slot of slots) {
      const project = projects.get(slot.projectId);
      if (!slot.ok || !project || this.swept.has(slot.projectId)) continue;
      this.swept.add(slot.projectId);
      for (const o of await sweepProject(this.deps, project, slot.tracker))
        this.orphans.set(`${o.project_id}:${o.issue_id}`, o);
    }
    await reconcileRunning(this.deps, [...this.active.values()]);
    await this.reviewMonitor(projects, snaps, reasons);
    if (mayDispatch && !this.stopping && this.deps.runAttempt) {
      await this.exclusive(async () => {
        this.candidates = await dispatchStep(this.deps, this.cooldowns, snaps, (e, ctx, n) =>
          this.start(e, ctx, n),
        );
      });
    }
    for (const snap of snaps.values())
      if (!snap.stale && snap.tracker) await sweepNeedsAnswer(this.deps, snap.tracker, snap.issues);
    await this.armRetryTimer();
  }

  /** `POST /api/v1/orchestrator/dispatch/{pid}/{iid}`: dispatch now if eligible, ignoring order. */
  dispatchNow(projectRef: string, issueId: string): Promise<ManualDispatch> {
    return this.exclusive<ManualDispatch>(async () => {
      const { ctx, entry, skip } = await this.evaluate(projectRef, issueId);
      if (skip !== null) return { ok: false, skip_reason: skip };
      if (!this.deps.runAttempt || this.stopping)
        throw new OompahError("unavailable", "dispatch is not available right now");
      const run = await this.start(entry, ctx);
      return run ? { ok: true, run } : { ok: false, skip_reason: "already_claimed" };
    }).then((r) => {
      this.deps.wake("refresh_requested");
      return r;
    });
  }

  /** The first failing eligibility rule for an issue right now (null = would dispatch). */
  async skipReason(projectRef: string, issueId: string): Promise<SkipReason | null> {
    return (await this.evaluate(projectRef, issueId)).skip;
  }

  /** Focus, spend and skip reason of each board issue, keyed `<project_id>:<id>` (§17.5). */
  boardFacts(issues: readonly Issue[]): Promise<Record<string, BoardIssueFacts>> {
    return boardFacts(this.deps, this.cooldowns, issues);
  }

  /** Operator cancel; false when the run is not active in this process. */
  async cancel(runId: string): Promise<boolean> {
    const a = this.active.get(runId);
    if (!a) return false;
    cancelRun(a, "operator");
    await a.done;
    return true;
  }

  view(): DispatchView {
    return {
      candidates: this.candidates,
      cooldowns: this.cooldowns.active(),
      orphaned: [...this.orphans.values()],
      titles: new Map([...this.active.values()].map((a) => [a.run.run_id, a.issue.title])),
    };
  }

  get activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  /** Graceful shutdown (§7.10): cancel sessions, wait the grace, mark the rest interrupted. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const list = [...this.active.values()];
    for (const a of list) cancelRun(a, "shutdown");
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(list.map((a) => a.done)),
      new Promise<void>((r) => (timer = setTimeout(r, cfgOf(this.deps).agent.shutdown_grace_ms))),
    ]);
    clearTimeout(timer);
    for (const a of list)
      if (!a.exited) await this.finish(a, { outcome: "interrupted", summary: null, error: null });
    await Promise.allSettled([...this.background]);
  }

  private async evaluate(projectRef: string, issueId: string) {
    const { tracker } = await this.deps.trackers.get(projectRef);
    const { issue } = await tracker.getIssueDetail(issueId);
    const ctx = await decisionContext(this.deps);
    const entry = await entryFor(this.deps, ctx, this.cooldowns, issue, issue.state, null);
    return { issue, ctx, entry, skip: candidateSkipReason(ctx, entry) };
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lock.then(fn, fn);
    this.lock = next.catch(() => undefined);
    return next;
  }

  /** Claims the run in a store transaction and starts its attempt; null when already claimed. */
  private async start(entry: PlannedEntry, ctx: DecisionContext, attempt = 1): Promise<Run | null> {
    const runner = this.deps.runAttempt;
    const project = ctx.projectById.get(entry.issue.project_id);
    if (!runner || !entry.routing || !project || this.stopping) return null;
    const { issue, routing } = entry;
    const key = issueInternalKey(issue);
    let run: Run;
    try {
      run = await this.deps.store.transaction(async (tx) => {
        const claimed = await tx.runs.insertClaim({
          run_id: `run-${randomUUID()}`,
          project_id: issue.project_id,
          issue_id: issue.id,
          issue_key: key,
          identifier: issue.identifier,
          attempt,
          started_at: this.deps.now().toISOString(),
          dispatch_state: entry.dispatch_state,
          backend: routing.backend,
          provider_id: routing.provider.id,
          model: routing.model,
          profile: routing.profile.name,
          focus: routing.focus.name,
        });
        await tx.retries.delete(key);
        await tx.events.append({
          type: "run_claimed",
          project_id: issue.project_id,
          issue_key: key,
          run_id: claimed.run_id,
          payload: { identifier: issue.identifier, attempt, dispatch_state: entry.dispatch_state },
        });
        return claimed;
      });
    } catch (e) {
      if (e instanceof OompahError && e.code === "already_claimed") return null;
      throw e;
    }
    this.orphans.delete(key);
    const a: ActiveRun = {
      run,
      issue,
      project,
      routing,
      escalatedProfile: entry.escalatedProfile,
      controller: new AbortController(),
      reason: null,
      cleanupOnExit: false,
      agentStatusSeenAt: null,
      exited: false,
      done: Promise.resolve(),
    };
    this.active.set(run.run_id, a);
    a.done = this.execute(a, runner);
    return run;
  }

  private async execute(
    a: ActiveRun,
    runner: NonNullable<DispatchDeps["runAttempt"]>,
  ): Promise<void> {
    let result: AttemptResult;
    try {
      result = await runner({
        run: a.run,
        issue: a.issue,
        project: a.project,
        routing: a.routing,
        attemptNumber: a.run.attempt,
        signal: a.controller.signal,
        cancelReason: () => a.reason,
      });
    } catch (e) {
      const err = toOompahError(e);
      result = {
        outcome: "failed",
        summary: null,
        error: { code: err.code, message: err.message },
      };
    }
    await this.finish(a, result);
  }

  private async finish(a: ActiveRun, result: AttemptResult): Promise<void> {
    if (a.exited) return;
    a.exited = true;
    const tracker = await this.trackerOf(a.project.id);
    try {
      const status = await handleExit(
        { deps: this.deps, cooldowns: this.cooldowns, tracker },
        a,
        result,
      );
      if (a.cleanupOnExit) await cleanupWorktree(this.deps, a.project, a.issue);
      const finalState = status ?? (a.cleanupOnExit ? a.issue.state : null);
      if (tracker && (finalState === "Done" || finalState === "Merged"))
        recordFinished(this.deps, tracker, a.issue, this.background);
    } finally {
      this.active.delete(a.run.run_id);
      this.deps.wake("run_exited");
    }
  }

  private async trackerOf(projectId: string): Promise<TrackerAdapter | null> {
    try {
      return (await this.deps.trackers.get(projectId)).tracker;
    } catch {
      return null;
    }
  }

  private async reviewMonitor(
    projects: Map<string, DispatchProject>,
    snaps: Awaited<ReturnType<SnapshotCache["fetch"]>>,
    reasons: readonly WakeReason[],
  ): Promise<void> {
    const interval = cfgOf(this.deps).review.poll_interval_ms;
    const nowMs = this.deps.now().getTime();
    const forced = reasons.includes("webhook") || reasons.includes("full_sync");
    for (const snap of snaps.values()) {
      const project = projects.get(snap.projectId);
      if (!project || project.scm !== "local" || snap.stale || !snap.tracker) continue;
      const last = this.lastReviewAt.get(project.id);
      if (!forced && last !== undefined && nowMs - last < interval) continue;
      this.lastReviewAt.set(project.id, nowMs);
      const merged = await monitorLocalReviews(this.deps, project, snap.tracker, snap.issues, {
        ...this.deps.env,
      });
      for (const issue of merged) recordFinished(this.deps, snap.tracker, issue, this.background);
    }
  }

  /** Wakes the loop with `retry_due` at the earliest future `due_at` (§7.9). */
  private async armRetryTimer(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.stopping) return;
    const nowMs = this.deps.now().getTime();
    const next = (await this.deps.store.retries.list()).find((r) => Date.parse(r.due_at) > nowMs);
    if (!next) return;
    const delay = Math.min(Date.parse(next.due_at) - nowMs, MAX_TIMER_MS);
    this.retryTimer = setTimeout(() => this.deps.wake("retry_due"), delay);
    this.retryTimer.unref();
  }
}
