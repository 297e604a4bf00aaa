/**
 * Per-test isolation: a temp directory that is removed afterwards, and a git
 * environment with its own identity and default branch so nothing depends on
 * the machine's global git config, ~/.oompah or /tmp/oompah_workspaces.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A fresh temp directory removed after the current test. */
export function tempDir(prefix = "oompah-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Environment for git child processes: isolated config, fixed identity, branch `main`. */
export function gitEnv(dir: string): NodeJS.ProcessEnv {
  const cfg = join(dir, ".gitconfig-test");
  writeFileSync(
    cfg,
    '[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[protocol "file"]\n\tallow = always\n',
  );
  return {
    ...process.env,
    GIT_CONFIG_GLOBAL: cfg,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
  };
}

/** Runs git synchronously in `cwd` (test setup only; the product uses src/git). */
export function git(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();
}

/**
 * A bare "origin" plus a seeded clone with one commit on `main`.
 * Returns their paths and the env to use for further git calls.
 */
export function makeRepoWithOrigin(files: Record<string, string> = { "README.md": "# sample\n" }): {
  root: string;
  origin: string;
  work: string;
  env: NodeJS.ProcessEnv;
} {
  const root = tempDir();
  const env = gitEnv(root);
  const origin = join(root, "origin.git");
  const work = join(root, "work");
  execFileSync("git", ["init", "--bare", "-q", "-b", "main", origin], { env });
  execFileSync("git", ["clone", "-q", origin, work], { env, stdio: "ignore" });
  for (const [p, content] of Object.entries(files)) {
    const full = join(work, p);
    execFileSync("mkdir", ["-p", join(full, "..")]);
    writeFileSync(full, content);
  }
  git(work, env, "add", "-A");
  git(work, env, "commit", "-q", "-m", "initial");
  git(work, env, "push", "-q", "origin", "HEAD:main");
  return { root, origin, work, env };
}

/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  {
    timeoutMs = process.env.CI === "true" ? 15_000 : 8_000,
    intervalMs = 20,
    what = "condition",
  } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
