/**
 * The `oompah` CLI as a child process, run from the TypeScript sources
 * through tsx (resolved from here, so the child may run far from
 * node_modules), with its stdout and stderr collected. Callers kill what
 * they start; nothing here registers test hooks, so benchmarks use it too.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const ENTRY = join(resolve(import.meta.dirname, "../.."), "src/cli/entry.ts");

export interface OompahProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output: () => string;
  stdout: () => string;
  stderr: () => string;
  /** Its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export function spawnOompah(
  args: readonly string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): OompahProcess {
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), ENTRY, ...args], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const text = { all: "", out: "", err: "" };
  child.stdout?.on("data", (b: Buffer) => {
    text.all += b.toString();
    text.out += b.toString();
  });
  child.stderr?.on("data", (b: Buffer) => {
    text.all += b.toString();
    text.err += b.toString();
  });
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  return {
    child,
    output: () => text.all,
    stdout: () => text.out,
    stderr: () => text.err,
    exited,
  };
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
  });
}
