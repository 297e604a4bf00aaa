/**
 * Managed clones (SPEC §11.1, §7.10): one full clone per project at
 * `<data_dir>/repos/<project-key>`, created asynchronously. The clone goes
 * into a temporary sibling directory that is renamed into place only when it
 * is complete, so a failed or aborted clone leaves nothing half-written.
 * Status (`cloning` → `ready` | `error` + message) is persisted in
 * `project_runtime`; an existing clone is fetched instead. Git runs through
 * the one wrapper with the project identity (the wrapper forces
 * GIT_TERMINAL_PROMPT=0).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname } from "node:path";
import type { Project } from "../documents/project-schema.js";
import { OompahError, toOompahError } from "../domain/errors.js";
import { identityEnv } from "../git/git.js";
import {
  checkoutTracking,
  clone,
  currentBranch,
  fetchRemote,
  remoteBranches,
  remoteHeadBranch,
  revParse,
  setRemoteHeadAuto,
  type GitContext,
} from "../git/ops.js";
import { withRepoLock } from "../git/repo-lock.js";
import type { ProjectRuntimeRepo } from "../store/project-runtime.js";
import { clonePathFor } from "./paths.js";
import {
  cloneFailure,
  decodeCloneError,
  encodeCloneError,
  redactUrl,
  redactUrlsIn,
} from "./clone-errors.js";

/** The logging a clone manager needs (pino satisfies it). */
export interface CloneLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface CloneManagerDeps {
  dataDir: string;
  runtime: ProjectRuntimeRepo;
  /** Base environment for git (PATH, HOME, SSH agent…); the identity is added per project. */
  env: NodeJS.ProcessEnv;
  logger?: CloneLogger;
  /** Persists a default branch detected from `origin/HEAD` for a project that had none. */
  onDefaultBranch?: (projectId: string, branch: string) => Promise<void>;
  /** Called after every status change (the orchestrator wakes on it). */
  onStatus?: (projectId: string, status: "cloning" | "ready" | "error") => void;
  /** Timeout of one clone; default 10 minutes. */
  cloneTimeoutMs?: number;
  now?: () => Date;
}

interface Job {
  promise: Promise<void>;
  abort: AbortController;
}

export class CloneManager {
  private readonly jobs = new Map<string, Job>();
  private readonly now: () => Date;

  constructor(private readonly deps: CloneManagerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  clonePath(project: Pick<Project, "name">): string {
    return clonePathFor(this.deps.dataDir, project.name);
  }

  /** True when the managed clone exists on disk. */
  isCloned(project: Pick<Project, "name">): boolean {
    return existsSync(`${this.clonePath(project)}/.git`);
  }

  /** True while a clone or fetch job of the project runs. */
  isBusy(projectId: string): boolean {
    return this.jobs.has(projectId);
  }

  /** Starts (or joins) the ensure job of a project; the returned promise never rejects. */
  ensure(project: Project): Promise<void> {
    const running = this.jobs.get(project.id);
    if (running) return running.promise;
    const abort = new AbortController();
    const promise = this.run(project, abort.signal).finally(() => {
      if (this.jobs.get(project.id)?.promise === promise) this.jobs.delete(project.id);
    });
    this.jobs.set(project.id, { promise, abort });
    return promise;
  }

  /** `ensure` for every project, without waiting (§7.10: clones proceed in the background). */
  ensureAll(projects: readonly Project[]): void {
    for (const p of projects) void this.ensure(p);
  }

  /** Fetches the clone (re-cloning after an error); rejects with a typed error on failure. */
  async sync(project: Project): Promise<void> {
    await this.jobs.get(project.id)?.promise;
    if (!this.isCloned(project)) {
      await this.ensure(project);
      const row = await this.deps.runtime.get(project.id);
      if (row?.clone_status !== "ready") {
        const stored = decodeCloneError(row?.clone_error ?? null);
        throw new OompahError("repo_clone_failed", stored?.message ?? "the clone is not ready", {
          hint: stored?.hint ?? "check repo_url and its credentials, then sync again",
        });
      }
      return;
    }
    const path = this.clonePath(project);
    try {
      await withRepoLock(path, () =>
        fetchRemote(this.ctx(project, path), "origin", { prune: true }),
      );
    } catch (e) {
      const err = toOompahError(e, "git_failed");
      throw new OompahError(
        "repo_sync_failed",
        redactUrlsIn(`fetch of ${redactUrl(project.repo_url)} failed: ${err.message}`),
        {
          hint:
            err.hint ?? "check that the remote is reachable and the credentials allow reading it",
          cause: err,
        },
      );
    }
    await this.deps.runtime.upsert(project.id, {
      clone_status: "ready",
      clone_error: null,
      last_sync_at: this.now().toISOString(),
    });
    this.deps.onStatus?.(project.id, "ready");
  }

  /** Cancels an in-flight clone of the project and waits for it to stop. */
  async cancel(projectId: string): Promise<void> {
    const job = this.jobs.get(projectId);
    if (!job) return;
    job.abort.abort(new Error("project removed"));
    await job.promise;
  }

  /** Moves the clone when a project is renamed (its key, and so its directory, changes). */
  async move(from: Pick<Project, "name">, to: Pick<Project, "name">): Promise<void> {
    const src = this.clonePath(from);
    const dest = this.clonePath(to);
    if (src === dest || !existsSync(src)) return;
    if (existsSync(dest))
      throw new OompahError("project_conflict", `${dest} already exists`, {
        hint: "remove or rename that directory first",
      });
    await withRepoLock(src, () => rename(src, dest));
  }

  /** Deletes the managed clone (after cancelling any clone in flight). */
  async purge(project: Project): Promise<void> {
    await this.cancel(project.id);
    const path = this.clonePath(project);
    await withRepoLock(path, () => rm(path, { recursive: true, force: true }));
  }

  /** Waits for every job in flight (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all([...this.jobs.values()].map((j) => j.promise));
  }

  /** Aborts every clone in flight and waits for them to clean up. */
  async stop(): Promise<void> {
    for (const job of this.jobs.values()) job.abort.abort(new Error("shutting down"));
    await this.idle();
  }

  private ctx(project: Project, cwd: string, signal?: AbortSignal, timeoutMs?: number): GitContext {
    return {
      cwd,
      env: {
        ...this.deps.env,
        ...identityEnv({ name: project.git_author_name, email: project.git_author_email }),
      },
      ...(signal ? { signal } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    };
  }

  private async setStatus(
    id: string,
    status: "cloning" | "ready" | "error",
    error: string | null,
  ): Promise<void> {
    await this.deps.runtime.upsert(id, {
      clone_status: status,
      clone_error: error,
      ...(status === "ready" ? { last_sync_at: this.now().toISOString() } : {}),
    });
    this.deps.onStatus?.(id, status);
  }

  private async run(project: Project, signal: AbortSignal): Promise<void> {
    const log = { component: "clone", project_id: project.id, project: project.name };
    try {
      if (this.isCloned(project)) await this.refresh(project, signal);
      else await this.cloneFresh(project, signal);
    } catch (e) {
      if (signal.aborted) {
        this.deps.logger?.info(log, "clone cancelled");
        return;
      }
      const err = cloneFailure(project.repo_url, e);
      this.deps.logger?.warn({ ...log, code: err.code }, err.message);
      await this.setStatus(project.id, "error", encodeCloneError(err)).catch(() => undefined);
    }
  }

  /** An existing clone is usable at once; the fetch only warns when it fails. */
  private async refresh(project: Project, signal: AbortSignal): Promise<void> {
    const path = this.clonePath(project);
    await this.setStatus(project.id, "ready", null);
    try {
      await withRepoLock(path, () =>
        fetchRemote(this.ctx(project, path, signal), "origin", { prune: true }),
      );
    } catch (e) {
      if (signal.aborted) throw e;
      this.deps.logger?.warn(
        { component: "clone", project_id: project.id, code: toOompahError(e).code },
        `fetch of ${redactUrl(project.repo_url)} failed; using local refs`,
      );
    }
    if (project.default_branch === null) await this.recordDefaultBranch(project, path, signal);
  }

  private async cloneFresh(project: Project, signal: AbortSignal): Promise<void> {
    const path = this.clonePath(project);
    const parent = dirname(path);
    const tmp = `${path}.cloning-${randomBytes(4).toString("hex")}`;
    await this.setStatus(project.id, "cloning", null);
    await mkdir(parent, { recursive: true, mode: 0o700 });
    try {
      await withRepoLock(path, async () => {
        const ctx = this.ctx(project, parent, signal, this.deps.cloneTimeoutMs ?? 600_000);
        const branch = project.default_branch ?? undefined;
        await clone(ctx, project.repo_url, basename(tmp), branch ? { branch } : {});
        if (existsSync(path)) await rm(path, { recursive: true, force: true });
        await rename(tmp, path);
      });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    if (project.default_branch === null) await this.recordDefaultBranch(project, path, signal);
    await this.setStatus(project.id, "ready", null);
    this.deps.logger?.info(
      { component: "clone", project_id: project.id, path },
      "managed clone ready",
    );
  }

  /**
   * `origin/HEAD` (asking the remote when it is unset), else the checked-out
   * branch when it has commits. A remote whose HEAD names a branch that does
   * not exist (a bare repository created with another default than it was
   * pushed) leaves the clone on an unborn branch: then `main`, `master` or
   * the remote's only branch, checked out.
   */
  private async recordDefaultBranch(
    project: Project,
    path: string,
    signal: AbortSignal,
  ): Promise<void> {
    const ctx = this.ctx(project, path, signal);
    let branch = await remoteHeadBranch(ctx);
    if (branch === null && (await setRemoteHeadAuto(ctx))) branch = await remoteHeadBranch(ctx);
    if (branch === null && (await revParse(ctx, "HEAD")) !== null)
      branch = await currentBranch(ctx);
    if (branch === null) {
      const remote = await remoteBranches(ctx);
      branch = ["main", "master"].find((b) => remote.includes(b)) ?? remote[0] ?? null;
      if (branch !== null) await checkoutTracking(ctx, branch);
    }
    if (branch !== null) await this.deps.onDefaultBranch?.(project.id, branch);
  }
}
