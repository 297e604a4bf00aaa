import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isValidBranchName } from "../../../src/workspace/keys.js";
import { runShell } from "../../../src/workspace/process.js";
import { tempDir, waitFor } from "../../helpers/sandbox.js";
import { processAlive } from "../../helpers/failures.js";

const env = { PATH: process.env.PATH ?? "" };

describe("runShell", () => {
  it("returns the exit code and interleaved output", async () => {
    const r = await runShell("echo out; echo err >&2; exit 4", {
      cwd: tempDir(),
      env,
      timeoutMs: 10_000,
    });
    expect(r).toMatchObject({
      exitCode: 4,
      signal: null,
      timedOut: false,
      aborted: false,
      truncated: false,
    });
    expect(r.output).toBe("out\nerr\n");
  });

  it("caps the output, keeping head and tail", async () => {
    const r = await runShell("echo FIRST; head -c 300000 /dev/zero | tr '\\0' x; echo; echo LAST", {
      cwd: tempDir(),
      env,
      timeoutMs: 10_000,
      maxOutputBytes: 1024,
    });
    expect(r.truncated).toBe(true);
    expect(r.outputBytes).toBeGreaterThan(300_000);
    expect(r.output.startsWith("FIRST\n")).toBe(true);
    expect(r.output.endsWith("LAST\n")).toBe(true);
    expect(r.output).toMatch(/bytes of output elided/);
    expect(r.output.length).toBeLessThan(1200);
  });

  it("stops the whole group when aborted", async () => {
    const dir = tempDir();
    const pidFile = join(dir, "pid");
    const ac = new AbortController();
    const p = runShell(`sleep 60 & echo $! > '${pidFile}'; wait`, {
      cwd: dir,
      env,
      timeoutMs: 60_000,
      signal: ac.signal,
      graceMs: 200,
    });
    const pid = await waitFor(() => Number(readFileSync(pidFile, "utf8").trim()) || null, {
      what: "pid file",
    });
    ac.abort();
    const r = await p;
    expect(r.aborted).toBe(true);
    expect(r.exitCode).toBeNull();
    await waitFor(() => !processAlive(pid), { what: "background job to be killed" });
  });

  it("does not wait for a background job the shell left behind, and kills it", async () => {
    const dir = tempDir();
    const pidFile = join(dir, "pid");
    const r = await runShell(`sleep 60 & echo $! > '${pidFile}'; echo done`, {
      cwd: dir,
      env,
      timeoutMs: 20_000,
      graceMs: 200,
    });
    expect(r).toMatchObject({ exitCode: 0, timedOut: false });
    expect(r.output).toBe("done\n");
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    await waitFor(() => !processAlive(pid), { what: "leftover job to be killed" });
  });

  it("feeds stdin when given", async () => {
    const r = await runShell("tr a-z A-Z", {
      cwd: tempDir(),
      env,
      timeoutMs: 10_000,
      stdin: "hello",
    });
    expect(r.output).toBe("HELLO");
  });

  it("rejects with spawn_failed when the directory does not exist", async () => {
    await expect(
      runShell("true", { cwd: join(tempDir(), "missing"), env, timeoutMs: 1000 }),
    ).rejects.toMatchObject({
      code: "spawn_failed",
    });
  });
});

describe("isValidBranchName", () => {
  // `@` and `HEAD` are refused on purpose even where git would resolve them.
  it("agrees with git check-ref-format --branch", () => {
    const cwd = tempDir();
    const names = [
      "main",
      "oompah/x-1",
      "a..b",
      "a/",
      "a.",
      "x.lock",
      "a/.b",
      "a b",
      "-x",
      "a@{1}",
      "a//b",
      "x@y",
      "a~b",
      "ok.name/v1.2",
    ];
    for (const name of names) {
      let gitOk = true;
      try {
        execFileSync("git", ["check-ref-format", "--branch", name], { cwd, stdio: "ignore" });
      } catch {
        gitOk = false;
      }
      expect(isValidBranchName(name), name).toBe(gitOk);
    }
  });
});
