import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { tempDir } from "../../helpers/sandbox.js";
import { startFakeOpenAI } from "../../fakes/openai-server.js";
import { captureOutput, serviceEnv } from "../../helpers/service.js";

async function run(args: string[], dir: string, env: NodeJS.ProcessEnv = serviceEnv(dir)) {
  const cap = captureOutput();
  const code = await main(args, { output: cap.output, env, cwd: dir });
  return { code, stdout: cap.out.join("\n"), stderr: cap.err.join("\n") };
}

describe("oompah validate", () => {
  it("[C191] exits 0 for a valid file and prints its warnings", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "WORKFLOW.md"),
      "---\nagent:\n  max_turns: 50\n  colour: blue\n---\nFix {{ issue.identifier }}.\n",
    );
    const r = await run(["validate"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning unknown_config_key");
    expect(r.stderr).toContain("agent.colour");
    expect(r.stdout).toContain("is valid");
  });

  it("[C191] exits 1 with the error code for an invalid file, and --json prints a machine-readable report", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "WORKFLOW.md"),
      "---\nagent:\n  max_turns: -3\n---\n{{ issue.title | nosuchfilter }}\n",
    );
    const text = await run(["validate"], dir);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/^error (invalid_config_value|template_parse_error): /m);
    expect(text.stdout).toBe("");

    const json = await run(["--json", "validate"], dir);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      schema_version: number;
      valid: boolean;
      errors: Array<{ code: string }>;
    };
    expect(report.schema_version).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.code).length).toBeGreaterThan(0);
  });

  it("init writes a commented default workflow that validates, and refuses to overwrite without --force", async () => {
    const dir = tempDir();
    expect((await run(["init"], dir)).code).toBe(0);
    expect((await run(["validate"], dir)).code).toBe(0);
    const again = await run(["init"], dir);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("error file_exists");
    expect(again.stderr).toContain("--force");
    expect((await run(["init", "--force"], dir)).code).toBe(0);
  });
});

describe("oompah doctor", () => {
  const tools = [
    "git",
    "git-lfs",
    "bash",
    "gh",
    "bd",
    "@anthropic-ai/claude-agent-sdk",
    "data_dir",
    "store",
    "port",
    "api_token",
    "workflow",
    "node",
  ];

  it("[C192] reports every tool of §18 with a status", async () => {
    const dir = tempDir();
    const r = await run(["--json", "doctor"], dir, serviceEnv(dir, { OOMPAH_SERVER_PORT: "0" }));
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      checks: Array<{ name: string; status: string }>;
    };
    const names = report.checks.map((c) => c.name);
    for (const t of tools) expect(names).toContain(t);
    expect(report.checks.find((c) => c.name === "git")?.status).toBe("ok");
    expect(r.code).toBe(report.ok ? 0 : 1);
  });

  it("[C192] exits 1 when git is missing from PATH", async () => {
    const dir = tempDir();
    // A PATH with bash but without git.
    const bin = join(dir, "bin");
    mkdirSync(bin);
    symlinkSync("/bin/bash", join(bin, "bash"));
    const r = await run(["doctor"], dir, serviceEnv(dir, { PATH: bin, OOMPAH_SERVER_PORT: "0" }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+git\s+git not found/);
    expect(r.stdout).toContain("fix: install git");
  });
});

describe("oompah doctor providers", () => {
  it("fails a provider whose ACP command is not on PATH and, with --online, tests an api provider live", async () => {
    const fake = await startFakeOpenAI({ apiKey: "sk-doctor-test-key-0123456789" });
    try {
      const dir = tempDir();
      mkdirSync(join(dir, ".oompah"));
      writeFileSync(
        join(dir, ".oompah", "providers.json"),
        JSON.stringify([
          {
            id: "local",
            backend: "api",
            base_url: fake.baseUrl,
            api_key_env: "DOCTOR_KEY",
            default_model: "gpt-4o-mini",
          },
          { id: "agent", backend: "acp", acp_command: "no-such-acp-agent --stdio" },
        ]),
      );
      fake.enqueue({ content: "OK" });
      const env = serviceEnv(dir, {
        OOMPAH_SERVER_PORT: "0",
        DOCTOR_KEY: "sk-doctor-test-key-0123456789",
      });
      const r = await run(["--json", "doctor", "--online"], dir, env);
      const report = JSON.parse(r.stdout) as {
        checks: Array<{ name: string; status: string; detail: string }>;
      };
      const byName = new Map(report.checks.map((c) => [c.name, c]));
      expect(byName.get("provider agent")?.status).toBe("fail");
      expect(byName.get("provider agent")?.detail).toContain("no-such-acp-agent");
      expect(byName.get("provider local (online)")?.status).toBe("ok");
      expect(fake.chatRequests()).toHaveLength(1);
      expect(r.code).toBe(1);
    } finally {
      await fake.close();
    }
  });
});

describe("oompah validate and the state documents", () => {
  it("[C191] reports an invalid .oompah/providers.json with its field and exits 1, leaving the file untouched", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "WORKFLOW.md"), "---\nagent:\n  max_turns: 50\n---\nFix it.\n");
    mkdirSync(join(dir, ".oompah"));
    const bad = JSON.stringify([{ id: "p1", backend: "teleport" }]);
    writeFileSync(join(dir, ".oompah", "providers.json"), bad);
    const r = await run(["validate"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error document_invalid: .*providers\.json/m);
    expect(r.stderr).toContain("backend");
    expect(readFileSync(join(dir, ".oompah", "providers.json"), "utf8")).toBe(bad);

    writeFileSync(
      join(dir, ".oompah", "providers.json"),
      JSON.stringify([{ id: "p1", backend: "api" }]),
    );
    expect((await run(["validate"], dir)).code).toBe(0);
  });
});
