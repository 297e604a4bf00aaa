import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isOompahError } from "../../../src/domain/errors.js";
import { git, gitEnv, tempDir, waitFor } from "../../helpers/sandbox.js";
import {
  makeRepo,
  makeTracker,
  originSubjects,
  originTaskFiles,
  type Repo,
} from "./oompah-md-harness.js";

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  return isOompahError(e) ? e.code : String(e);
}

/** A second clone of origin, as a human or another machine would have. */
function otherClone(repo: Repo): string {
  const dir = join(repo.root, "other");
  git(repo.root, repo.env, "clone", "-q", repo.origin, dir);
  return dir;
}

function commitAndPush(dir: string, repo: Repo, message: string): void {
  git(dir, repo.env, "add", "-A");
  git(dir, repo.env, "commit", "-qm", message);
  git(dir, repo.env, "push", "-q", "origin", "HEAD:main");
}

/** Puts a logging `git` shim first on PATH so tests can see every git command run. */
function gitSpy(repo: Repo): { env: NodeJS.ProcessEnv; calls: () => string[] } {
  const bin = join(repo.root, "spy-bin");
  const log = join(repo.root, "git-calls.log");
  const real = join(git(repo.root, repo.env, "--exec-path"), "git");
  mkdirSync(bin);
  writeFileSync(join(bin, "git"), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(bin, "git"), 0o755);
  return {
    env: { ...repo.env, PATH: `${bin}:${repo.env.PATH ?? ""}` },
    calls: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []),
  };
}

describe("oompah_md git sync", () => {
  it("[C38] one mutation makes one commit pushed to origin with the project identity", async () => {
    const repo = makeRepo();
    const { tracker } = makeTracker(repo, { commitDebounceMs: 50 });
    const issue = await tracker.createIssue({ title: "sync me", status: "Open" });
    expect(issue.id).toBe("WORK-1");
    await waitFor(() => originSubjects(repo)[0] === "oompah: create WORK-1", {
      what: "pushed commit",
    });
    expect(originTaskFiles(repo)).toEqual([".oompah/tasks/open/WORK-1.md"]);
    expect(git(repo.origin, repo.env, "log", "-1", "--format=%an <%ae>", "main")).toBe(
      "oompah-test <oompah@test.invalid>",
    );
    expect(git(repo.work, repo.env, "status", "--porcelain")).toBe("");
    await tracker.close();
  });

  it("[C38] a no-op update produces no commit", async () => {
    const repo = makeRepo();
    const { tracker } = makeTracker(repo);
    await tracker.createIssue({ title: "stable", status: "Open" });
    await tracker.flush();
    const before = originSubjects(repo).length;
    await tracker.updateIssue("WORK-1", { title: "stable", status: "Open" });
    await tracker.flush();
    expect(originSubjects(repo)).toHaveLength(before);
    expect(git(repo.work, repo.env, "rev-list", "--count", "HEAD")).toBe(String(before));
    await tracker.close();
  });

  it("[C38] mutations within commit_debounce_ms produce one commit", async () => {
    const repo = makeRepo();
    const { tracker } = makeTracker(repo, { commitDebounceMs: 1_000 });
    await tracker.createIssue({ title: "one", status: "Open" });
    await tracker.createIssue({ title: "two" });
    await tracker.updateIssue("WORK-1", { status: "In Progress" });
    await tracker.addComment("WORK-2", { author: "oompah", text: "noted" });
    await waitFor(() => originSubjects(repo).length === 2, { what: "the batched commit" });
    expect(originSubjects(repo)[0]).toBe("oompah: create WORK-1, create WORK-2");
    await tracker.updateIssue("WORK-1", { status: "In Review" });
    await tracker.addComment("WORK-2", { author: "alice", text: "thanks" });
    await tracker.flush();
    expect(originSubjects(repo)[0]).toBe("oompah: move WORK-1 to In Review, comment WORK-2");
    expect(originTaskFiles(repo).sort()).toEqual([
      ".oompah/tasks/backlog/WORK-2.md",
      ".oompah/tasks/in-review/WORK-1.md",
    ]);
    await tracker.close();
  });

  it("pushes the first commit to an origin that has no default branch yet", async () => {
    const root = tempDir();
    const env = gitEnv(root);
    const origin = join(root, "origin.git");
    const work = join(root, "work");
    git(root, env, "init", "--bare", "-q", "-b", "main", origin);
    git(root, env, "clone", "-q", origin, work);
    const repo: Repo = { root, origin, work, env };
    const { tracker } = makeTracker(repo);
    await tracker.createIssue({ title: "first ever", status: "Open" });
    await tracker.flush();
    expect(originSubjects(repo)).toEqual(["oompah: create WORK-1"]);
    await tracker.close();
  });

  it("[C39] refuses writes and flushes while the checkout is on another branch", async () => {
    const repo = makeRepo();
    const { tracker } = makeTracker(repo);
    await tracker.createIssue({ title: "x", status: "Open" });
    await tracker.flush();
    git(repo.work, repo.env, "checkout", "-q", "-b", "feature");
    expect(await codeOf(tracker.createIssue({ title: "y" }))).toBe("tracker_write_refused");
    expect(await codeOf(tracker.updateIssue("WORK-1", { status: "Done" }))).toBe(
      "tracker_write_refused",
    );
    expect(await codeOf(tracker.flush())).toBe("tracker_write_refused");
    expect(existsSync(join(repo.work, ".oompah/tasks/open/WORK-1.md"))).toBe(true);
    expect(existsSync(join(repo.work, ".oompah/tasks/backlog/WORK-2.md"))).toBe(false);
    git(repo.work, repo.env, "checkout", "-q", "main");
    await tracker.updateIssue("WORK-1", { status: "Done" });
    await tracker.close();
    expect(originTaskFiles(repo)).toEqual([".oompah/tasks/done/WORK-1.md"]);
  });

  it("[C40] integrates an advanced origin and pushes; keeps both sides", async () => {
    const repo = makeRepo();
    const { tracker } = makeTracker(repo);
    await tracker.createIssue({ title: "ours", status: "Open" });
    await tracker.flush();
    const other = otherClone(repo);
    writeFileSync(join(other, "NOTES.md"), "human change\n");
    mkdirSync(join(other, ".oompah/tasks/open"), { recursive: true });
    writeFileSync(
      join(other, ".oompah/tasks/open/WORK-50.md"),
      "---\nid: WORK-50\nstatus: Open\ntitle: From elsewhere\n---\n## Summary\n\nHi\n",
    );
    commitAndPush(other, repo, "human work");
    await tracker.addComment("WORK-1", { author: "oompah", text: "progress" });
    await tracker.flush();
    expect(originSubjects(repo).slice(0, 2)).toEqual(["oompah: comment WORK-1", "human work"]);
    expect(existsSync(join(repo.work, "NOTES.md"))).toBe(true);
    // The remote task shows up once HEAD moved, with no restart.
    expect((await tracker.fetchIssuesByIds(["WORK-50"]))[0]?.title).toBe("From elsewhere");
    expect((await tracker.createIssue({ title: "after" })).id).toBe("WORK-51");
    await tracker.close();
  });

  it("[C40] after three rejected pushes raises tracker_push_failed and keeps the commit for the next flush", async () => {
    const repo = makeRepo();
    const marker = join(repo.root, "reject-pushes");
    const attempts = join(repo.root, "push-attempts");
    const hook = join(repo.origin, "hooks/pre-receive");
    writeFileSync(
      hook,
      `#!/bin/sh\necho x >> '${attempts}'\nif [ -e '${marker}' ]; then echo "pushes are frozen" >&2; exit 1; fi\nexit 0\n`,
    );
    chmodSync(hook, 0o755);
    const pauses: number[] = [];
    const { tracker, alerts } = makeTracker(repo, {
      sleep: (ms) => {
        pauses.push(ms);
        return Promise.resolve();
      },
    });
    writeFileSync(marker, "");
    await tracker.createIssue({ title: "stuck", status: "Open" });
    expect(await codeOf(tracker.flush())).toBe("tracker_push_failed");
    expect(readFileSync(attempts, "utf8").trim().split("\n")).toHaveLength(3);
    expect(pauses).toEqual([100, 200]);
    expect(alerts.map((a) => a.code)).toEqual(["tracker_push_failed"]);
    expect(alerts[0]?.hint).toBeTruthy();
    expect(git(repo.work, repo.env, "log", "-1", "--format=%s")).toBe("oompah: create WORK-1");
    expect(originSubjects(repo)).toEqual(["initial"]);
    rmSync(marker);
    await tracker.flush();
    expect(originSubjects(repo)[0]).toBe("oompah: create WORK-1");
    await tracker.close();
  });

  it("[C41] aborts a conflicting rebase, leaves the checkout unchanged, never resets", async () => {
    const repo = makeRepo();
    const spy = gitSpy(repo);
    const { tracker, alerts } = makeTracker(repo, { env: spy.env });
    await tracker.createIssue({ title: "contested", status: "Open" });
    await tracker.flush();
    const other = otherClone(repo);
    const theirs = join(other, ".oompah/tasks/open/WORK-1.md");
    writeFileSync(
      theirs,
      readFileSync(theirs, "utf8").replace("title: contested", "title: theirs"),
    );
    commitAndPush(other, repo, "human retitle");
    await tracker.updateIssue("WORK-1", { title: "ours" });
    expect(await codeOf(tracker.flush())).toBe("tracker_sync_conflict");
    expect(alerts.map((a) => a.code)).toContain("tracker_sync_conflict");
    const calls = spy.calls();
    expect(calls.some((c) => c === "rebase --abort")).toBe(true);
    expect(calls.some((c) => /^reset\b.*--hard/.test(c))).toBe(false);
    expect(existsSync(join(repo.work, ".git/rebase-merge"))).toBe(false);
    expect(git(repo.work, repo.env, "status", "--porcelain")).toBe("");
    expect(git(repo.work, repo.env, "log", "-1", "--format=%s")).toBe("oompah: update WORK-1");
    expect((await tracker.getIssueDetail("WORK-1")).issue.title).toBe("ours");
    expect(originSubjects(repo)[0]).toBe("human retitle");
    await tracker.dispose();
  });

  it("pull() brings a remote edit in, invalidates the cache and calls onChange", async () => {
    const repo = makeRepo();
    let changes = 0;
    const { tracker } = makeTracker(repo, { onChange: () => changes++, watch: false });
    await tracker.createIssue({ title: "before", status: "Open" });
    await tracker.flush();
    expect((await tracker.fetchIssuesByStates(["Open"]))[0]?.title).toBe("before");
    const other = otherClone(repo);
    const file = join(other, ".oompah/tasks/open/WORK-1.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("title: before", "title: remote edit"));
    commitAndPush(other, repo, "remote edit");
    await tracker.pull({ force: true });
    expect(changes).toBe(1);
    expect((await tracker.fetchIssuesByStates(["Open"]))[0]?.title).toBe("remote edit");
    await tracker.close();
  });

  it("commits task files left uncommitted by a crashed process on the next start", async () => {
    const repo = makeRepo();
    const first = makeTracker(repo).tracker;
    await first.createIssue({ title: "orphan", status: "Open" });
    await first.addComment("WORK-1", { author: "oompah", text: "about to crash" });
    await first.dispose(); // no flush: as if the process died here
    expect(git(repo.work, repo.env, "status", "--porcelain")).not.toBe("");
    const second = makeTracker(repo, { commitDebounceMs: 20 }).tracker;
    await waitFor(() => originSubjects(repo)[0] === "oompah: create WORK-1", {
      what: "recovery commit",
    });
    expect(originTaskFiles(repo)).toEqual([".oompah/tasks/open/WORK-1.md"]);
    expect(await second.listComments("WORK-1")).toHaveLength(1);
    await second.close();
  });
});
