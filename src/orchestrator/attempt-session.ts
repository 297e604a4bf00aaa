/**
 * Drives one agent session to its end (SPEC §7.4 steps 7–9, §7.6, §7.7):
 * every event is logged, fed to the productivity judge and the usage meter;
 * the silence clock is armed from the judge's deadline; a stop (stall, turn
 * ceiling, cost cap, dispatcher cancel) cancels the session gracefully and
 * kills it after `shutdown_grace_ms`; a prompt that ends normally goes through
 * the completion check, which may send continuations on the same session.
 * A `finish` / `question` signal from outside the session (`oompah task
 * finish|ask`) is recorded, lets the current turn end (at most
 * `shutdown_grace_ms`), stops the session and then counts as the way the
 * prompt ended, exactly like the built-in tools.
 */
import type { AgentSession } from "../agents/backend.js";
import type { AgentEvent, TurnEndEvent } from "../agents/events.js";
import type { ContinuationDecision, PromptEnd } from "../domain/continuation.js";
import type { RunOutcome } from "../domain/run-outcome.js";
import type { StallJudge, StallVerdict } from "../domain/stall.js";
import type { CancelReason } from "./ports.js";
import type { RunRecorder } from "./run-recorder.js";
import type { RunSignals, SignalTaker } from "./run-signals.js";
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
  /**
   * Called after each usage event; a non-null answer stops the run with
   * `cost_cap`. The event's ledger row may still be pending: `recorder.flush()` writes it.
   */
  costCheck(): Promise<{ spent: number; cap: number } | null>;
  now: () => number;
  /** Where `finish` / `question` signals from outside the session arrive (§7.6); absent: none. */
  signals?: RunSignals;
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

/** Drives the session to its end; what it recorded is written when this resolves. */
export async function driveSession(o: DriveOptions): Promise<SessionEnd> {
  const end = await drive(o);
  await o.recorder.flush();
  return end;
}

async function drive(o: DriveOptions): Promise<SessionEnd> {
  const it = o.session.events[Symbol.asyncIterator]();
  let stop: Stop | null = null;
  /** How the agent ended its prompt through a signal (§7.6), once one arrived (set by `take`). */
  let signalled = null as PromptEnd | null;
  let unlisten: () => void = () => undefined;
  let continuations = 0;
  let silence: NodeJS.Timeout | null = null;
  let windDown: NodeJS.Timeout | null = null;
  let grace: NodeJS.Timeout | null = null;
  let onKilled: () => void = () => undefined;
  const killed = new Promise<"killed">((resolve) => (onKilled = () => resolve("killed")));

  /** Cancels the session gracefully and kills it after the grace period. */
  const halt = (reason: string): void => {
    if (grace) return;
    o.session.cancel(reason).catch(() => undefined);
    grace = setTimeout(() => {
      o.kill.abort(new Error("grace period over"));
      onKilled();
    }, o.graceMs);
  };
  const requestStop = (s: Stop): void => {
    if (stop) return;
    stop = s;
    unlisten();
    if (silence) clearTimeout(silence);
    o.recorder.log("stop_requested", { outcome: s.outcome, error: s.error });
    halt(s.error?.code ?? s.outcome);
  };
  const armSilence = (): void => {
    if (silence) clearTimeout(silence);
    const deadline = o.judge.silenceDeadline();
    if (deadline === null || stop || signalled) return;
    silence = setTimeout(
      () => {
        const v = o.judge.checkSilence();
        if (v) requestStop(fromVerdict(v));
        else armSilence();
      },
      Math.max(0, deadline - o.now()),
    );
  };
  const take: SignalTaker = async (s) => {
    signalled =
      s.kind === "finish"
        ? { reason: "finish", summary: s.summary, no_changes_needed: s.no_changes_needed }
        : { reason: "question", question: s.question };
    if (silence) clearTimeout(silence);
    const { kind, ...payload } = s;
    // The caller gets its answer and the current turn may end on its own; then the session stops.
    windDown = setTimeout(() => halt(kind), o.graceMs);
    o.recorder.log("signal", { kind, ...payload });
    o.recorder.activity("signal", { kind, ...payload });
    o.recorder.event("run_signal", { kind });
    await o.recorder.flush();
  };
  const runId = o.recorder.run.run_id;
  unlisten = o.signals?.listen(runId, take) ?? unlisten;
  const onAbort = (): void => requestStop(fromCancel(o.cancelReason()));
  if (o.signal.aborted) onAbort();
  else o.signal.addEventListener("abort", onAbort, { once: true });
  armSilence();

  /** The §7.6 completion check; a signal that arrives meanwhile decides how the prompt ended. */
  const conclude = async (end: PromptEnd): Promise<[ContinuationDecision, PromptEnd]> => {
    let seen = end;
    let d = await o.decide(seen, continuations);
    while (signalled !== null && signalled !== seen) {
      seen = signalled;
      d = await o.decide(seen, continuations);
    }
    return [d, seen];
  };
  const closeIdle = (): void => void o.session.cancel("completed").catch(() => undefined);
  try {
    for (;;) {
      const next = await Promise.race([it.next(), killed]);
      if (next === "killed" || next.done) {
        if (stop) return stop;
        if (signalled) return ending(...(await conclude(signalled)), continuations);
        return next === "killed"
          ? fromCancel(null)
          : {
              kind: "outcome",
              outcome: "failed",
              error: { code: "agent_exited", message: "the session ended without a final turn" },
              summary: null,
            };
      }
      const e = next.value;
      await observe(o, e, requestStop, () => signalled !== null);
      if (e.type !== "turn_end") {
        if (signalled && e.type === "turn_completed") halt(signalled.reason);
        else armSilence();
        continue;
      }
      if (stop) return stop;
      const end = signalled ?? promptEnd(e);
      if (end === null) return abnormalEnd(e);
      if (silence) clearTimeout(silence);
      const [d, how] = await conclude(end);
      if (stop) return stop;
      // After a signal the session is stopped, unless it went idle on its own first.
      const canContinue = grace === null && (signalled === null || e.reason === "end_turn");
      if (d.action === "continue" && canContinue) {
        if (windDown) clearTimeout(windDown);
        signalled = null;
        unlisten = o.signals?.listen(runId, take) ?? unlisten;
        continuations = d.n;
        o.recorder.update({ continuations });
        o.recorder.event("continuation_sent", { n: d.n, of: d.m });
        o.recorder.log("continuation", { n: d.n, of: d.m, prompt: d.prompt });
        o.judge.observe({ type: "text", text: "" }); // the continuation restarts the silence clock
        await o.session.continue(d.prompt);
        armSilence();
        continue;
      }
      if (e.reason === "end_turn" || e.reason === "finish") closeIdle();
      return ending(d, how, continuations);
    }
  } finally {
    unlisten();
    if (silence) clearTimeout(silence);
    if (windDown) clearTimeout(windDown);
    if (grace) clearTimeout(grace);
    o.signal.removeEventListener("abort", onAbort);
    void it.return?.().catch(() => undefined);
  }
}

/** The prompt end of a `turn_end` that reaches the completion check; null for the others. */
function promptEnd(e: TurnEndEvent): PromptEnd | null {
  if (e.reason !== "end_turn" && e.reason !== "finish" && e.reason !== "question") return null;
  return {
    reason: e.reason,
    summary: e.summary,
    question: e.question,
    no_changes_needed: e.no_changes_needed,
  };
}

/**
 * How the session ends after the completion check. A `continue` reaching
 * here could not be sent (the signalled session has stopped): without
 * changes that is `stalled`, as after the last continuation.
 */
function ending(d: ContinuationDecision, end: PromptEnd, continuations: number): SessionEnd {
  const summary = end.summary ?? null;
  if (d.action === "continue")
    return {
      kind: "outcome",
      outcome: "stalled",
      error: {
        code: "no_changes_detected",
        message:
          "the agent signalled finish without changes and without no_changes_needed; its session has stopped",
      },
      summary,
    };
  if (d.action === "deliver")
    return { kind: "deliver", summary, noChangesDeclared: end.no_changes_needed === true };
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

/** Records one event and applies the judge and the meter to it. */
async function observe(
  o: DriveOptions,
  e: AgentEvent,
  requestStop: (s: Stop) => void,
  signalled: () => boolean,
): Promise<void> {
  const { type, ...payload } = e;
  o.recorder.log(type, payload);
  const verdict = o.judge.observe(e);
  if (e.type !== "thinking" && e.type !== "usage") o.recorder.activity(type, payload);
  if (e.type === "tool_call")
    o.recorder.event("tool_called", { id: e.id, name: e.name, kind: e.kind });
  if (e.type === "turn_completed") {
    // One write for the turn count and the liveness stamp.
    o.recorder.touch(true, { turns: o.judge.turns });
    o.recorder.event("turn_completed", { n: o.judge.turns });
  }
  if (e.type === "usage") {
    const d = o.meter.record(e);
    o.recorder.ledger(d);
    // The activity stream shows what the ledger counted: the priced delta, not the raw report.
    o.recorder.activity(type, { ...d });
    o.recorder.update({ ...o.meter.totals });
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
  if (e.type !== "turn_completed") o.recorder.touch(e.type === "turn_end");
  // Once the agent signalled the end, the turns it winds down in are not judged.
  if (verdict && !signalled()) requestStop(fromVerdict(verdict));
}
