/**
 * A run's activity stream for the drawer (§17.2 `…/activity`, §17.4
 * `run_activity`): entries are merged by their number `n` (so a page and a
 * live message never show an entry twice, and a skipped number reveals a
 * gap to page in), then grouped into turns — each closed by
 * `turn_completed` — with the tokens and cost its `usage` entries recorded,
 * tool calls paired with their results, and long outputs truncated.
 */
import type { z } from "zod";
import type { ActivityEntrySchema } from "../../../../../src/server/routes/run-schemas.js";

export type ActivityEntry = z.infer<typeof ActivityEntrySchema>;

/** The `data` of a live `run_activity` message. */
export type LiveActivity = ActivityEntry & { run_id: string };

/** Entries with `incoming` added in `n` order, without duplicates. */
export function mergeEntries(
  have: readonly ActivityEntry[],
  incoming: readonly ActivityEntry[],
): ActivityEntry[] {
  const last = have.at(-1)?.n ?? 0;
  const fresh = incoming.filter((e) => e.n > last);
  if (fresh.length === 0) return have as ActivityEntry[];
  const byN = new Map<number, ActivityEntry>();
  for (const e of fresh) byN.set(e.n, e);
  return [...have, ...[...byN.values()].sort((a, b) => a.n - b.n)];
}

/** True when a live entry does not directly follow what is shown (something to page in). */
export function isGap(have: readonly ActivityEntry[], live: ActivityEntry): boolean {
  return live.n > (have.at(-1)?.n ?? 0) + 1;
}

/** Text cut to `maxLines` lines and `maxChars` characters. */
export function truncate(
  text: string,
  maxChars = 600,
  maxLines = 12,
): { text: string; truncated: boolean } {
  const lines = text.split("\n");
  let out = lines.length > maxLines ? lines.slice(0, maxLines).join("\n") : text;
  if (out.length > maxChars) out = out.slice(0, maxChars);
  return out.length < text.length ? { text: out, truncated: true } : { text, truncated: false };
}

/** One line for a tool's arguments: JSON, shortened. */
export function argsLine(args: unknown, max = 160): string {
  let text: string;
  try {
    text = typeof args === "string" ? args : (JSON.stringify(args) ?? "");
  } catch {
    text = String(args);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export type ActivityItem =
  | { kind: "text"; n: number; text: string }
  | {
      kind: "tool";
      n: number;
      name: string;
      args: string;
      /** null while the call has no result yet. */
      result: { ok: boolean; output: string; exitCode: number | null } | null;
    }
  | { kind: "end"; n: number; reason: string; detail: string | null }
  | { kind: "other"; n: number; type: string; detail: string };

export interface TurnView {
  /** The turn number; null for the turn still in progress. */
  n: number | null;
  items: ActivityItem[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function errorLine(v: unknown): string | null {
  if (v === null || typeof v !== "object") return null;
  const e = v as Data;
  const code = str(e.code);
  const message = str(e.message);
  return code === null && message === null ? null : [code, message].filter(Boolean).join(": ");
}

function emptyTurn(): TurnView {
  return { n: null, items: [], inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

/** The entries grouped into turns, oldest first; the last one may be in progress. */
export function turnsOf(entries: readonly ActivityEntry[]): TurnView[] {
  const turns: TurnView[] = [];
  let turn = emptyTurn();
  const calls = new Map<string, Extract<ActivityItem, { kind: "tool" }>>();
  for (const e of entries) {
    const d = (e.data !== null && typeof e.data === "object" ? e.data : {}) as Data;
    switch (e.type) {
      case "text": {
        const text = str(d.text) ?? "";
        const prev = turn.items.at(-1);
        // Streamed chunks of one reply read as one block.
        if (prev?.kind === "text") prev.text += text;
        else if (text !== "") turn.items.push({ kind: "text", n: e.n, text });
        break;
      }
      case "tool_call": {
        const item = {
          kind: "tool" as const,
          n: e.n,
          name: str(d.name) ?? "tool",
          args: argsLine(d.args),
          result: null,
        };
        turn.items.push(item);
        const id = str(d.id);
        if (id !== null) calls.set(id, item);
        break;
      }
      case "tool_result": {
        const result = {
          ok: d.ok === true,
          output: str(d.output) ?? "",
          exitCode: typeof d.exit_code === "number" ? d.exit_code : null,
        };
        const call = calls.get(str(d.id) ?? "");
        if (call) call.result = result;
        else turn.items.push({ kind: "tool", n: e.n, name: "result", args: "", result });
        break;
      }
      case "usage":
        turn.inputTokens += num(d.input_tokens);
        turn.outputTokens += num(d.output_tokens);
        turn.costUsd += num(d.cost_usd);
        break;
      case "turn_completed":
        turn.n = num(d.n) || turns.length + 1;
        turns.push(turn);
        turn = emptyTurn();
        break;
      case "turn_end": {
        // A prompt that ends right after `turn_completed` belongs to that turn.
        const empty = turn.items.length === 0 && turn.inputTokens + turn.outputTokens === 0;
        (empty ? (turns.at(-1) ?? turn) : turn).items.push({
          kind: "end",
          n: e.n,
          reason: str(d.reason) ?? "ended",
          detail: str(d.question) ?? str(d.summary) ?? errorLine(d.error),
        });
        break;
      }
      default:
        turn.items.push({ kind: "other", n: e.n, type: e.type, detail: argsLine(e.data) });
    }
  }
  if (turn.items.length > 0 || turn.inputTokens > 0 || turn.outputTokens > 0) turns.push(turn);
  return turns;
}

/** Tokens and cost over every turn shown (the run's usage so far). */
export function activityTotals(turns: readonly TurnView[]): { tokens: number; costUsd: number } {
  let tokens = 0;
  let costUsd = 0;
  for (const t of turns) {
    tokens += t.inputTokens + t.outputTokens;
    costUsd += t.costUsd;
  }
  return { tokens, costUsd };
}
