/**
 * Mock scripts (SPEC §10.7): a script is a list of steps the mock agent plays
 * in order. Steps inside one turn emit events; `{ nextTurn: true }` closes the
 * turn (`turn_completed`); `finish`, `ask`, `fail`, `rateLimited` end the
 * session; `awaitContinuation` ends the prompt like a model reply without tool
 * calls and waits for `continue()`. Scripts are chosen per issue: by
 * identifier, then by label, then the default.
 */
import type { SessionIssue } from "../backend.js";
import type { AgentEvent, ToolKind } from "../events.js";

export type MockStep =
  | { text: string }
  | { thinking: string }
  | {
      tool: string;
      args?: unknown;
      /** Successful output; ignored when `error` is set. */
      result?: string;
      /** Makes the call fail with this output. */
      error?: string;
      exitCode?: number;
      /** Defaults to the built-in catalogue's kind for `tool`. */
      kind?: ToolKind;
      /** Really writes this file, relative to the worktree, before the result is reported. */
      writeFile?: { path: string; content: string };
    }
  | { usage: { input: number; cached?: number; output: number; cost?: number } }
  | { sleepMs: number }
  /** Closes the current turn: emits `turn_completed`. */
  | { nextTurn: true }
  | { finish: { summary: string; no_changes_needed?: boolean } }
  | { ask: string }
  | { fail: { code: string; message: string; retryable: boolean } }
  | { rateLimited: { retryAfterMs: number } }
  /** Ends the prompt with `turn_end(end_turn)` and waits for a continuation. */
  | { awaitContinuation: true }
  /** Emits nothing until cancelled (silence-timeout tests). */
  | { hang: true }
  /** Emits any event verbatim. */
  | { event: AgentEvent };

export type MockScript = readonly MockStep[];

/** Builds a script for the issue being worked on. */
export type MockScriptFactory = (ctx: { issue: SessionIssue; runId: string }) => MockScript;

export interface MockScripts {
  byIdentifier?: Readonly<Record<string, MockScript | MockScriptFactory>>;
  /** Keys are compared lower-cased; the issue's first matching label wins. */
  byLabel?: Readonly<Record<string, MockScript | MockScriptFactory>>;
  default?: MockScript | MockScriptFactory;
}

/** The script for an issue, or null when nothing matches and there is no default. */
export function selectScript(
  scripts: MockScripts,
  ctx: { issue: SessionIssue; runId: string },
): MockScript | null {
  const pick = (s: MockScript | MockScriptFactory | undefined): MockScript | null =>
    s === undefined ? null : typeof s === "function" ? s(ctx) : s;
  const own = scripts.byIdentifier?.[ctx.issue.identifier];
  if (own) return pick(own);
  const byLabel = new Map(
    Object.entries(scripts.byLabel ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]),
  );
  for (const label of ctx.issue.labels) {
    const s = byLabel.get(label.trim().toLowerCase());
    if (s) return pick(s);
  }
  return pick(scripts.default);
}
