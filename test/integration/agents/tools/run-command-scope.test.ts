import { afterEach, describe, expect, it } from "vitest";
import { issueServicePort, scopedTaskRunner } from "../../../../src/agents/api/tools/index.js";
import { OPERATOR } from "../../../../src/issues/actor.js";
import { IssueService } from "../../../../src/issues/issue-service.js";
import { RunSignals } from "../../../../src/orchestrator/run-signals.js";
import { TrackerRegistry } from "../../../../src/trackers/registry.js";
import {
  childEnv,
  declaredSecretEnvNames,
  runVariables,
} from "../../../../src/workspace/child-env.js";
import { readyProject } from "../../issues/issues-harness.js";
import { toolBench } from "./harness.js";

const registries: TrackerRegistry[] = [];
afterEach(async () => {
  while (registries.length > 0) await registries.pop()?.close();
});

function parseEnv(output: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of output.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) env.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return env;
}

describe("run_command environment and oompah task scope", () => {
  it("[C125] runs without secrets but with env_passthrough names and OOMPAH_RUN_TOKEN", async () => {
    const base: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: "/home/agent",
      GH_TOKEN: "gh-secret-value",
      OOMPAH_API_TOKEN: "api-token-value",
      LLM_ACCESS: "provider-key-value",
      MY_SECRET: "my-secret-value",
      ANTHROPIC_API_KEY: "passed-through-key",
    };
    const env = childEnv({
      base,
      declaredSecretNames: declaredSecretEnvNames({ providers: [{ api_key_env: "LLM_ACCESS" }] }),
      passthrough: ["ANTHROPIC_API_KEY"],
      runVars: runVariables({
        runToken: "ort_abc",
        serverUrl: "http://127.0.0.1:1",
        projectId: "p1",
        issueId: "T-1",
        identifier: "T-1",
        runId: "run-1",
        workspace: "/w",
        tmpDir: "/tmp",
        identity: { name: "oompah", email: "oompah@test.invalid" },
      }),
    });
    // The service's own environment must not leak in either.
    const saved = { GH_TOKEN: process.env.GH_TOKEN, MY_SECRET: process.env.MY_SECRET };
    process.env.GH_TOKEN = "service-gh";
    process.env.MY_SECRET = "service-secret";
    try {
      const b = toolBench({}, { env });
      const r = await b.call("run_command", { command: "env" });
      const seen = parseEnv(r.output);
      for (const name of ["GH_TOKEN", "OOMPAH_API_TOKEN", "LLM_ACCESS", "MY_SECRET"]) {
        expect(seen.has(name), name).toBe(false);
      }
      expect(seen.get("ANTHROPIC_API_KEY")).toBe("passed-through-key");
      expect(seen.get("OOMPAH_RUN_TOKEN")).toBe("ort_abc");
      expect(r.output).not.toMatch(/secret-value|api-token-value|provider-key-value|service-/);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("[C125] intercepts oompah task in-process with the run's scope: own issue allowed, another forbidden", async () => {
    const project = readyProject("proj-tools");
    const registry = new TrackerRegistry({
      projects: () => [project],
      settings: () => ({ gitSync: false, commitDebounceMs: 0 }),
      env: project.env,
      oompahMd: { watch: false, snapshotPath: null },
    });
    registries.push(registry);
    const service = new IssueService({ trackers: registry });
    const own = await service.create(OPERATOR, {
      project_id: project.id,
      title: "Own task",
      status: "Open",
    });
    const other = await service.create(OPERATOR, {
      project_id: project.id,
      title: "Other",
      status: "Open",
    });
    const scope = {
      runId: "run-1",
      projectId: project.id,
      issueId: own.id,
      identifier: own.identifier,
    };
    // No PATH: a line that reached bash could not find `oompah` at all.
    const b = toolBench(
      {},
      {
        env: {},
        taskCommand: scopedTaskRunner(scope, issueServicePort(service, OPERATOR, new RunSignals())),
      },
    );

    const ok = await b.call("run_command", {
      command: `oompah task comment ${own.identifier} -m "work done"`,
    });
    expect(ok.ok, ok.output).toBe(true);
    expect(ok.exit_code).toBe(0);
    expect((await service.comments(project.id, own.id)).map((c) => c.text)).toEqual(["work done"]);

    const denied = await b.call("run_command", {
      command: `oompah task comment ${other.id} -m "sneaky"`,
    });
    expect(denied.ok).toBe(false);
    expect(denied.output).toContain("error forbidden");
    expect(await service.comments(project.id, other.id)).toEqual([]);

    const status = await b.call("run_command", {
      command: `oompah task set-status ${own.id} done`,
    });
    expect(status.output).toContain("error forbidden");
    const needs = await b.call("run_command", {
      command: `oompah task set-status ${own.id} "Needs Human"`,
    });
    expect(needs.ok, needs.output).toBe(true);
    expect((await service.detail(project.id, own.id)).issue.state).toBe("Needs Human");

    const child = await b.call("run_command", {
      command: `oompah task create --title "Follow-up" --json`,
    });
    expect(child.ok, child.output).toBe(true);
    expect(child.output).toContain(`"parent": "${own.id}"`);
    expect((await b.call("run_command", { command: "oompah task list" })).output).toContain(
      "forbidden",
    );
  });
});
