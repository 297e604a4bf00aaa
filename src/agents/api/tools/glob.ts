/**
 * The `include` filter of `search_files`: a small glob dialect (`*`, `**`,
 * `?`, `{a,b}`) compiled to a RegExp. A glob without `/` matches a file's
 * base name (`*.ts`), one with `/` the worktree-relative path (`src/**\/*.ts`).
 */

function escape(ch: string): string {
  return /[\\^$.+()|[\]{}]/.test(ch) ? `\\${ch}` : ch;
}

/** Compiles `glob` to an anchored RegExp over POSIX paths. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob.charAt(i);
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        // `**/` matches zero or more directories; a bare `**` anything.
        if (glob[i + 2] === "/") {
          re += "(?:.*/)?";
          i += 2;
        } else {
          re += ".*";
          i += 1;
        }
      } else re += "[^/]*";
    } else if (ch === "?") re += "[^/]";
    else if (ch === "{") {
      inBraces = true;
      re += "(?:";
    } else if (ch === "}" && inBraces) {
      inBraces = false;
      re += ")";
    } else if (ch === "," && inBraces) re += "|";
    else re += escape(ch);
  }
  return new RegExp(`^${re}$`);
}

/** A predicate over worktree-relative POSIX paths. */
export function includeMatcher(glob: string | undefined): (rel: string) => boolean {
  if (glob === undefined || glob.trim() === "") return () => true;
  const re = globToRegExp(glob.trim());
  if (glob.includes("/")) return (rel) => re.test(rel);
  return (rel) => re.test(rel.slice(rel.lastIndexOf("/") + 1));
}
