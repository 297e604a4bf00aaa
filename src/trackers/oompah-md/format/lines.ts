/** Line helpers shared by the body parsers; lines keep their `\n` so joins are byte-exact. */

/** Splits text into lines that each keep their trailing newline (the last may have none). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A line without its line ending and trailing whitespace. */
export function bare(line: string | undefined): string {
  return (line ?? "").replace(/\r?\n$/, "").trimEnd();
}

/** Concatenates `lines[from, to)`. */
export function joinLines(lines: readonly string[], from: number, to: number): string {
  return lines.slice(from, to).join("");
}
