/**
 * Runs a tool's version command for `oompah doctor`: resolves the program on
 * the PATH of the given environment, runs it without a shell with a short
 * timeout, and returns its first output line, or null when it is absent.
 */
import { execFile } from "node:child_process";

export interface ProbeResult {
  ok: boolean;
  output: string;
}

export function probe(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 5000,
): Promise<ProbeResult | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: timeoutMs, encoding: "utf8" }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: string | number }) | null;
      if (e && e.code === "ENOENT") return resolve(null);
      const text = `${stdout}${stderr}`.trim();
      resolve({ ok: !e, output: text.split("\n")[0] ?? "" });
    });
  });
}

/** `2.39.5` from `git version 2.39.5`; null when no version is present. */
export function parseVersion(text: string): [number, number, number] | null {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function versionAtLeast(
  v: [number, number, number],
  min: [number, number, number],
): boolean {
  for (let i = 0; i < 3; i++) {
    if (v[i]! !== min[i]!) return v[i]! > min[i]!;
  }
  return true;
}
