/**
 * The issue routes over real oompah_md trackers on temp git repositories:
 * a TrackerRegistry with an editable project list, the IssueService recording
 * its `onMutated` calls, and the Hono app answering in-process.
 */
import { afterEach } from "vitest";
import { IssueService } from "../../../src/issues/issue-service.js";
import { createHttpApp } from "../../../src/server/app.js";
import { issueRoutes } from "../../../src/server/routes/issues.js";
import type { Run } from "../../../src/store/runs.js";
import { TrackerRegistry, type TrackerProject } from "../../../src/trackers/registry.js";
import { makeRepoWithOrigin } from "../../helpers/sandbox.js";
import { securityOptions } from "../../unit/server/fake-service.js";

export const BASE = "http://127.0.0.1:4567";

const registries: TrackerRegistry[] = [];
afterEach(async () => {
  while (registries.length > 0) await registries.pop()?.close();
});

/** A ready oompah_md project on a fresh repository with origin. */
export function readyProject(
  id: string,
  over: Partial<TrackerProject> = {},
): TrackerProject & { env: NodeJS.ProcessEnv } {
  const repo = makeRepoWithOrigin();
  return {
    id,
    name: id.replace(/^proj-/, ""),
    status: "ready",
    repoPath: repo.work,
    defaultBranch: "main",
    trackerKind: "oompah_md",
    trackerSettings: {},
    identity: { name: "oompah-test", email: "oompah@test.invalid" },
    env: repo.env,
    ...over,
  };
}

export function issuesApp(
  projects: TrackerProject[],
  opts: { runs?: Run[]; gitSync?: boolean; env?: NodeJS.ProcessEnv } = {},
) {
  const registry = new TrackerRegistry({
    projects: () => projects,
    settings: () => ({ gitSync: opts.gitSync ?? false, commitDebounceMs: 0 }),
    ...(opts.env ? { env: opts.env } : {}),
    oompahMd: { watch: false, snapshotPath: null },
  });
  registries.push(registry);
  const mutations: Array<[string, string]> = [];
  const service = new IssueService({
    trackers: registry,
    onMutated: (p, i) => mutations.push([p, i]),
    runsFor: (p, i) =>
      Promise.resolve((opts.runs ?? []).filter((r) => r.project_id === p && r.issue_id === i)),
  });
  const app = createHttpApp({
    routes: issueRoutes(service),
    security: () => securityOptions({ maxBodyBytes: 1 << 20 }),
    logger: { warn: () => undefined, error: (obj, msg) => console.error(msg, obj) },
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`${BASE}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & {
        error?: { code: string; message: string };
      },
    };
  };
  return { app, registry, service, mutations, call };
}
