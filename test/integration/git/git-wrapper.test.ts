import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git, identityEnv } from "../../../src/git/git.js";
import { readHead } from "../../../src/git/head.js";
import * as ops from "../../../src/git/ops.js";
import { activeRepoLocks, withRepoLock } from "../../../src/git/repo-lock.js";
import { git as gitSync, makeRepoWithOrigin, tempDir, waitFor } from "../../helpers/sandbox.js";
import { processAlive, rejectionOf } from "../../helpers/failures.js";

describe("git wrapper", () => {
  it("runs git with an argument array and returns its output", async () => {
    const { work, env } = makeRepoWithOrigin();
    const r = await git(["log", "--format=%s"], { cwd: work, env });
    expect(r.stdout.trim()).toBe("initial");
    expect(await ops.currentBranch({ cwd: work, env })).toBe("main");
  });

  it("reports a failing command as git_failed with args, exit code and stderr tail", async () => {
    const { work, env } = makeRepoWithOrigin();
    const e = await rejectionOf(git(["rev-parse", "--verify", "no-such-ref"], { cwd: work, env }));
    expect(e.code).toBe("git_failed");
    expect(e.details).toMatchObject({
      args: ["rev-parse", "--verify", "no-such-ref"],
      exit_code: 128,
    });
    expect(String(e.details?.stderr_tail)).toMatch(/Needed a single revision/);
  });

  it("reports a missing git executable as git_not_found", async () => {
    const dir = tempDir();
    const e = await rejectionOf(git(["status"], { cwd: dir, env: { PATH: join(dir, "nothing") } }));
    expect(e.code).toBe("git_not_found");
  });

  it("kills the whole process group on timeout (git_timeout)", async () => {
    const { work, env } = makeRepoWithOrigin();
    const pidFile = join(work, "..", "sleeper.pid");
    const started = Date.now();
    const e = await rejectionOf(
      git(["-c", `alias.hang=!sleep 30 & echo $! > '${pidFile}'; wait`, "hang"], {
        cwd: work,
        env,
        timeoutMs: 300,
      }),
    );
    expect(e.code).toBe("git_timeout");
    expect(Date.now() - started).toBeLessThan(5_000);
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    await waitFor(() => !processAlive(pid), { what: "the grandchild sleep to be killed" });
  });

  it("stops on abort and caps output", async () => {
    const { work, env } = makeRepoWithOrigin();
    const ac = new AbortController();
    const p = git(["-c", "alias.hang=!sleep 30", "hang"], { cwd: work, env, signal: ac.signal });
    ac.abort();
    expect((await rejectionOf(p)).code).toBe("aborted");
    const big = await rejectionOf(git(["log", "-p"], { cwd: work, env, maxOutputBytes: 10 }));
    expect(big.details).toMatchObject({ reason: "output_limit" });
  });

  it("commits with the identity given in the environment", async () => {
    const { work, env } = makeRepoWithOrigin();
    writeFileSync(join(work, "a.txt"), "a\n");
    const ctx = {
      cwd: work,
      env: { ...env, ...identityEnv({ name: "Bot", email: "bot@x.test" }) },
    };
    await ops.add(ctx, ["a.txt", "missing-path"]);
    expect(await ops.hasStagedChanges(ctx)).toBe(true);
    expect(await ops.stagedChanges(ctx)).toEqual([{ status: "A", path: "a.txt", from: null }]);
    const sha = await ops.commit(ctx, "add a");
    expect(gitSync(work, env, "log", "-1", "--format=%an <%ae>|%cn|%s")).toBe(
      "Bot <bot@x.test>|Bot|add a",
    );
    expect(readHead(work).sha).toBe(sha);
    expect(readHead(work).branch).toBe("main");
  });

  it("classifies a non-fast-forward push as push_rejected", async () => {
    const { root, origin, work, env } = makeRepoWithOrigin();
    const other = join(root, "other");
    gitSync(root, env, "clone", "-q", origin, other);
    writeFileSync(join(other, "b.txt"), "b\n");
    gitSync(other, env, "add", "-A");
    gitSync(other, env, "commit", "-qm", "other");
    gitSync(other, env, "push", "-q", "origin", "HEAD:main");
    writeFileSync(join(work, "c.txt"), "c\n");
    const ctx = { cwd: work, env };
    await ops.add(ctx, ["c.txt"]);
    await ops.commit(ctx, "mine");
    const e = await rejectionOf(ops.push(ctx, "origin", "HEAD:main"));
    expect(e.code).toBe("push_rejected");
    await ops.fetch(ctx, "origin", "main");
    expect(await ops.mergeFfOnly(ctx, "origin/main")).toBe(false);
    await ops.rebase(ctx, "origin/main", { autostash: true });
    await ops.push(ctx, "origin", "HEAD:main");
    expect(await ops.countAhead(ctx, "origin/main")).toBe(0);
  });

  it("classifies a stopped rebase as rebase_conflict and aborts it cleanly", async () => {
    const { root, origin, work, env } = makeRepoWithOrigin({ "f.txt": "base\n" });
    const other = join(root, "other");
    gitSync(root, env, "clone", "-q", origin, other);
    writeFileSync(join(other, "f.txt"), "theirs\n");
    gitSync(other, env, "commit", "-qam", "theirs");
    gitSync(other, env, "push", "-q", "origin", "HEAD:main");
    writeFileSync(join(work, "f.txt"), "mine\n");
    const ctx = { cwd: work, env };
    gitSync(work, env, "commit", "-qam", "mine");
    const head = gitSync(work, env, "rev-parse", "HEAD");
    await ops.fetch(ctx, "origin", "main");
    const e = await rejectionOf(ops.rebase(ctx, "origin/main"));
    expect(e.code).toBe("rebase_conflict");
    expect(await ops.rebaseInProgress(ctx)).toBe(true);
    await ops.rebaseAbort(ctx);
    expect(await ops.rebaseInProgress(ctx)).toBe(false);
    expect(gitSync(work, env, "rev-parse", "HEAD")).toBe(head);
    expect(readFileSync(join(work, "f.txt"), "utf8")).toBe("mine\n");
  });

  it("lists porcelain status and reads a detached HEAD", async () => {
    const { work, env } = makeRepoWithOrigin();
    writeFileSync(join(work, "new file.txt"), "x");
    const ctx = { cwd: work, env };
    expect(await ops.statusPorcelain(ctx)).toEqual([{ xy: "??", path: "new file.txt" }]);
    gitSync(work, env, "checkout", "-q", "--detach");
    expect(await ops.currentBranch(ctx)).toBeNull();
    expect(readHead(work).branch).toBeNull();
    expect(await ops.revParse(ctx, "nope")).toBeNull();
    const dest = join(work, "..", "copy");
    await ops.clone({ cwd: join(work, ".."), env }, join(work, "..", "origin.git"), dest);
    expect(existsSync(join(dest, "README.md"))).toBe(true);
  });
});

describe("repository lock", () => {
  it("serialises critical sections per repository path and cleans up", async () => {
    const dir = tempDir();
    const order: string[] = [];
    const section = (name: string, ms: number): Promise<void> =>
      withRepoLock(dir, async () => {
        order.push(`${name}:in`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${name}:out`);
      });
    const failing = withRepoLock(`${dir}/./`, () => Promise.reject(new Error("boom")));
    await Promise.all([section("a", 30), failing.catch(() => undefined), section("b", 1)]);
    expect(order).toEqual(["a:in", "a:out", "b:in", "b:out"]);
    await expect(failing).rejects.toThrow("boom");
    expect(activeRepoLocks()).toBe(0);
  });
});
