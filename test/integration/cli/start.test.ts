import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { tempDir } from "../../helpers/sandbox.js";
import { captureOutput, serviceEnv, startTestService } from "../../helpers/service.js";

async function runStartExpectingFailure(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv = serviceEnv(dir),
) {
  const cap = captureOutput();
  const code = await main(["start", ...args], { output: cap.output, env, cwd: dir });
  return { code, stderr: cap.err.join("\n"), stdout: cap.out.join("\n") };
}

describe("oompah start", () => {
  it("[C2] exits 1 with missing_workflow_file for an explicitly named file that does not exist", async () => {
    const dir = tempDir();
    const r = await runStartExpectingFailure(dir, ["nope/WORKFLOW.md", "--port", "0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error missing_workflow_file: /m);
    expect(r.stdout).toBe("");
  });

  it("[C2] without a WORKFLOW.md runs on the built-in default workflow", async () => {
    const t = await startTestService();
    const res = await fetch(`${t.url}/api/v1/state`);
    const state = (await res.json()) as { config: { path: string | null } };
    expect(res.status).toBe(200);
    expect(state.config.path).toBeNull();
    expect(t.logs.join("")).toContain("default_workflow");
  });

  it("[C9] refuses server.workers: 2 from YAML, env or --workers with server_workers_unsupported", async () => {
    const yaml = tempDir();
    writeFileSync(join(yaml, "WORKFLOW.md"), "---\nserver:\n  workers: 2\n---\nDo it.\n");
    const fromYaml = await runStartExpectingFailure(yaml, ["--port", "0"]);
    expect(fromYaml.code).toBe(1);
    expect(fromYaml.stderr).toMatch(
      /error server_workers_unsupported: .*one process|in one process/,
    );

    const env = tempDir();
    const fromEnv = await runStartExpectingFailure(
      env,
      ["--port", "0"],
      serviceEnv(env, { OOMPAH_SERVER_WORKERS: "2" }),
    );
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain("error server_workers_unsupported");

    const flag = tempDir();
    const fromFlag = await runStartExpectingFailure(flag, ["--port", "0", "--workers", "2"]);
    expect(fromFlag.code).toBe(1);
    expect(fromFlag.stderr).toContain("error server_workers_unsupported");
  });

  it("[C9] starts with server.backend: granian and warns server_backend_ignored; rejects foo", async () => {
    const t = await startTestService({ workflow: "---\nserver:\n  backend: granian\n---\n" });
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect(t.logs.join("")).toContain("server_backend_ignored");

    const dir = tempDir();
    writeFileSync(join(dir, "WORKFLOW.md"), "---\nserver:\n  backend: foo\n---\n");
    const r = await runStartExpectingFailure(dir, ["--port", "0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error invalid_server_backend");
  });

  it("[C18] a non-loopback host without a token exits with api_token_required; a short token with weak_api_token", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "WORKFLOW.md"),
      "---\nserver:\n  host: 0.0.0.0\n  allowed_hosts: [oompah.internal]\n---\n",
    );
    const missing = await runStartExpectingFailure(dir, ["--port", "0"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error api_token_required");
    expect(missing.stderr).toMatch(/^hint: /m);

    const weak = await runStartExpectingFailure(
      dir,
      ["--port", "0"],
      serviceEnv(dir, { OOMPAH_API_TOKEN: "0123456789" }),
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("error weak_api_token");
  });

  it("[C19] a second start on the same data dir exits with data_dir_locked", async () => {
    const first = await startTestService();
    const r = await runStartExpectingFailure(first.dir, ["--port", "0"], first.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error data_dir_locked");
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  });

  it("[C7] --port overrides OOMPAH_SERVER_PORT, which overrides the YAML port", async () => {
    const t = await startTestService({
      workflow: "---\nserver:\n  port: 1\n---\n",
      env: { OOMPAH_SERVER_PORT: "2" },
      cli: { port: 0 },
    });
    expect(t.service.httpPort).toBeGreaterThan(2);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});
