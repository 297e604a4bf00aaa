/**
 * Builds and caches one tracker adapter per ready project (the
 * {@link ProjectTrackers} port). Projects come from a source function so the
 * registry always follows the project registry and the hot-reloaded config:
 * an adapter is rebuilt when anything it was built from changes, and closed
 * when its project disappears or the registry closes. Kinds without an
 * adapter yet report `tracker_kind_unavailable` for that project only.
 */
import type { Warning } from "../domain/errors.js";
import { OompahError, toOompahError } from "../domain/errors.js";
import { createOompahMdTracker, type TrackerAlert } from "./oompah-md/index.js";
import type { ProjectTracker, ProjectTrackerSlot, ProjectTrackers } from "./project-trackers.js";
import { canonicalTrackerKind } from "../domain/tracker-kind.js";
import type { TrackerAdapter, TrackerKind } from "./tracker.js";

/** What the registry needs to know about a registered project. */
export interface TrackerProject {
  id: string;
  name: string;
  /** Derived clone status (§4.4); only `ready` projects get an adapter. */
  status: "cloning" | "ready" | "error";
  error_message?: string | null;
  /** The managed clone's main checkout. */
  repoPath: string;
  defaultBranch: string;
  /** The project's `tracker_kind` (aliases allowed). */
  trackerKind: string;
  /** `tracker_settings` merged over the global `tracker.settings`. */
  trackerSettings: Record<string, unknown>;
  /** `git_author_name` / `git_author_email`. */
  identity: { name: string; email: string };
}

/** Global tracker settings from WORKFLOW.md, read on every build. */
export interface TrackerBuildSettings {
  gitSync: boolean;
  commitDebounceMs: number;
  fetchIntervalMs?: number;
}

/** Builds the adapter of one kind for one project. */
export type TrackerFactory = (
  project: TrackerProject,
  settings: TrackerBuildSettings,
) => TrackerAdapter;

export interface TrackerRegistryOptions {
  projects: () => readonly TrackerProject[] | Promise<readonly TrackerProject[]>;
  settings: () => TrackerBuildSettings;
  /** Base environment for git (defaults to `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Extra `oompah_md` options (direct mode turns the watcher and snapshot off). */
  oompahMd?: { watch?: boolean; snapshotPath?: string | null };
  /** Adapters by kind; defaults to the kinds oompah ships an adapter for. */
  factories?: Partial<Record<TrackerKind, TrackerFactory>>;
  onAlert?: (projectId: string, alert: TrackerAlert) => void;
  /** Task files changed outside the service (wake the orchestrator). */
  onChange?: (projectId: string) => void;
  onWarning?: (projectId: string, warning: Warning) => void;
  /** Failures while closing a replaced or removed adapter. */
  onCloseError?: (projectId: string, err: OompahError) => void;
}

interface Built {
  fingerprint: string;
  adapter: TrackerAdapter;
}

export class TrackerRegistry implements ProjectTrackers {
  private readonly built = new Map<string, Built>();
  private readonly closing = new Set<Promise<void>>();
  private readonly factories: Partial<Record<TrackerKind, TrackerFactory>>;
  private closed = false;

  constructor(private readonly opts: TrackerRegistryOptions) {
    this.factories = opts.factories ?? { oompah_md: (p, s) => this.oompahMd(p, s) };
  }

  async list(): Promise<ProjectTrackerSlot[]> {
    const projects = await this.opts.projects();
    this.retire(new Set(projects.map((p) => p.id)));
    return projects.map((p) => {
      try {
        return { ok: true, ...this.trackerOf(p) };
      } catch (e) {
        return { ok: false, projectId: p.id, name: p.name, error: toOompahError(e) };
      }
    });
  }

  async get(ref: string): Promise<ProjectTracker> {
    const projects = await this.opts.projects();
    this.retire(new Set(projects.map((p) => p.id)));
    const project = projects.find((p) => p.id === ref) ?? projects.find((p) => p.name === ref);
    if (!project) {
      throw new OompahError("project_not_found", `no project "${ref}"`, {
        hint: "list projects with `oompah project list`",
        details: { project: ref },
      });
    }
    return this.trackerOf(project);
  }

  /** Closes the adapter of a removed project now (`discard` when its clone is being deleted). */
  async release(projectId: string, opts: { discard?: boolean } = {}): Promise<void> {
    const entry = this.built.get(projectId);
    if (!entry) return;
    this.built.delete(projectId);
    await this.shut(projectId, entry.adapter, opts.discard ?? false);
  }

  /** Closes every adapter (flushing pending commits); the registry refuses further use. */
  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.built.entries()];
    this.built.clear();
    await Promise.all(entries.map(([id, e]) => this.shut(id, e.adapter, false)));
    await Promise.all([...this.closing]);
  }

  private trackerOf(project: TrackerProject): ProjectTracker {
    if (this.closed) throw new OompahError("tracker_closed", "the tracker registry is closed");
    if (project.status !== "ready") {
      const why =
        project.status === "cloning"
          ? "is still cloning"
          : `failed: ${project.error_message ?? "clone error"}`;
      throw new OompahError("project_not_ready", `project ${project.name} ${why}`, {
        details: { project_id: project.id, status: project.status },
      });
    }
    const settings = this.opts.settings();
    const kind = canonicalTrackerKind(project.trackerKind, "tracker_kind");
    const fingerprint = JSON.stringify([
      project.repoPath,
      project.defaultBranch,
      kind,
      project.trackerSettings,
      project.identity,
      settings,
    ]);
    const cached = this.built.get(project.id);
    if (cached?.fingerprint === fingerprint)
      return { projectId: project.id, name: project.name, tracker: cached.adapter };
    const factory = this.factories[kind];
    if (!factory) {
      throw new OompahError(
        "tracker_kind_unavailable",
        `the ${kind} tracker is not available in this version`,
        {
          hint: "use tracker kind oompah_md for this project",
          details: { project_id: project.id, kind },
        },
      );
    }
    const adapter = factory(project, settings);
    if (cached) this.track(this.shut(project.id, cached.adapter, false));
    this.built.set(project.id, { fingerprint, adapter });
    return { projectId: project.id, name: project.name, tracker: adapter };
  }

  private oompahMd(p: TrackerProject, s: TrackerBuildSettings): TrackerAdapter {
    const id = p.id;
    return createOompahMdTracker({
      projectId: id,
      repoPath: p.repoPath,
      defaultBranch: p.defaultBranch,
      gitSync: s.gitSync,
      commitDebounceMs: s.commitDebounceMs,
      identity: p.identity,
      ...(this.opts.env ? { env: this.opts.env } : {}),
      ...(s.fetchIntervalMs === undefined ? {} : { fetchIntervalMs: s.fetchIntervalMs }),
      ...(this.opts.oompahMd ?? {}),
      onAlert: (a) => this.opts.onAlert?.(id, a),
      onChange: () => this.opts.onChange?.(id),
      onWarning: (w) => this.opts.onWarning?.(id, w),
    });
  }

  /** Closes adapters whose project left the registry. */
  private retire(present: ReadonlySet<string>): void {
    for (const [id, entry] of this.built) {
      if (present.has(id)) continue;
      this.built.delete(id);
      this.track(this.shut(id, entry.adapter, false));
    }
  }

  private track(p: Promise<void>): void {
    this.closing.add(p);
    void p.finally(() => this.closing.delete(p));
  }

  private async shut(projectId: string, adapter: TrackerAdapter, discard: boolean): Promise<void> {
    try {
      const disposable = adapter as TrackerAdapter & { dispose?: () => Promise<void> };
      if (discard && disposable.dispose) await disposable.dispose();
      else await adapter.close();
    } catch (e) {
      this.opts.onCloseError?.(projectId, toOompahError(e));
    }
  }
}
