/**
 * The best-effort `cd` guard of `run_command` (§10.2): a command that
 * `cd`s/`pushd`s somewhere outside the worktree is refused before it runs.
 * The guard follows the directory through the line (`cd src && cd ..` stays
 * inside) and refuses `~`/`$HOME`/bare `cd`. It is documented as not a
 * sandbox: anything computed at runtime (`cd "$X"`) cannot be judged here.
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { insideRelative } from "../../../workspace/contain.js";
import { simpleCommands, tokenize } from "./shell-words.js";

const CD_COMMANDS = new Set(["cd", "pushd"]);

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** The first `cd`/`pushd` target of `command` that leaves `worktree`, or null. */
export function cdOutsideWorktree(command: string, worktree: string): string | null {
  const root = realOrSelf(worktree);
  let cwd = root;
  for (const words of simpleCommands(tokenize(command))) {
    const first = words[0];
    if (first?.type !== "word" || !CD_COMMANDS.has(first.value)) continue;
    const target = words.slice(1).find((t) => t.type === "word" && !t.value.startsWith("-"));
    if (target?.type !== "word") {
      if (first.value === "cd" && words.length === 1) return "~ (cd without a directory goes home)";
      continue;
    }
    const value = target.value;
    if (value.startsWith("~") || /^\$\{?HOME\b/.test(value)) return value;
    if (target.dynamic) continue;
    const next = realOrSelf(resolve(cwd, value));
    if (insideRelative(root, next) === null) return value;
    cwd = next;
  }
  return null;
}
