/** Line helpers shared by the body parsers; lines keep their `\n` so joins are byte-exact. */

/** Splits text into lines that each keep their trailing newline (the last may have none). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    const end = nl < 0 ? text.length : nl + 1;
    out.push(text.slice(pos, end));
    pos = end;
  }
  return out;
}

/**
 * A line without its line ending and trailing whitespace. (`trimEnd` removes
 * the `\r?\n` together with any whitespace before it.)
 */
export function bare(line: string | undefined): string {
  return line === undefined ? "" : line.trimEnd();
}

/** Concatenates `lines[from, to)`. */
export function joinLines(lines: readonly string[], from: number, to: number): string {
  if (from < 0 || to < 0) return lines.slice(from, to).join("");
  let out = "";
  for (let i = from; i < to && i < lines.length; i++) out += lines[i] as string;
  return out;
}
