import { describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/sandbox.js";
import { serviceEnv, startTestService } from "../../helpers/service.js";
import { MOCK_PROVIDER, localProject, seedTasks, serviceDir } from "../../helpers/service-dir.js";

describe("dispatch in the running service", () => {
  it("[C8] with OOMPAH_SERVER_PORT empty there is no HTTP listener and dispatch still works", async () => {
    const { repo, issues } = await seedTasks("proj-svc", [
      { title: "Dispatch me", description: "Please" },
    ]);
    const issue = issues[0]!;
    const dir = serviceDir({
      projects: [localProject("proj-svc", "svc", repo.origin)],
      providers: [MOCK_PROVIDER],
    });
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
