/**
 * Step 4 of a tick (SPEC §7.1, §7.3): due retries are reconciled as they
 * fire (§7.8: missing → dropped; terminal → worktree cleaned, dropped; still
 * In Progress under one of this store's runs, or in an active status →
 * dispatched or left queued; anything else → dropped, a human took it), new
 * candidates are gathered from every fresh project snapshot, and the pure
 * planner decides; each planned entry is then claimed and started.
 */
import { planDispatch, type RetryEntry } from "../domain/dispatch.js";
import { toOompahError, type Warning } from "../domain/errors.js";
import type { Issue } from "../domain/issue.js";
import type { CanonicalStatus } from "../domain/status.js";
import type { Retry } from "../store/retries.js";
import type { Run } from "../store/runs.js";
import type { ProviderCooldowns } from "./cooldowns.js";
import { cfgOf, type DispatchDeps } from "./dispatch-deps.js";
import {
  decisionContext,
  entryFor,
  type DecisionContext,
  type PlannedEntry,
} from "./dispatch-facts.js";
import { workspaceProjectOf } from "./ports.js";
import { isNative } from "./recovery.js";
import { FETCH_TIMEOUT_MS, withTimeout, type ProjectSnapshot } from "./snapshots.js";

type Start = (entry: PlannedEntry, ctx: DecisionContext, attempt: number) => Promise<Run | null>;
type RetryPlanned = PlannedEntry & RetryEntry & { retry: Retry };

const ROUTING_ALERTS = ["no_providers", "provider_ambiguous"] as const;
const loggedWarnings = new WeakMap<DispatchDeps, Set<string>>();

/** Runs the dispatch step; returns the number of candidates considered. */
export async function dispatchStep(
  deps: DispatchDeps,
  cooldowns: ProviderCooldowns,
  snaps: ReadonlyMap<string, ProjectSnapshot>,
  start: Start,
): Promise<number> {
  const ctx = await decisionContext(deps);
  const retries = await dueRetries(deps, ctx, cooldowns);
  const candidates: PlannedEntry[] = [];
  for (const snap of snaps.values()) {
    if (snap.stale) continue;
    for (const issue of snap.issues) {
      if (!ctx.config.active_states.includes(issue.state)) continue;
      candidates.push(await entryFor(deps, ctx, cooldowns, issue, issue.state, null));
    }
  }
  const plan = planDispatch({
    config: ctx.config,
    service: ctx.service,
    projects: ctx.projects,
    retries,
    candidates,
  });
  logWarnings(deps, plan.warnings);
  for (const code of ROUTING_ALERTS) {
    if (ctx.routingAlerts.has(code))
      deps.alerts.raise({
        code,
        severity: "error",
        message:
          code === "no_providers"
            ? "no provider is configured; nothing can be dispatched"
            : "several providers exist and none is marked default; runs without a pin are skipped",
        hint: "configure providers on /providers (mark one default)",
      });
    else deps.alerts.clear(code);
  }
  for (const d of plan.dispatch) {
    try {
      await start(d.entry, ctx, d.kind === "retry" ? d.entry.retry.attempt : 1);
    } catch (e) {
      const err = toOompahError(e);
      deps.logger.error(
        { component: "orchestrator", issue: d.entry.issue.identifier, code: err.code },
        `could not start a run: ${err.message}`,
      );
    }
  }
  return candidates.length;
}

function logWarnings(deps: DispatchDeps, warnings: readonly Warning[]): void {
  let seen = loggedWarnings.get(deps);
  if (!seen) loggedWarnings.set(deps, (seen = new Set()));
  for (const w of warnings) {
    if (seen.has(w.message)) continue;
    seen.add(w.message);
    deps.logger.warn({ component: "orchestrator", code: w.code }, w.message);
  }
}

/** Due retries that survive reconciliation, as planner entries. */
async function dueRetries(
  deps: DispatchDeps,
  ctx: DecisionContext,
  cooldowns: ProviderCooldowns,
): Promise<RetryPlanned[]> {
  const due = await deps.store.retries.due(deps.now());
  const byProject = new Map<string, Retry[]>();
  for (const r of due) byProject.set(r.project_id, [...(byProject.get(r.project_id) ?? []), r]);
  const out: RetryPlanned[] = [];
  const cfg = cfgOf(deps);
  for (const [projectId, list] of byProject) {
    const project = ctx.projectById.get(projectId);
    let issues: Issue[];
    let tracker;
    try {
      tracker = (await deps.trackers.get(projectId)).tracker;
      const t = tracker;
      issues = await withTimeout(
        () => t.fetchIssuesByIds(list.map((r) => r.issue_id)),
        FETCH_TIMEOUT_MS,
        `the tracker of project ${projectId}`,
      );
    } catch {
      continue; // project gone, not ready or unreachable: the retry stays queued
    }
    const found = new Map(issues.map((i) => [i.id, i]));
    for (const r of list) {
      const issue = found.get(r.issue_id);
      const drop = async (why: string) => {
        await deps.store.retries.delete(r.issue_key);
        deps.logger.info(
          { component: "orchestrator", issue: r.identifier },
          `retry dropped: ${why}`,
        );
      };
      if (!issue) {
        await drop("the issue no longer exists");
        continue;
      }
      if (cfg.tracker.terminal_states.includes(issue.state)) {
        if (project)
          await deps.workspace
            .remove({
              project: workspaceProjectOf(project),
              issue,
              workBranch: isNative(project, cfg.tracker.kind),
            })
            .catch(() => undefined);
        await drop(`the issue is ${issue.state}`);
        continue;
      }
      const runId = issue.metadata["oompah.agent_run_id"];
      const ours =
        issue.state === "In Progress" &&
        typeof runId === "string" &&
        (await deps.store.runs.get(runId)) !== undefined;
      if (!ours && !cfg.tracker.active_states.includes(issue.state)) {
        await drop(`the issue moved to ${issue.state}`);
        continue;
      }
      const state = (r.dispatch_state ?? issue.state) as CanonicalStatus;
      const entry = await entryFor(deps, ctx, cooldowns, issue, state, r.next_profile);
      out.push({ ...entry, due_at: r.due_at, retry: r });
    }
  }
  return out;
}
