/**
 * Reads where HEAD points straight from the repository files, without
 * spawning git. The tracker calls this on every listing to notice that HEAD
 * moved (a pull, a human's `git pull`), so it has to cost microseconds.
 * Anything unusual falls back to `null` fields, which callers treat as
 * "unknown, assume changed". The files are read synchronously: each is a few
 * bytes, and a thread-pool round trip would cost more than the read.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

/** Branch (null when detached) and commit (null when unborn or unreadable). */
export interface HeadState {
  branch: string | null;
  sha: string | null;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** The git dir and common dir of the checkout at `repoPath` (handles `.git` files). */
function gitDirs(repoPath: string): { gitDir: string; commonDir: string } {
  const dotGit = join(repoPath, ".git");
  const asFile = readText(dotGit);
  let gitDir = dotGit;
  if (asFile !== null) {
    const m = /^gitdir:\s*(.+)$/m.exec(asFile);
    if (m?.[1]) gitDir = isAbsolute(m[1].trim()) ? m[1].trim() : resolve(repoPath, m[1].trim());
  }
  const common = readText(join(gitDir, "commondir"));
  const commonDir = common ? resolve(gitDir, common.trim()) : gitDir;
  return { gitDir, commonDir };
}

/** Reads HEAD of the checkout at `repoPath`. */
export function readHead(repoPath: string): HeadState {
  const { gitDir, commonDir } = gitDirs(repoPath);
  const head = readText(join(gitDir, "HEAD"))?.trim() ?? null;
  if (head === null) return { branch: null, sha: null };
  if (!head.startsWith("ref:")) return { branch: null, sha: head };
  const ref = head.slice(4).trim();
  const branch = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null;
  const loose = readText(join(commonDir, ref));
  if (loose !== null) return { branch, sha: loose.trim() };
  const packed = readText(join(commonDir, "packed-refs"));
  const line = packed?.split("\n").find((l) => l.endsWith(` ${ref}`));
  return { branch, sha: line ? (line.split(" ")[0] ?? null) : null };
}
