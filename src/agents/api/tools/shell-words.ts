/**
 * A small POSIX-shell tokenizer, enough to inspect a command line before it
 * runs: words (quotes and backslashes removed) and control operators. It does
 * not expand anything; a word containing `$`, a backtick or a glob is marked
 * `dynamic` because its runtime value cannot be known here.
 */

/** One token of a command line. */
export type ShellToken =
  { type: "word"; value: string; dynamic: boolean } | { type: "op"; value: string };

const OPERATORS = ["&&", "||", ";;", ">>", "<<", ";", "&", "|", "<", ">", "(", ")", "\n"];

/** Tokenizes `line`; unterminated quotes end at the end of the line. */
export function tokenize(line: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  let word = "";
  let inWord = false;
  let dynamic = false;
  const flush = (): void => {
    if (inWord) tokens.push({ type: "word", value: word, dynamic });
    word = "";
    inWord = false;
    dynamic = false;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end === -1 ? line.length : end;
      word += line.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (ch === '"') {
      inWord = true;
      for (i++; i < line.length && line[i] !== '"'; i++) {
        const c = line.charAt(i);
        if (c === "\\" && i + 1 < line.length && '"\\$`\n'.includes(line.charAt(i + 1)))
          word += line.charAt(++i);
        else {
          if (c === "$" || c === "`") dynamic = true;
          word += c;
        }
      }
    } else if (ch === "\\") {
      inWord = true;
      if (i + 1 < line.length) word += line.charAt(++i);
    } else if (ch === " " || ch === "\t") {
      flush();
    } else if (ch === "#" && !inWord) {
      const nl = line.indexOf("\n", i);
      i = nl === -1 ? line.length : nl - 1;
    } else {
      const op = OPERATORS.find((o) => line.startsWith(o, i));
      if (op !== undefined) {
        flush();
        tokens.push({ type: "op", value: op });
        i += op.length - 1;
      } else {
        if (ch === "$" || ch === "`" || ch === "*" || ch === "?" || ch === "~") dynamic = true;
        word += ch;
        inWord = true;
      }
    }
  }
  flush();
  return tokens;
}

/** The simple commands of a line: the word lists between control operators. */
export function simpleCommands(tokens: readonly ShellToken[]): ShellToken[][] {
  const out: ShellToken[][] = [];
  let current: ShellToken[] = [];
  for (const t of tokens) {
    if (t.type === "op" && ["&&", "||", ";", "&", "|", "\n", "(", ")", ";;"].includes(t.value)) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push(t);
  }
  if (current.length > 0) out.push(current);
  return out;
}
