/**
 * Path-typed fields only (SPEC §3.2 step 4): `~` / `~/…` expand to the home
 * directory and relative paths resolve against the service directory. URLs and
 * command strings are never touched.
 */
import { homedir } from "node:os";
import { isAbsolute, join, normalize, resolve } from "node:path";

/** Absolute, normalised form of `p` relative to `baseDir`, with `~` expanded. */
export function expandPath(p: string, baseDir: string, home: string): string {
  if (p === "~") return normalize(home);
  if (p.startsWith("~/")) return join(home, p.slice(2));
  return isAbsolute(p) ? normalize(p) : resolve(baseDir, p);
}

/** The home directory: `HOME` from the given environment, else the OS answer. */
export function homeDir(env: Readonly<Record<string, string | undefined>>): string {
  const h = env.HOME;
  return h !== undefined && h !== "" ? h : homedir();
}
