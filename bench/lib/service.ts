/**
 * A real oompah service for benchmarks: the demo's throw-away sandbox layout
 * (service dir, data dir, worktrees, a bare origin and a git config of its own;
 * see src/demo/sandbox.ts), a WORKFLOW.md and providers.json chosen by the
 * benchmark, a project registered through the HTTP API exactly as an operator
 * would, and the service either in this process (`startInProcess`, for
 * benchmarks that look inside through the store's event log) or as a child
 * process started through the CLI (`spawnService`, when its CPU and memory
 * must be measured apart from the benchmark's own clients).
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { startService, type Service } from "../../src/app.js";
import { createSandbox, demoEnv, removeSandbox, type DemoPaths } from "../../src/demo/sandbox.js";
import { createOrigin } from "../../src/demo/seed.js";
import { freePort, spawnOompah } from "../../test/helpers/oompah-process.js";

/** A sandbox with its project repository pushed to the bare origin. */
export interface BenchSandbox {
  paths: DemoPaths;
  /** Isolated git config, `OOMPAH_ALLOW_MOCK=1`, no operator `OOMPAH_*` variables. */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

export interface SandboxOptions {
  /** Project repository files (repository-relative path → content). */
  files: Record<string, string>;
  /** WORKFLOW.md front matter; `data_dir` and `workspace.root` are set to the sandbox's. */
  config: Record<string, unknown>;
  /** `.oompah/providers.json` of the service. */
  providers: unknown[];
  /** Prompt template (the WORKFLOW.md body). */
  prompt?: string;
  /** Extra environment of the service (e.g. a provider key). */
  env?: NodeJS.ProcessEnv;
}

export async function createBenchSandbox(o: SandboxOptions): Promise<BenchSandbox> {
  const paths = createSandbox();
  const env = { ...demoEnv(paths, process.env), ...o.env };
  await createOrigin(paths, env, o.files, "Initial commit");
  const front = {
    data_dir: paths.dataDir,
    workspace: { root: paths.workspaceRoot },
    ...o.config,
  };
  const prompt = o.prompt ?? "Work on {{ issue.identifier }}: {{ issue.title }}.\n";
  writeFileSync(join(paths.serviceDir, "WORKFLOW.md"), `---\n${stringify(front)}---\n${prompt}`);
  mkdirSync(join(paths.serviceDir, ".oompah"), { recursive: true });
  writeFileSync(
    join(paths.serviceDir, ".oompah", "providers.json"),
    JSON.stringify(o.providers, null, 2),
    { mode: 0o600 },
  );
  return { paths, env, remove: () => removeSandbox(paths) };
}

/** The mock provider of the demo (SPEC §10.7): model `mock-1`, priced 1 / 2 USD per 1M. */
export const MOCK_PROVIDER = {
  id: "bench-mock",
  name: "Benchmark mock agent",
  backend: "mock",
  models: ["mock-1"],
  default_model: "mock-1",
  model_costs: { "mock-1": { input_per_1m: 1, output_per_1m: 2 } },
  default: true,
};

/** JSON over loopback HTTP; a non-2xx answer throws with the body. */
export async function call<T>(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Polls `check` every `intervalMs` until it returns a truthy value (or throws after `timeoutMs`). */
export async function until<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = 120_000, intervalMs = 25 } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Registers the sandbox's origin as project `bench` and waits for its clone. */
export async function addProject(
  base: string,
  sb: BenchSandbox,
): Promise<{ id: string; clonePath: string }> {
  const p = await call<{ id: string }>(base, "POST", "/api/v1/projects", {
    repo_url: sb.paths.origin,
    name: "bench",
    scm: "local",
    default_branch: "main",
    local_success_status: "Done",
    git_author_name: "oompah bench",
    git_author_email: "bench@oompah.invalid",
  });
  const ready = await until("the project clone", async () => {
    const v = await call<{ status: string; clone_path: string }>(
      base,
      "GET",
      `/api/v1/projects/${p.id}`,
    );
    if (v.status === "error") throw new Error(`project clone failed: ${JSON.stringify(v)}`);
    return v.status === "ready" ? v : null;
  });
  return { id: p.id, clonePath: ready.clone_path };
}

/** The service running in this process. */
export interface InProcessService {
  service: Service;
  url: string;
  stop(): Promise<void>;
}

export async function startInProcess(
  sb: BenchSandbox,
  opts: { paused?: boolean; demoPauseMs?: number } = {},
): Promise<InProcessService> {
  const service = await startService({
    cwd: sb.paths.serviceDir,
    env: sb.env,
    cli: { port: 0 },
    logToStdout: false,
    logLevel: "warn",
    ...(opts.paused === undefined ? {} : { paused: opts.paused }),
    ...(opts.demoPauseMs === undefined ? {} : { demoPauseMs: opts.demoPauseMs }),
  });
  return {
    service,
    url: `http://127.0.0.1:${service.httpPort ?? 0}`,
    stop: () => service.stop(),
  };
}

/** `oompah start` as a child process (from the sources, through tsx). */
export interface ChildService {
  child: ChildProcess;
  pid: number;
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function spawnService(sb: BenchSandbox, args: string[] = []): Promise<ChildService> {
  const port = await freePort();
  const { child, output, exited } = spawnOompah(["start", "--port", String(port), ...args], {
    cwd: sb.paths.serviceDir,
    env: sb.env,
  });
  const url = `http://127.0.0.1:${port}`;
  await until(
    "the service to answer /healthz",
    async () => {
      if (child.exitCode !== null) throw new Error(`the service exited early:\n${output()}`);
      return (await fetch(`${url}/healthz`).catch(() => null))?.ok ?? false;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  return {
    child,
    pid: child.pid ?? 0,
    url,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      await exited;
    },
  };
}
