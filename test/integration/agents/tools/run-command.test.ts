import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "../../../helpers/sandbox.js";
import { toolBench } from "./harness.js";
import { processAlive } from "../../../helpers/failures.js";

/** True while `pid` is a live (non-zombie) process. */

describe("run_command", () => {
  it("runs in the worktree and returns the exit code", async () => {
    const b = toolBench({ "src/x.txt": "" });
    const r = await b.call("run_command", { command: "pwd; ls src; exit 3" });
    expect(r.ok).toBe(false);
    expect(r.exit_code).toBe(3);
    expect(r.output).toContain("x.txt");
    expect(r.output).toContain("[exit code 3]");
  });

  it("[C114] elides output beyond 64,000 characters in the middle", async () => {
    const b = toolBench();
    const r = await b.call("run_command", {
      command: "echo START; head -c 200000 /dev/zero | tr '\\0' x; echo; echo END",
    });
    expect(r.exit_code).toBe(0);
    const body = r.output.replace(/\n\[exit code 0\]$/, "");
    expect(body.length).toBeLessThanOrEqual(64_000);
    expect(body.startsWith("START\nxxx")).toBe(true);
    expect(body.endsWith("xxx\nEND")).toBe(true);
    expect(body).toMatch(/…\[\d+ chars elided\]…/);
  });

  it("[C114] kills the whole process group on timeout", async () => {
    const b = toolBench({}, { commandTimeoutMs: 60_000 });
    const pidFile = join(b.worktree, "grandchild.pid");
    const r = await b.call("run_command", {
      command: `(sleep 300 & echo $! > ${pidFile}; wait) & wait`,
      timeout_s: 1,
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("command_timeout");
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    expect(pid).toBeGreaterThan(0);
    await waitFor(() => !processAlive(pid));
  });

  it("[C115] refuses cd /etc && ls but runs cd src && ls", async () => {
    const b = toolBench({ "src/inside.txt": "" });
    const refused = await b.call("run_command", { command: "cd /etc && ls" });
    expect(refused.ok).toBe(false);
    expect(refused.output).toContain("path_outside_workspace");
    for (const command of [
      "cd ~ && ls",
      "pushd ../.. && ls",
      `cd ${b.outside}`,
      "cd src && cd ../.. && ls",
    ]) {
      expect((await b.call("run_command", { command })).output, command).toContain(
        "path_outside_workspace",
      );
    }
    const ok = await b.call("run_command", { command: "cd src && ls" });
    expect(ok.exit_code).toBe(0);
    expect(ok.output).toContain("inside.txt");
    expect((await b.call("run_command", { command: "cd src && cd .. && ls" })).exit_code).toBe(0);
  });

  it("disables interactive git and closes stdin", async () => {
    const b = toolBench({}, { env: { PATH: process.env.PATH ?? "", GIT_ASKPASS: "/bin/askpass" } });
    const r = await b.call("run_command", {
      command: 'echo "p=$GIT_TERMINAL_PROMPT e=$GIT_EDITOR a=${GIT_ASKPASS-unset}"; cat; echo done',
    });
    expect(r.output).toContain("p=0 e=true a=unset");
    expect(r.output).toContain("done");
  });
});
