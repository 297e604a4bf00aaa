/**
 * Starts the real service in-process for integration tests: its own data
 * dir, workspace root and service dir, HTTP on 127.0.0.1 port 0, logs
 * captured instead of printed. Stopped automatically after the test.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach } from "vitest";
import { startService, type Service, type ServiceOptions } from "../../src/app.js";
import { gitEnv, tempDir } from "./sandbox.js";

export interface TestService {
  service: Service;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Service directory (holds WORKFLOW.md and .oompah/). */
  dir: string;
  env: NodeJS.ProcessEnv;
  logs: string[];
}

const running: Service[] = [];
/** Log lines that named a key twice (pino repeats a child's binding when a call sets it again). */
const ambiguousLines: string[] = [];
afterEach(async () => {
  while (running.length) await running.pop()?.stop();
  const bad = ambiguousLines.splice(0);
  if (bad.length > 0) throw new Error(`log lines with a repeated key:\n${bad.join("\n")}`);
});

/** The top-level keys of a JSON object text that occur more than once. */
export function repeatedKeys(line: string): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
      const key = line.slice(i + 1, j);
      i = j;
      if (depth === 1 && line[j + 1] === ":") {
        if (seen.has(key)) repeated.push(key);
        seen.add(key);
      }
    }
  }
  return repeated;
}

/** The environment a test service runs with: temp data dir and workspace root, isolated git. */
export function serviceEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...gitEnv(dir),
    OOMPAH_HOME: join(dir, "home"),
    OOMPAH_WORKSPACE_ROOT: join(dir, "worktrees"),
    ...extra,
  };
}

export async function startTestService(
  opts: { workflow?: string; env?: NodeJS.ProcessEnv } & Partial<ServiceOptions> = {},
): Promise<TestService> {
  const dir = tempDir("oompah-svc-");
  if (opts.workflow !== undefined) writeFileSync(join(dir, "WORKFLOW.md"), opts.workflow);
  const env = serviceEnv(dir, opts.env);
  const logs: string[] = [];
  const { workflow: _w, env: _e, ...rest } = opts;
  const service = await startService({
    cwd: dir,
    env,
    cli: { port: 0 },
    logToStdout: false,
    captureLog: (line) => {
      logs.push(line);
      if (repeatedKeys(line).length > 0) ambiguousLines.push(line);
    },
    ...rest,
  });
  running.push(service);
  return { service, url: `http://127.0.0.1:${service.httpPort ?? 0}`, dir, env, logs };
}

/** Captures what a CLI command writes. */
export function captureOutput(): {
  out: string[];
  err: string[];
  output: { out(t: string): void; err(t: string): void };
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (t) => out.push(t), err: (t) => err.push(t) } };
}
