/**
 * `oompah task` in direct mode: the issue service in-process over a
 * one-project tracker registry on the working copy, so validation, author
 * rules and board shaping are exactly those of the server. The adapter runs
 * without a watcher or a persisted cache (one command, then exit); git sync
 * is off unless `--sync`, and then commits go to the repository's default
 * branch as the user's own git identity.
 */
import { basename } from "node:path";
import type { Comment, Issue } from "../../domain/issue.js";
import { git } from "../../git/git.js";
import { readHead } from "../../git/head.js";
import { OPERATOR } from "../../issues/actor.js";
import type { Board } from "../../issues/board.js";
import type { CreateIssueInput } from "../../issues/issue-input.js";
import { IssueService } from "../../issues/issue-service.js";
import { TrackerRegistry, type TrackerProject } from "../../trackers/registry.js";
import type { TaskBackend, TaskDetail, TaskListQuery, TaskRef } from "./backend.js";

/** The project name of a working copy: its directory name in the §4.4 name alphabet. */
export function localProjectName(repoPath: string): string {
  const name = basename(repoPath)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "");
  return name.slice(0, 63) || "local";
}

async function gitValue(
  repoPath: string,
  env: NodeJS.ProcessEnv,
  args: string[],
): Promise<string | null> {
  const r = await git(args, { cwd: repoPath, env, okExitCodes: [1, 128] }).catch(() => null);
  const v = r?.exitCode === 0 ? r.stdout.trim() : "";
  return v === "" ? null : v;
}

/** The branch task commits go to: origin's default branch, else the checked-out one. */
async function defaultBranch(repoPath: string, env: NodeJS.ProcessEnv): Promise<string> {
  const remote = await gitValue(repoPath, env, [
    "symbolic-ref",
    "--short",
    "-q",
    "refs/remotes/origin/HEAD",
  ]);
  if (remote?.startsWith("origin/")) return remote.slice("origin/".length);
  return readHead(repoPath).branch ?? "main";
}

async function project(
  repoPath: string,
  sync: boolean,
  env: NodeJS.ProcessEnv,
): Promise<TrackerProject> {
  const name = localProjectName(repoPath);
  const [branch, user, email] = sync
    ? await Promise.all([
        defaultBranch(repoPath, env),
        gitValue(repoPath, env, ["config", "--get", "user.name"]),
        gitValue(repoPath, env, ["config", "--get", "user.email"]),
      ])
    : [readHead(repoPath).branch ?? "main", null, null];
  return {
    id: name,
    name,
    status: "ready",
    repoPath,
    defaultBranch: branch,
    trackerKind: "oompah_md",
    trackerSettings: {},
    identity: { name: user ?? "oompah", email: email ?? "oompah@localhost" },
  };
}

export class DirectTaskBackend implements TaskBackend {
  private constructor(
    private readonly registry: TrackerRegistry,
    private readonly service: IssueService,
    private readonly projectId: string,
  ) {}

  static async open(opts: {
    repoPath: string;
    sync: boolean;
    env: NodeJS.ProcessEnv;
  }): Promise<DirectTaskBackend> {
    const local = await project(opts.repoPath, opts.sync, opts.env);
    const registry = new TrackerRegistry({
      projects: () => [local],
      settings: () => ({ gitSync: opts.sync, commitDebounceMs: 0 }),
      env: opts.env,
      oompahMd: { watch: false, snapshotPath: null },
    });
    return new DirectTaskBackend(registry, new IssueService({ trackers: registry }), local.id);
  }

  list(query: TaskListQuery): Promise<Board> {
    return this.service.board({
      projectId: query.project,
      statuses: query.statuses,
      label: query.label,
      includeTerminal: query.all,
    });
  }

  view(ref: TaskRef): Promise<TaskDetail> {
    return this.service.detail(this.project(ref), ref.id);
  }

  create(input: CreateIssueInput): Promise<Issue> {
    return this.service.create(OPERATOR, input);
  }

  comment(ref: TaskRef, text: string): Promise<Comment> {
    return this.service.addComment(OPERATOR, this.project(ref), ref.id, { text });
  }

  setStatus(ref: TaskRef, status: string, comment?: string): Promise<Issue> {
    return this.service.update(OPERATOR, this.project(ref), ref.id, {
      status,
      ...(comment === undefined ? {} : { comment }),
    });
  }

  label(ref: TaskRef, op: "add" | "remove", label: string): Promise<Issue> {
    return op === "add"
      ? this.service.addLabel(OPERATOR, this.project(ref), ref.id, label)
      : this.service.removeLabel(OPERATOR, this.project(ref), ref.id, label);
  }

  close(): Promise<void> {
    return this.registry.close();
  }

  private project(ref: TaskRef): string {
    return ref.project ?? this.projectId;
  }
}
