/**
 * Output caps of §10.2: head and tail kept, the middle replaced by one
 * `…[N chars elided]…` marker, so the model sees how a listing or command
 * started and how it ended.
 */

/** Default cap applied by `defineTool` when a tool names none. */
export const DEFAULT_TOOL_OUTPUT_CHARS = 64_000;

/** The marker that replaces `n` elided characters. */
export function elisionMarker(n: number): string {
  return `\n…[${n} chars elided]…\n`;
}

/**
 * `text` cut to at most `max` characters by eliding its middle. `alreadyElided`
 * adds characters dropped earlier (e.g. by a byte-capped capture) to the count.
 */
export function elideMiddle(text: string, max: number, alreadyElided = 0): string {
  if (text.length <= max) return text;
  const budget = Math.max(0, max - elisionMarker(text.length + alreadyElided).length);
  const head = Math.ceil(budget / 2);
  const tail = budget - head;
  const elided = text.length - head - tail + alreadyElided;
  return text.slice(0, head) + elisionMarker(elided) + text.slice(text.length - tail);
}
