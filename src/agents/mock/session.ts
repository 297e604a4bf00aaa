/**
 * One mock session: plays a script as `AgentEvent`s, honouring the §10.1
 * lifecycle (idle after `end_turn` or `finish` until `continue()`, `turn_end(cancelled)`
 * promptly after `cancel()` even mid-sleep or mid-hang). Files are written only
 * inside the worktree. Everything it emits or receives is kept in `record`.
 */
import { isOompahError } from "../../domain/errors.js";
import { toolKindOf } from "../../domain/tool-kind.js";
import type { PromptContent, SessionIssue, SessionOptions } from "../backend.js";
import type { AgentEvent } from "../events.js";
import { IdleSession, idlesAfter } from "../idle-session.js";
import { writeInsideWorktree } from "../../workspace/contain.js";
import type { MockScript, MockStep } from "./script.js";

/** What a test can inspect about a session afterwards. */
export interface MockSessionRecord {
  runId: string;
  cwd: string;
  model: string | null;
  prompt: PromptContent;
  issue: SessionIssue;
  /** Continuation texts received, in order. */
  continuations: string[];
  cancelReason: string | null;
  events: AgentEvent[];
  /** Absolute paths written. */
  files: string[];
}

export class MockSession extends IdleSession {
  readonly events: AsyncIterable<AgentEvent>;
  private pc = 0;
  private turn = 0;
  private calls = 0;

  constructor(
    private readonly script: MockScript,
    private readonly opts: SessionOptions,
    readonly record: MockSessionRecord,
  ) {
    super("mock", opts.signal);
    this.events = this.play();
  }

  protected override continued(text: string): void {
    this.record.continuations.push(text);
  }

  protected override cancelled(reason: string): void {
    this.record.cancelReason = reason;
  }

  private async *play(): AsyncGenerator<AgentEvent, void, undefined> {
    try {
      for (;;) {
        if (this.stop.signal.aborted) {
          yield this.rec({ type: "turn_end", reason: "cancelled" });
          return;
        }
        const step = this.script[this.pc];
        if (step !== undefined) this.pc += 1;
        if (step === undefined || "awaitContinuation" in step) {
          yield this.rec({ type: "turn_completed", n: ++this.turn });
          this.phase = "idle";
          yield this.rec({ type: "turn_end", reason: "end_turn" });
          if (!(await this.awaitContinuation())) return;
          continue;
        }
        const done = yield* this.playStep(step);
        if (done === "ended") return;
        if (done === "idle" && !(await this.awaitContinuation())) return;
      }
    } finally {
      this.phase = "done";
    }
  }

  /** Plays one step; says whether the session ended or went idle. */
  private async *playStep(
    step: Exclude<MockStep, { awaitContinuation: true }>,
  ): AsyncGenerator<AgentEvent, "next" | "idle" | "ended", undefined> {
    if ("text" in step) yield this.rec({ type: "text", text: step.text });
    else if ("thinking" in step) yield this.rec({ type: "thinking", text: step.thinking });
    else if ("tool" in step) yield* this.playTool(step);
    else if ("usage" in step) {
      const u = step.usage;
      yield this.rec({
        type: "usage",
        input_tokens: u.input,
        cached_input_tokens: u.cached ?? 0,
        output_tokens: u.output,
        ...(u.cost === undefined ? {} : { cost_usd: u.cost }),
        cumulative: false,
      });
    } else if ("sleepMs" in step) await this.wait(step.sleepMs);
    else if ("hang" in step) await this.wait(null);
    else if ("nextTurn" in step) {
      yield this.rec({ type: "turn_completed", n: ++this.turn });
      if (this.turn >= this.opts.maxTurns && this.pc < this.script.length) {
        this.phase = "done";
        yield this.rec({ type: "turn_end", reason: "max_turns" });
        return "ended";
      }
    } else if ("finish" in step) {
      const { summary, no_changes_needed } = step.finish;
      yield* this.signalTool("finish", { summary, no_changes_needed: no_changes_needed ?? false });
      this.phase = "idle";
      yield this.rec({
        type: "turn_end",
        reason: "finish",
        summary,
        ...(no_changes_needed === undefined ? {} : { no_changes_needed }),
      });
      return "idle";
    } else if ("ask" in step) {
      yield* this.signalTool("ask_question", { question: step.ask });
      this.phase = "done";
      yield this.rec({ type: "turn_end", reason: "question", question: step.ask });
      return "ended";
    } else if ("fail" in step) {
      const { code, message, retryable } = step.fail;
      this.phase = "done";
      yield this.rec({
        type: "turn_end",
        reason: "error",
        error: { code, message, details: { retryable } },
      });
      return "ended";
    } else if ("rateLimited" in step) {
      const ms = step.rateLimited.retryAfterMs;
      this.phase = "done";
      yield this.rec({
        type: "turn_end",
        reason: "error",
        error: {
          code: "rate_limited",
          message: `provider rate limited the mock agent; retry after ${ms} ms`,
          details: { retryable: true, retry_after_ms: ms },
        },
      });
      return "ended";
    } else {
      const e = step.event;
      const idle = e.type === "turn_end" && idlesAfter(e);
      if (e.type === "turn_end") this.phase = idle ? "idle" : "done";
      yield this.rec(e);
      if (e.type === "turn_end") return idle ? "idle" : "ended";
    }
    return "next";
  }

  private *playTool(
    step: Extract<MockStep, { tool: string }>,
  ): Generator<AgentEvent, void, undefined> {
    const id = `mock_call_${++this.calls}`;
    const kind = step.kind ?? toolKindOf(step.tool);
    yield this.rec({ type: "tool_call", id, name: step.tool, kind, args: step.args ?? {} });
    let ok = step.error === undefined;
    let output = step.error ?? step.result ?? "ok";
    if (ok && step.writeFile) {
      try {
        this.record.files.push(
          writeInsideWorktree(this.opts.cwd, step.writeFile.path, step.writeFile.content),
        );
      } catch (e) {
        ok = false;
        output = isOompahError(e) ? `${e.code}: ${e.message}` : String(e);
      }
    }
    yield this.rec({
      type: "tool_result",
      id,
      ok,
      output,
      ...(step.exitCode === undefined ? {} : { exit_code: step.exitCode }),
    });
  }

  /** `finish` / `ask_question` appear as tool calls, then close the turn. */
  private *signalTool(name: string, args: object): Generator<AgentEvent, void, undefined> {
    const id = `mock_call_${++this.calls}`;
    yield this.rec({ type: "tool_call", id, name, kind: toolKindOf(name), args });
    yield this.rec({ type: "tool_result", id, ok: true, output: "ok" });
    yield this.rec({ type: "turn_completed", n: ++this.turn });
  }

  private rec(e: AgentEvent): AgentEvent {
    this.record.events.push(e);
    return e;
  }

  /** Waits `ms` (null = forever) or until cancelled. */
  private wait(ms: number | null): Promise<void> {
    const signal = this.stop.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = ms === null ? null : setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
