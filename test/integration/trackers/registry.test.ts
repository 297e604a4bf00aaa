import { describe, expect, it } from "vitest";
import type { TrackerAdapter } from "../../../src/trackers/tracker.js";
import {
  TrackerRegistry,
  type TrackerBuildSettings,
  type TrackerProject,
} from "../../../src/trackers/registry.js";
import { makeRepoWithOrigin } from "../../helpers/sandbox.js";

function project(id: string, over: Partial<TrackerProject> = {}): TrackerProject {
  return {
    id,
    name: id,
    status: "ready",
    repoPath: `/nonexistent/${id}`,
    defaultBranch: "main",
    trackerKind: "oompah_md",
    trackerSettings: {},
    identity: { name: "oompah", email: "oompah@localhost" },
    ...over,
  };
}

/** A registry whose oompah_md factory hands out recording stand-ins. */
function recording(
  projects: TrackerProject[],
  settings: TrackerBuildSettings = { gitSync: false, commitDebounceMs: 0 },
) {
  const built: Array<{ project: string; closed: number }> = [];
  const current = { settings };
  const registry = new TrackerRegistry({
    projects: () => projects,
    settings: () => current.settings,
    factories: {
      oompah_md: (p) => {
        const record = { project: p.id, closed: 0 };
        built.push(record);
        const close = () => {
          record.closed += 1;
          return Promise.resolve();
        };
        return { kind: "oompah_md", close } as unknown as TrackerAdapter;
      },
    },
  });
  return { registry, built, current };
}

describe("tracker registry", () => {
  it("builds one native adapter per ready project on its clone and reuses it", async () => {
    const repo = makeRepoWithOrigin();
    const registry = new TrackerRegistry({
      projects: () => [project("proj-1", { name: "one", repoPath: repo.work })],
      settings: () => ({ gitSync: false, commitDebounceMs: 0 }),
      env: repo.env,
      oompahMd: { watch: false, snapshotPath: null },
    });
    try {
      const byName = await registry.get("one");
      expect(byName.projectId).toBe("proj-1");
      expect(byName.tracker.kind).toBe("oompah_md");
      expect((await registry.get("proj-1")).tracker).toBe(byName.tracker);
      const issue = await byName.tracker.createIssue({ title: "Works", status: "Open" });
      expect(issue.project_id).toBe("proj-1");
      const [slot] = await registry.list();
      expect(slot?.ok).toBe(true);
    } finally {
      await registry.close();
    }
  });

  it("reports projects that cannot be read yet, per project", async () => {
    const { registry } = recording([
      project("p-ready"),
      project("p-cloning", { status: "cloning" }),
      project("p-broken", { status: "error", error_message: "auth failed" }),
      project("p-gh", { trackerKind: "github_issues" }),
      project("p-jira", { trackerKind: "jira" }),
    ]);
    const slots = await registry.list();
    expect(slots.map((s) => (s.ok ? "ok" : s.error.code))).toEqual([
      "ok",
      "project_not_ready",
      "project_not_ready",
      "tracker_kind_unavailable",
      "unsupported_tracker_kind",
    ]);
    await expect(registry.get("p-gh")).rejects.toMatchObject({ code: "tracker_kind_unavailable" });
    await expect(registry.get("p-broken")).rejects.toThrow(/auth failed/);
    await expect(registry.get("nope")).rejects.toMatchObject({ code: "project_not_found" });
  });

  it("rebuilds an adapter when its settings change and closes the replaced one", async () => {
    const projects = [project("p")];
    const { registry, built, current } = recording(projects);
    await registry.get("p");
    await registry.get("p");
    expect(built).toHaveLength(1);
    current.settings = { gitSync: true, commitDebounceMs: 0 };
    await registry.get("p");
    expect(built).toHaveLength(2);
    await registry.close();
    expect(built.map((b) => b.closed)).toEqual([1, 1]);
  });

  it("closes the adapter of a removed project and every adapter on close", async () => {
    const projects = [project("a"), project("b")];
    const { registry, built } = recording(projects);
    await registry.list();
    projects.splice(0, 1);
    await registry.list();
    expect(built.find((b) => b.project === "a")?.closed).toBe(1);
    expect(built.find((b) => b.project === "b")?.closed).toBe(0);
    await registry.close();
    expect(built.find((b) => b.project === "b")?.closed).toBe(1);
    await expect(registry.get("b")).rejects.toMatchObject({ code: "tracker_closed" });
  });
});
