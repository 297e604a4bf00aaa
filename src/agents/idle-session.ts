/**
 * The idle part of the session lifecycle (`backend.ts`) for backends that play
 * their events in-process (the api loop, the mock): after a `turn_end` of
 * reason `end_turn` or `finish` the session is idle and waits for
 * `continue(text)` (the next prompt) or `cancel()` (the end). One abort
 * controller, `stop`, is the session's cancellation: it follows the caller's
 * signal and stops whatever the subclass has in flight.
 */
import { OompahError } from "../domain/errors.js";
import type { AgentSession } from "./backend.js";
import type { AgentEvent, TurnEndEvent } from "./events.js";

export type SessionPhase = "running" | "idle" | "done";

/** True for the `turn_end` reasons after which a session idles instead of ending. */
export function idlesAfter(end: TurnEndEvent): boolean {
  return end.reason === "end_turn" || end.reason === "finish";
}

export abstract class IdleSession implements AgentSession {
  abstract readonly events: AsyncIterable<AgentEvent>;
  protected readonly stop = new AbortController();
  protected phase: SessionPhase = "running";
  private resume: (() => void) | null = null;

  /** `name` says which session an error is about; aborting `signal` is `cancel("aborted")`. */
  protected constructor(
    private readonly name: string,
    signal: AbortSignal,
  ) {
    if (signal.aborted) this.stop.abort();
    else signal.addEventListener("abort", () => void this.cancel("aborted"), { once: true });
  }

  continue(text: string): Promise<void> {
    if (this.phase !== "idle")
      return Promise.reject(
        new OompahError(
          "session_not_idle",
          `${this.name} session is ${this.phase}; continue() needs an ended prompt`,
        ),
      );
    this.continued(text);
    this.phase = "running";
    this.resume?.();
    return Promise.resolve();
  }

  cancel(reason: string): Promise<void> {
    if (this.phase !== "done" && !this.stop.signal.aborted) {
      this.cancelled(reason);
      this.stop.abort();
      this.resume?.();
    }
    return Promise.resolve();
  }

  /** Takes the continuation text as the next prompt. */
  protected abstract continued(text: string): void;

  /** Notes why the session is cancelled, before `stop` aborts. */
  protected cancelled(_reason: string): void {}

  /** While idle: true when a continuation arrived, false when cancelled. */
  protected async awaitContinuation(): Promise<boolean> {
    if (this.phase === "idle" && !this.stop.signal.aborted)
      await new Promise<void>((resolve) => {
        this.resume = resolve;
      });
    this.resume = null;
    return this.phase === "running" && !this.stop.signal.aborted;
  }
}
