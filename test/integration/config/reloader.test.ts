import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { OompahError, Warning } from "../../../src/domain/errors.js";
import { loadWorkflow, type LoadedWorkflow } from "../../../src/config/load.js";
import { ConfigReloader } from "../../../src/config/reloader.js";
import { tempDir, waitFor } from "../../helpers/sandbox.js";

const reloaders: ConfigReloader[] = [];
afterEach(async () => {
  await Promise.all(reloaders.splice(0).map((r) => r.stop()));
});

const workflow = (interval: number, extra = "") =>
  `---\npolling:\n  interval_ms: ${interval}\n${extra}---\nFix {{ issue.identifier }}\n`;

async function setup(text: string, opts: { watch?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const dir = tempDir();
  const file = join(dir, "WORKFLOW.md");
  writeFileSync(file, text);
  const load = () => loadWorkflow({ path: file, cwd: dir, env: { HOME: dir, ...opts.env } });
  const initial = await load();
  const applied: Array<{ next: LoadedWorkflow; warnings: Warning[] }> = [];
  const errors: OompahError[] = [];
  const reloader = new ConfigReloader({
    path: file,
    initial,
    load,
    onApply: (next, warnings) => applied.push({ next, warnings }),
    onError: (err) => errors.push(err),
    debounceMs: 80,
    pollMs: 600_000,
  });
  reloaders.push(reloader);
  if (opts.watch !== false) {
    reloader.start();
    await reloader.ready();
  }
  return { dir, file, initial, reloader, applied, errors };
}

/** Saves `text` once and waits for the watcher-driven reload to be observed. */
async function saveUntil(file: string, text: string, seen: () => boolean): Promise<void> {
  writeFileSync(file, text);
  await waitFor(seen, { what: "the watcher to report the edit" });
}

describe("ConfigReloader (SPEC §3.7)", () => {
  it("[C15] a saved valid edit changes polling.interval_ms via the file watcher, without restart", async () => {
    const { file, initial, reloader, applied } = await setup(workflow(30000));
    await saveUntil(file, workflow(5000), () => applied.length > 0);
    expect(reloader.current.config.polling.interval_ms).toBe(5000);
    expect(applied[0]?.next.config.polling.interval_ms).toBe(5000);
    expect(reloader.lastError).toBeNull();
    // A running session holds the config it started with; the swap never mutates it.
    expect(initial.config.polling.interval_ms).toBe(30000);
  });

  it("[C15] sees an editor that saves by writing a new file and renaming it over the old one", async () => {
    const { dir, file, reloader, applied } = await setup(workflow(30000));
    const tmp = join(dir, ".WORKFLOW.md.swp");
    const save = () => {
      writeFileSync(tmp, workflow(7000));
      renameSync(tmp, file);
    };
    save();
    await waitFor(() => applied.length > 0, { what: "reload after rename" });
    expect(reloader.current.config.polling.interval_ms).toBe(7000);
    // The watcher survives the replacement: a second edit is seen too.
    await saveUntil(
      file,
      workflow(8000),
      () => reloader.current.config.polling.interval_ms === 8000,
    );
  });

  it("[C16] invalid YAML keeps the last-known-good config, sets lastError and calls onError; fixing clears it", async () => {
    const { file, reloader, errors, applied } = await setup(workflow(30000));
    const good = reloader.current;
    await saveUntil(file, "---\npolling: {\n---\n", () => errors.length > 0);
    expect(errors[0]?.code).toBe("workflow_parse_error");
    expect(reloader.current).toBe(good);
    expect(reloader.lastError).toMatchObject({ code: "workflow_parse_error", path: file });
    expect(Date.parse(reloader.lastError?.at ?? "")).not.toBeNaN();
    // The same bad file is reported once, not on every tick.
    await reloader.checkNow();
    await reloader.checkNow();
    expect(errors).toHaveLength(1);
    await saveUntil(file, workflow(12000), () => applied.length > 0);
    expect(reloader.lastError).toBeNull();
    expect(reloader.current.config.polling.interval_ms).toBe(12000);
  });

  it("[C17] changing server.port on reload yields restart_required and keeps the running port", async () => {
    const { file, reloader, applied } = await setup(workflow(30000, "server:\n  port: 8080\n"), {
      watch: false,
    });
    writeFileSync(file, workflow(9000, "server:\n  port: 9191\n  host: localhost\n"));
    await reloader.checkNow();
    expect(applied).toHaveLength(1);
    const { next, warnings } = applied[0]!;
    expect(next.config.server.port).toBe(8080);
    expect(next.config.server.host).toBe("127.0.0.1");
    expect(next.config.polling.interval_ms).toBe(9000);
    expect(warnings.filter((w) => w.code === "restart_required").map((w) => w.path)).toEqual([
      "server.host",
      "server.port",
    ]);
    expect(reloader.current.warnings.map((w) => w.code)).toContain("restart_required");
  });

  it("keeps running secrets when server.api_token changes on reload", async () => {
    const tokenA = "a".repeat(30);
    const { file, reloader, applied } = await setup(
      workflow(30000, "server:\n  api_token: $TOK_A\n"),
      { watch: false, env: { TOK_A: tokenA, TOK_B: "b".repeat(30) } },
    );
    writeFileSync(file, workflow(30000, "server:\n  api_token: $TOK_B\n"));
    await reloader.checkNow();
    expect(applied[0]?.warnings.map((w) => [w.code, w.path])).toEqual([
      ["restart_required", "server.api_token"],
    ]);
    expect(applied[0]?.warnings[0]?.message).not.toContain("aaaa");
    expect(reloader.current.config.server.api_token).toBe(tokenA);
    expect(reloader.current.secrets).toEqual([
      expect.objectContaining({ path: "server.api_token", source: "env:TOK_A", value: tokenA }),
    ]);
  });

  it("rejects a reload carrying server.workers > 1 and keeps the last good config", async () => {
    const { file, reloader, errors, applied } = await setup(workflow(30000), { watch: false });
    const good = reloader.current;
    writeFileSync(file, workflow(5000, "server:\n  workers: 4\n"));
    await reloader.checkNow();
    expect(applied).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(["server_workers_unsupported"]);
    expect(reloader.current).toBe(good);
    expect(reloader.lastError).toMatchObject({
      code: "server_workers_unsupported",
      path: "server.workers",
    });
  });

  it("checkNow re-hashes the file: an untouched file applies nothing, a changed one reloads", async () => {
    const { file, reloader, applied } = await setup(workflow(30000), { watch: false });
    await reloader.checkNow();
    expect(applied).toEqual([]);
    writeFileSync(file, workflow(30000) + "\nMore text.\n");
    await reloader.checkNow();
    expect(applied).toHaveLength(1);
    expect(reloader.current.templateSource).toContain("More text.");
  });

  it("a deleted file keeps the last good config with missing_workflow_file; restoring it clears the error", async () => {
    const { file, reloader, errors, applied } = await setup(workflow(30000), { watch: false });
    rmSync(file);
    await reloader.checkNow();
    await reloader.checkNow();
    expect(errors.map((e) => e.code)).toEqual(["missing_workflow_file"]);
    expect(reloader.current.config.polling.interval_ms).toBe(30000);
    writeFileSync(file, workflow(30000));
    await reloader.checkNow();
    expect(reloader.lastError).toBeNull();
    expect(applied).toHaveLength(1);
  });

  it("the stat poll picks up an edit when no fs event is delivered", async () => {
    const dir = tempDir();
    const file = join(dir, "WORKFLOW.md");
    writeFileSync(file, workflow(30000));
    const load = () => loadWorkflow({ path: file, cwd: dir, env: { HOME: dir } });
    const applied: LoadedWorkflow[] = [];
    const reloader = new ConfigReloader({
      path: file,
      initial: await load(),
      load,
      onApply: (n) => applied.push(n),
      onError: () => undefined,
      debounceMs: 600_000,
      pollMs: 50,
    });
    reloaders.push(reloader);
    reloader.start();
    writeFileSync(file, workflow(4000));
    await waitFor(() => applied.length > 0, { what: "poll-driven reload" });
    expect(reloader.current.config.polling.interval_ms).toBe(4000);
  });

  it("the built-in default workflow has nothing to watch", async () => {
    const dir = tempDir();
    const initial = await loadWorkflow({ cwd: dir, env: { HOME: dir } });
    let calls = 0;
    const reloader = new ConfigReloader({
      path: null,
      initial,
      load: () => loadWorkflow({ cwd: dir, env: { HOME: dir } }),
      onApply: () => calls++,
      onError: () => calls++,
    });
    reloaders.push(reloader);
    reloader.start();
    await reloader.checkNow();
    expect(reloader.current).toBe(initial);
    expect(calls).toBe(0);
  });
});
