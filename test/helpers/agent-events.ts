/**
 * Reading a backend session's events in tests. A session stays open after a
 * prompt that ends with `end_turn` or `finish` (it waits for `continue()` or
 * `cancel()`), so tests read one prompt at a time.
 */
import type { AgentEvent } from "../../src/agents/events.js";

/** Reads events until (and including) the next `turn_end`, or the end of the stream. */
export async function untilTurnEnd(it: AsyncIterator<AgentEvent>): Promise<AgentEvent[]> {
  const out: AgentEvent[] = [];
  for (;;) {
    const r = await it.next();
    if (r.done) return out;
    out.push(r.value);
    if (r.value.type === "turn_end") return out;
  }
}

/** Every event of the session's first prompt, then closes the iteration. */
export async function drain(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const it = events[Symbol.asyncIterator]();
  const out = await untilTurnEnd(it);
  await it.return?.();
  return out;
}

export function ofType<T extends AgentEvent["type"]>(
  events: AgentEvent[],
  type: T,
): Array<Extract<AgentEvent, { type: T }>> {
  return events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);
}
