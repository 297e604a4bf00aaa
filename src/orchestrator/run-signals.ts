/**
 * Agent signals that arrive from outside the session (SPEC §7.6, §17.2):
 * `POST /api/v1/runs/{id}/finish|question`, used by `oompah task finish|ask`
 * in any backend's worktree and by the in-process `oompah task` of
 * `run_command`. The session loop of a running run listens here
 * (`driveSession`); a signal is handed over once, recorded there, and then
 * ends the session like the built-in `finish` / `ask_question` tools.
 */
import { OompahError } from "../domain/errors.js";
import { isPermissionSeeking } from "../domain/permission-seeking.js";

/** What an agent signalled. */
export type RunSignal =
  | { kind: "finish"; summary: string; no_changes_needed: boolean }
  | { kind: "question"; question: string };

/** Takes a signal; resolves once it is recorded. */
export type SignalTaker = (signal: RunSignal) => Promise<void>;

/** The running sessions that accept signals, by run id (one service process). */
export class RunSignals {
  private readonly takers = new Map<string, SignalTaker>();

  /** The session of `runId` takes the next signal until the returned function closes it. */
  listen(runId: string, take: SignalTaker): () => void {
    this.takers.set(runId, take);
    return () => {
      if (this.takers.get(runId) === take) this.takers.delete(runId);
    };
  }

  /**
   * Hands `signal` to the run's session. Throws `validation_failed` for empty
   * text or a question that only asks permission (as `ask_question` does), and
   * `conflict` when no session of that run is listening: it is not running
   * in this process, or it already took a signal and is ending.
   */
  async send(runId: string, signal: RunSignal): Promise<void> {
    const text = signal.kind === "finish" ? signal.summary : signal.question;
    if (text.trim() === "") {
      const field = signal.kind === "finish" ? "summary" : "question";
      throw new OompahError("validation_failed", `${field}: must not be empty`);
    }
    if (signal.kind === "question" && isPermissionSeeking(signal.question)) {
      throw new OompahError("validation_failed", "question: only asks for permission to go on", {
        hint: "nobody answers a request for permission: proceed on your own and finish; ask only for information only a human can give",
      });
    }
    const take = this.takers.get(runId);
    if (!take) {
      throw new OompahError("conflict", `run ${runId} is not running or is already ending`, {
        hint: "signals are accepted only while the run's agent session is running",
        details: { run_id: runId },
      });
    }
    this.takers.delete(runId);
    await take(signal);
  }
}
