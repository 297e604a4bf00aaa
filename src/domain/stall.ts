/**
 * The productivity judge (SPEC §7.7). The orchestrator feeds it every backend
 * event; it answers whether the run must stop as `stalled` (unproductive
 * turns, three identical consecutive tool errors, silence) or `max_turns`.
 * Backends never judge productivity themselves. The clock is injected, so
 * silence tests run without waiting.
 */
import { FILE_CHANGING_KINDS, READ_ONLY_KINDS, type ToolKind } from "./tool-kind.js";

/** The event shapes the judge reads; every backend `AgentEvent` is one of these. */
export type JudgeEvent =
  | { type: "tool_call"; id: string; name: string; kind: ToolKind; args: unknown }
  | { type: "tool_result"; id: string; ok: boolean; output: string; exit_code?: number | undefined }
  | { type: "turn_completed"; n: number }
  /** Other events only reset the silence clock; their payload is irrelevant here. */
  | { type: "text" | "thinking" | "usage" | "permission" | "turn_end"; [field: string]: unknown };

export interface StallLimits {
  /** Consecutive unproductive turns that stall the run (`agent.stall_turns`). */
  stall_turns: number;
  /** Silence limit in ms; 0 disables (`agent.stall_timeout_ms`). */
  stall_timeout_ms: number;
  /** How long a running command suspends the silence clock (`agent.command_timeout_ms`). */
  command_timeout_ms: number;
  /** Turn ceiling (`agent.max_turns` or the profile's). */
  max_turns: number;
}

/** Why the judge stopped the run. */
export type StallVerdict =
  | {
      outcome: "stalled";
      code: "stall_turns" | "repeated_tool_error" | "silence_timeout";
      message: string;
    }
  | { outcome: "max_turns"; code: "max_turns"; message: string };

/** Identical consecutive tool errors that stall a run. */
export const IDENTICAL_ERROR_LIMIT = 3;

interface OpenCall {
  name: string;
  kind: ToolKind;
  argsKey: string;
  /** Read-only call whose name + arguments had not occurred before. */
  novel: boolean;
  startedAt: number;
}

/** JSON with sorted object keys, so `{a,b}` and `{b,a}` are the same call. */
export function stableKey(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0,
            ),
          )
        : v,
    ) ?? "undefined"
  );
}

/** A small state machine: one per run. */
export class StallJudge {
  private readonly seen = new Set<string>();
  private readonly open = new Map<string, OpenCall>();
  private turnProductive = false;
  private unproductiveStreak = 0;
  private lastError: { key: string; count: number } | null = null;
  private turnCount = 0;
  private lastEventAt: number;
  private tripped: StallVerdict | null = null;

  constructor(
    private readonly limits: StallLimits,
    private readonly now: () => number,
  ) {
    this.lastEventAt = now();
  }

  /** Completed turns so far. */
  get turns(): number {
    return this.turnCount;
  }

  /** Consecutive unproductive turns so far. */
  get unproductiveTurns(): number {
    return this.unproductiveStreak;
  }

  /** The verdict once the run must stop; sticky. */
  get verdict(): StallVerdict | null {
    return this.tripped;
  }

  /** Feeds one event; returns the verdict when this event trips a rule. */
  observe(event: JudgeEvent): StallVerdict | null {
    if (this.tripped) return this.tripped;
    this.lastEventAt = this.now();
    switch (event.type) {
      case "tool_call":
        this.onCall(event);
        return null;
      case "tool_result":
        return this.onResult(event);
      case "turn_completed":
        return this.onTurn();
      case "text":
      case "thinking":
      case "usage":
      case "permission":
      case "turn_end":
        return null;
    }
  }

  /**
   * Checks the silence clock at the current time. While a command (`execute`
   * call) runs, silence does not count, but only up to `command_timeout_ms`.
   */
  checkSilence(): StallVerdict | null {
    if (this.tripped || this.limits.stall_timeout_ms <= 0) return this.tripped;
    let from = this.lastEventAt;
    for (const c of this.open.values())
      if (c.kind === "execute") from = Math.max(from, c.startedAt + this.limits.command_timeout_ms);
    const silent = this.now() - from;
    if (silent <= this.limits.stall_timeout_ms) return null;
    return this.trip({
      outcome: "stalled",
      code: "silence_timeout",
      message: `no agent events for ${silent} ms (limit ${this.limits.stall_timeout_ms} ms)`,
    });
  }

  /** The instant (ms) at which {@link checkSilence} would trip, for arming a timer; null when disabled. */
  silenceDeadline(): number | null {
    if (this.tripped || this.limits.stall_timeout_ms <= 0) return null;
    let from = this.lastEventAt;
    for (const c of this.open.values())
      if (c.kind === "execute") from = Math.max(from, c.startedAt + this.limits.command_timeout_ms);
    return from + this.limits.stall_timeout_ms + 1;
  }

  private onCall(e: Extract<JudgeEvent, { type: "tool_call" }>): void {
    const argsKey = stableKey(e.args);
    const callKey = `${e.kind}\u0000${e.name}\u0000${argsKey}`;
    const novel = READ_ONLY_KINDS.has(e.kind) && !this.seen.has(callKey);
    this.seen.add(callKey);
    this.open.set(e.id, { name: e.name, kind: e.kind, argsKey, novel, startedAt: this.now() });
  }

  private onResult(e: Extract<JudgeEvent, { type: "tool_result" }>): StallVerdict | null {
    const call = this.open.get(e.id) ?? {
      name: "unknown",
      kind: "other" as const,
      argsKey: "",
      novel: false,
      startedAt: this.now(),
    };
    this.open.delete(e.id);
    if (!e.ok) {
      const key = `${call.name}\u0000${call.argsKey}\u0000${e.output}`;
      const count = this.lastError?.key === key ? this.lastError.count + 1 : 1;
      this.lastError = { key, count };
      if (count >= IDENTICAL_ERROR_LIMIT)
        return this.trip({
          outcome: "stalled",
          code: "repeated_tool_error",
          message: `${IDENTICAL_ERROR_LIMIT} identical consecutive errors from ${call.name}: ${e.output.slice(0, 200)}`,
        });
      return null;
    }
    this.lastError = null;
    if (isProductive(call, e)) this.turnProductive = true;
    return null;
  }

  private onTurn(): StallVerdict | null {
    this.turnCount += 1;
    this.unproductiveStreak = this.turnProductive ? 0 : this.unproductiveStreak + 1;
    this.turnProductive = false;
    if (this.unproductiveStreak >= this.limits.stall_turns)
      return this.trip({
        outcome: "stalled",
        code: "stall_turns",
        message: `${this.unproductiveStreak} consecutive turns without progress`,
      });
    if (this.turnCount >= this.limits.max_turns)
      return this.trip({
        outcome: "max_turns",
        code: "max_turns",
        message: `reached the turn ceiling of ${this.limits.max_turns}`,
      });
    return null;
  }

  private trip(v: StallVerdict): StallVerdict {
    this.tripped = v;
    return v;
  }
}

/** §7.7: an edit, a command that exited 0, or a first-time read-only call. */
function isProductive(call: OpenCall, result: { exit_code?: number | undefined }): boolean {
  if (FILE_CHANGING_KINDS.has(call.kind)) return true;
  if (call.kind === "execute") return (result.exit_code ?? 0) === 0;
  return call.novel;
}
