/**
 * Runs `oompah demo` as a child process from the TypeScript sources (no build
 * needed), with the sandbox under the test's own temp dir (TMPDIR), no
 * OOMPAH_* variables and no API keys in its environment, and reads the
 * sandbox path and dashboard URL from what it prints.
 */
import type { ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { afterEach } from "vitest";
import { spawnOompah } from "../../helpers/oompah-process.js";
import { waitFor } from "../../helpers/sandbox.js";

export { freePort } from "../../helpers/oompah-process.js";

const repoRoot = resolve(import.meta.dirname, "../../..");

const children: ChildProcess[] = [];
afterEach(() => {
  while (children.length) {
    const c = children.pop();
    if (c && c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  }
});

export interface DemoProcess {
  child: ChildProcess;
  output: () => string;
  sandbox: string;
  url: string;
  exited: Promise<number | null>;
}

/** Environment without OOMPAH_* overrides or credentials: the demo must need none. */
export function cleanEnv(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^OOMPAH_|TOKEN|SECRET|API_?KEY/i.test(k)) env[k] = v;
  return { ...env, TMPDIR: tmp, HOME: join(tmp, "home") };
}

export async function launchDemo(tmp: string, args: string[]): Promise<DemoProcess> {
  const { child, output, exited } = spawnOompah(["demo", ...args], {
    cwd: repoRoot,
    env: cleanEnv(tmp),
  });
  children.push(child);
  const found = await waitFor(
    () => {
      if (child.exitCode !== null) return { early: true as const };
      const sandbox = /Creating the demo sandbox in (\S+)/.exec(output())?.[1];
      const url = /Dashboard and API: (http:\/\/\S+?)\/?$/m.exec(output())?.[1];
      return sandbox && url ? { early: false as const, sandbox, url } : null;
    },
    { what: "the demo to start", timeoutMs: 60_000, intervalMs: 50 },
  );
  if (found.early) throw new Error(`demo exited early:\n${output()}`);
  return { child, output, exited, sandbox: found.sandbox, url: found.url };
}
