/**
 * The project registry as an application service (SPEC §4.4, §17.2, §18):
 * what the HTTP routes and the CLI call. projects.json holds configuration
 * (including the per-project `paused` flag); `project_runtime` holds clone
 * status; the CloneManager does the git work in the background. Every change
 * is announced through `onChange` so the orchestrator can wake.
 */
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ProjectsStore } from "../documents/projects.js";
import type { Project } from "../documents/project-schema.js";
import { OompahError } from "../domain/errors.js";
import { readHead } from "../git/head.js";
import type { StateSnapshot } from "../server/service-api.js";
import type { ProjectRuntimeRepo } from "../store/project-runtime.js";
import type { CloneManager } from "./clone-manager.js";
import { assertContained, worktreeRootFor } from "./paths.js";
import { changesFromPatch, draftFromInput, type ProjectInputSettings } from "./project-input.js";
import { toProjectView } from "./project-view.js";
import type {
  ProjectCreateInput,
  ProjectPatchInput,
  ProjectView,
  WorktreeInfo,
} from "./project-wire.js";

/** Announced after every change to a project (registry or clone status). */
export interface ProjectChangedEvent {
  type: "project_changed";
  project_id: string;
  reason: "added" | "updated" | "removed" | "paused" | "resumed" | "synced" | "status";
}

export interface ProjectServiceDeps {
  projects: ProjectsStore;
  clones: CloneManager;
  runtime: ProjectRuntimeRepo;
  /** Read on every call so a hot-reloaded config applies. */
  settings: () => ProjectInputSettings & { workspaceRoot: string };
  onChange?: (event: ProjectChangedEvent) => void;
  /** Lets users of the clone (the project's tracker) let go of it before it is removed. */
  beforeRemove?: (projectId: string, opts: { purge: boolean }) => Promise<void>;
}

export class ProjectService {
  constructor(private readonly deps: ProjectServiceDeps) {}

  /** Registers a project and starts its clone; the view says `cloning`. */
  async add(
    input: ProjectCreateInput,
    opts: { trustedCaller?: boolean } = {},
  ): Promise<ProjectView> {
    const draft = draftFromInput(input, this.deps.settings(), opts.trustedCaller ?? false);
    const project = await this.deps.projects.create(draft);
    await this.deps.runtime.upsert(project.id, { clone_status: "cloning", clone_error: null });
    void this.deps.clones.ensure(project);
    this.emit(project.id, "added");
    return this.view(project);
  }

  async list(): Promise<ProjectView[]> {
    const rows = new Map((await this.deps.runtime.list()).map((r) => [r.project_id, r]));
    return this.deps.projects
      .list()
      .map((p) => toProjectView(p, rows.get(p.id), this.deps.clones.clonePath(p)));
  }

  get(idOrName: string): Promise<ProjectView> {
    return this.view(this.deps.projects.require(idOrName));
  }

  /** Applies a PATCH; a rename moves the clone and is refused while worktrees exist. */
  async update(idOrName: string, patch: ProjectPatchInput): Promise<ProjectView> {
    const current = this.deps.projects.require(idOrName);
    const changes = changesFromPatch(patch);
    const renamed = changes.name !== undefined && changes.name !== current.name;
    if (renamed) await this.prepareRename(current, changes.name ?? current.name);
    let next: Project;
    try {
      next = await this.deps.projects.update(current.id, changes);
    } catch (e) {
      if (renamed) await this.deps.clones.move({ name: changes.name ?? "" }, current);
      throw e;
    }
    const pausedChanged = changes.paused !== undefined && changes.paused !== current.paused;
    this.emit(next.id, pausedChanged ? (next.paused ? "paused" : "resumed") : "updated");
    return this.view(next);
  }

  pause(idOrName: string): Promise<ProjectView> {
    return this.update(idOrName, { paused: true });
  }

  resume(idOrName: string): Promise<ProjectView> {
    return this.update(idOrName, { paused: false });
  }

  /** Fetches the clone (re-cloning after an error) and wakes the orchestrator. */
  async sync(idOrName: string): Promise<ProjectView> {
    const project = this.deps.projects.require(idOrName);
    await this.deps.clones.sync(project);
    this.emit(project.id, "synced");
    return this.get(project.id);
  }

  /** Unregisters a project; `purge` also deletes its clone and `<workspace.root>/<key>/`. */
  async remove(
    idOrName: string,
    opts: { purge?: boolean } = {},
  ): Promise<{ id: string; name: string; purged: boolean }> {
    const project = this.deps.projects.require(idOrName);
    await this.deps.clones.cancel(project.id);
    await this.deps.beforeRemove?.(project.id, { purge: opts.purge ?? false });
    await this.deps.projects.remove(project.id);
    await this.deps.runtime.delete(project.id);
    if (opts.purge) {
      await this.deps.clones.purge(project);
      const root = this.deps.settings().workspaceRoot;
      const dir = worktreeRootFor(root, project.name);
      assertContained(root, dir);
      await rm(dir, { recursive: true, force: true });
    }
    this.emit(project.id, "removed");
    return { id: project.id, name: project.name, purged: opts.purge ?? false };
  }

  /** The directories under `<workspace.root>/<project-key>/` with the branch each has checked out. */
  async worktrees(idOrName: string): Promise<WorktreeInfo[]> {
    const project = this.deps.projects.require(idOrName);
    const dir = worktreeRootFor(this.deps.settings().workspaceRoot, project.name);
    if (!existsSync(dir)) return [];
    const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory());
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return entries.map((e) => {
      const path = join(dir, e.name);
      const head = readHead(path);
      return { name: e.name, path, branch: head.branch, head: head.sha };
    });
  }

  /** Starts the ensure job of every registered project (§7.10, after the HTTP server). */
  ensureAll(): void {
    this.deps.clones.ensureAll(this.deps.projects.list());
  }

  /** The `projects` part of the state snapshot. */
  async summaries(): Promise<StateSnapshot["projects"]> {
    const rows = new Map((await this.deps.runtime.list()).map((r) => [r.project_id, r]));
    return this.deps.projects.list().map((p) => {
      const view = toProjectView(p, rows.get(p.id), "");
      const row = rows.get(p.id);
      return {
        id: p.id,
        name: p.name,
        status: view.status,
        ...(view.error_message === null ? {} : { error_message: view.error_message }),
        paused: p.paused,
        webhooks: {
          forwarding: p.webhook_forwarding,
          ...(row?.forwarder_state ? { forwarder_state: row.forwarder_state } : {}),
          ...(row?.last_webhook_at ? { last_webhook_at: row.last_webhook_at } : {}),
          degraded: row?.forwarder_state === "failed" || row?.forwarder_state === "degraded",
        },
      };
    });
  }

  private async prepareRename(current: Project, name: string): Promise<void> {
    if (this.deps.projects.list().some((p) => p.name === name && p.id !== current.id))
      throw new OompahError("project_exists", `a project named ${JSON.stringify(name)} exists`, {
        details: { name },
      });
    const busy =
      (await this.worktrees(current.id)).length > 0 || this.deps.clones.isBusy(current.id);
    if (busy)
      throw new OompahError(
        "project_busy",
        `cannot rename ${current.name} while it has worktrees or a clone in progress`,
        {
          hint: "wait for the clone and for its runs to finish (worktrees are cleaned up with their issues), then rename",
          details: { name },
        },
      );
    await this.deps.clones.move(current, { name });
  }

  private async view(p: Project): Promise<ProjectView> {
    return toProjectView(p, await this.deps.runtime.get(p.id), this.deps.clones.clonePath(p));
  }

  private emit(projectId: string, reason: ProjectChangedEvent["reason"]): void {
    this.deps.onChange?.({ type: "project_changed", project_id: projectId, reason });
  }
}
