import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createOompahMdTracker } from "../../../src/trackers/oompah-md/index.js";
import { makeRepoWithOrigin, tempDir, waitFor } from "../../helpers/sandbox.js";
import { serviceEnv, startTestService } from "../../helpers/service.js";

describe("dispatch in the running service", () => {
  it("[C8] with OOMPAH_SERVER_PORT empty there is no HTTP listener and dispatch still works", async () => {
    const repo = makeRepoWithOrigin({
      "README.md": "# sample\n",
      ".oompah/tasks/open/.gitkeep": "",
    });
    const seed = createOompahMdTracker({
      projectId: "proj-svc",
      repoPath: repo.work,
      defaultBranch: "main",
      gitSync: true,
      commitDebounceMs: 0,
      identity: { name: "Seeder", email: "seed@example.com" },
      env: repo.env,
      watch: false,
      snapshotPath: null,
    });
    const issue = await seed.createIssue({
      title: "Dispatch me",
      description: "Please",
      status: "Open",
    });
    await seed.flush();
    await seed.close();

    const dir = tempDir("oompah-svc-");
    writeFileSync(
      join(dir, "WORKFLOW.md"),
      "---\nagent:\n  stall_timeout_ms: 0\n---\nWork on {{ issue.title }}.\n",
    );
    const state = join(dir, ".oompah");
    mkdirSync(state, { recursive: true });
    writeFileSync(
      join(state, "projects.json"),
      JSON.stringify([
        {
          id: "proj-svc",
          name: "svc",
          repo_url: repo.origin,
          scm: "local",
          default_branch: "main",
        },
      ]),
    );
    writeFileSync(
      join(state, "providers.json"),
      JSON.stringify([{ id: "prov-mock", name: "Mock", backend: "mock", models: ["mock-1"] }]),
    );
    const again = await startTestService({
      cwd: dir,
      cli: {},
      env: { ...serviceEnv(dir), OOMPAH_SERVER_PORT: "", OOMPAH_ALLOW_MOCK: "1" },
    });
    expect(again.service.httpPort).toBeNull();
    const run = await waitFor(
      async () => (await again.service.store.runs.list({ issue_id: issue.id }))[0],
      { what: "a run of the seeded issue", timeoutMs: 20_000 },
    );
    expect(run.identifier).toBe(issue.identifier);
    expect(run.provider_id).toBe("prov-mock");
  });
});
