/**
 * Drives one agent session to its end (SPEC §7.4 steps 7–9, §7.6, §7.7):
 * every event is logged, fed to the productivity judge and the usage meter;
 * the silence clock is armed from the judge's deadline; a stop (stall, turn
 * ceiling, cost cap, dispatcher cancel) cancels the session gracefully and
 * kills it after `shutdown_grace_ms`; a prompt that ends normally goes through
 * the completion check, which may send continuations on the same session.
 */
import type { AgentSession } from "../agents/backend.js";
import type { AgentEvent, TurnEndEvent } from "../agents/events.js";
import type { ContinuationDecision, PromptEnd } from "../domain/continuation.js";
import type { RunOutcome } from "../domain/run-outcome.js";
import type { StallJudge, StallVerdict } from "../domain/stall.js";
import type { CancelReason } from "./attempt-deps.js";
import type { RunRecorder } from "./run-recorder.js";
import type { UsageMeter } from "./usage-meter.js";

/** How the session phase ended. */
export type SessionEnd =
  | { kind: "deliver"; summary: string | null; noChangesDeclared: boolean }
  | {
      kind: "outcome";
      outcome: RunOutcome;
      error: { code: string; message: string } | null;
      summary: string | null;
      question?: string;
    };

type Stop = Extract<SessionEnd, { kind: "outcome" }>;

export interface DriveOptions {
  session: AgentSession;
  /** Aborting it kills the session (the backend's `signal`). */
  kill: AbortController;
  judge: StallJudge;
  meter: UsageMeter;
  recorder: RunRecorder;
  graceMs: number;
  signal: AbortSignal;
  cancelReason(): CancelReason | null;
  /** The §7.6 completion check for a prompt that ended normally. */
  decide(end: PromptEnd, continuations: number): Promise<ContinuationDecision>;
  /** Called after each usage event; a non-null answer stops the run with `cost_cap`. */
  costCheck(): Promise<{ spent: number; cap: number } | null>;
  now: () => number;
}

function fromVerdict(v: StallVerdict): Stop {
  return {
    kind: "outcome",
    outcome: v.outcome,
    error: { code: v.code, message: v.message },
    summary: null,
  };
}

function fromCancel(reason: CancelReason | null): Stop {
  const outcome: RunOutcome =
    reason === "operator"
      ? "cancelled_by_operator"
      : reason === "shutdown"
        ? "interrupted"
        : "cancelled";
  return { kind: "outcome", outcome, error: null, summary: null };
}

/** Outcome of a `turn_end` that is not a normal prompt end. */
function abnormalEnd(e: TurnEndEvent): Stop {
  const summary = e.summary ?? null;
  if (e.reason === "max_turns")
    return {
      kind: "outcome",
      outcome: "max_turns",
      error: { code: "max_turns", message: "the backend reached the turn ceiling" },
      summary,
    };
  if (e.reason === "refusal")
    return {
      kind: "outcome",
      outcome: "failed",
      error: { code: "agent_refused", message: e.summary ?? "the model refused" },
      summary,
    };
  if (e.reason === "error") {
    const code = e.error?.code ?? "agent_error";
    return {
      kind: "outcome",
      outcome: code === "rate_limited" ? "rate_limited" : "failed",
      error: { code, message: e.error?.message ?? "agent error" },
      summary,
    };
  }
  return {
    kind: "outcome",
    outcome: "failed",
    error: { code: "session_cancelled", message: "the session ended by cancellation" },
    summary,
  };
}

export async function driveSession(o: DriveOptions): Promise<SessionEnd> {
  const it = o.session.events[Symbol.asyncIterator]();
  let stop: Stop | null = null;
  let continuations = 0;
  let silence: NodeJS.Timeout | null = null;
  let grace: NodeJS.Timeout | null = null;
  let onKilled: () => void = () => undefined;
  const killed = new Promise<"killed">((resolve) => (onKilled = () => resolve("killed")));

  const requestStop = (s: Stop): void => {
    if (stop) return;
    stop = s;
    if (silence) clearTimeout(silence);
    o.recorder.log("stop_requested", { outcome: s.outcome, error: s.error });
    o.session.cancel(s.error?.code ?? s.outcome).catch(() => undefined);
    grace = setTimeout(() => {
      o.kill.abort(new Error("grace period over"));
      onKilled();
    }, o.graceMs);
  };
  const armSilence = (): void => {
    if (silence) clearTimeout(silence);
    const deadline = o.judge.silenceDeadline();
    if (deadline === null || stop) return;
    silence = setTimeout(
      () => {
        const v = o.judge.checkSilence();
        if (v) requestStop(fromVerdict(v));
        else armSilence();
      },
      Math.max(0, deadline - o.now()),
    );
  };
  const onAbort = (): void => requestStop(fromCancel(o.cancelReason()));
  if (o.signal.aborted) onAbort();
  else o.signal.addEventListener("abort", onAbort, { once: true });
  armSilence();

  const closeIdle = (): void => void o.session.cancel("completed").catch(() => undefined);
  try {
    for (;;) {
      const next = await Promise.race([it.next(), killed]);
      if (next === "killed") return stop ?? fromCancel(null);
      if (next.done) {
        return (
          stop ?? {
            kind: "outcome",
            outcome: "failed",
            error: { code: "agent_exited", message: "the session ended without a final turn" },
            summary: null,
          }
        );
      }
      const e = next.value;
      await observe(o, e, requestStop);
      if (e.type !== "turn_end") {
        armSilence();
        continue;
      }
      if (stop) return stop;
      if (e.reason !== "end_turn" && e.reason !== "finish" && e.reason !== "question")
        return abnormalEnd(e);
      if (silence) clearTimeout(silence);
      const end: PromptEnd = {
        reason: e.reason,
        summary: e.summary,
        question: e.question,
        no_changes_needed: e.no_changes_needed,
      };
      const d = await o.decide(end, continuations);
      if (stop) return stop;
      const summary = e.summary ?? null;
      if (d.action === "continue") {
        continuations = d.n;
        await o.recorder.update({ continuations });
        await o.recorder.event("continuation_sent", { n: d.n, of: d.m });
        o.recorder.log("continuation", { n: d.n, of: d.m, prompt: d.prompt });
        o.judge.observe({ type: "text", text: "" }); // the continuation restarts the silence clock
        await o.session.continue(d.prompt);
        armSilence();
        continue;
      }
      if (e.reason === "end_turn") closeIdle();
      if (d.action === "deliver")
        return { kind: "deliver", summary, noChangesDeclared: e.no_changes_needed === true };
      if (d.action === "reconcile")
        return { kind: "outcome", outcome: "cancelled", error: null, summary };
      if (d.outcome === "no_changes")
        return {
          kind: "outcome",
          outcome: "no_changes",
          error: null,
          summary: d.explanation || summary,
        };
      if (d.outcome === "stalled")
        return {
          kind: "outcome",
          outcome: "stalled",
          error: { code: d.code, message: `no changes after ${continuations} continuation(s)` },
          summary,
        };
      return {
        kind: "outcome",
        outcome: d.outcome,
        error: null,
        summary,
        ...(d.question === undefined ? {} : { question: d.question }),
      };
    }
  } finally {
    if (silence) clearTimeout(silence);
    if (grace) clearTimeout(grace);
    o.signal.removeEventListener("abort", onAbort);
    void it.return?.().catch(() => undefined);
  }
}

/** Records one event and applies the judge and the meter to it. */
async function observe(
  o: DriveOptions,
  e: AgentEvent,
  requestStop: (s: Stop) => void,
): Promise<void> {
  const { type, ...payload } = e;
  o.recorder.log(type, payload);
  const verdict = o.judge.observe(e);
  if (e.type !== "thinking") await o.recorder.activity(type, payload);
  if (e.type === "tool_call")
    await o.recorder.event("tool_called", { id: e.id, name: e.name, kind: e.kind });
  if (e.type === "turn_completed") {
    await o.recorder.update({ turns: o.judge.turns });
    await o.recorder.event("turn_completed", { n: o.judge.turns });
  }
  if (e.type === "usage") {
    const d = o.meter.record(e);
    await o.recorder.ledger(d);
    const t = o.meter.totals;
    await o.recorder.update({ ...t });
    const over = await o.costCheck();
    if (over)
      requestStop({
        kind: "outcome",
        outcome: "cost_cap",
        error: {
          code: "cost_cap",
          message: `issue spend $${over.spent.toFixed(4)} reached its cap $${over.cap.toFixed(2)}`,
        },
        summary: null,
      });
  }
  await o.recorder.touch(e.type === "turn_completed" || e.type === "turn_end");
  if (verdict) requestStop(fromVerdict(verdict));
}
