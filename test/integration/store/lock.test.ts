import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OompahError } from "../../../src/domain/errors.js";
import { openStore } from "../../../src/store/db.js";
import type { Store } from "../../../src/store/db.js";
import { acquireDataDirLock } from "../../../src/store/lock.js";
import { tempDir } from "../../helpers/sandbox.js";
import { exited, firstJsonLine, spawnOpener } from "./fixtures/child.js";

const open: Store[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function openTracked(dataDir: string, extra: { socketPath?: string } = {}): Promise<Store> {
  const s = await openStore({ dataDir, ...extra });
  open.push(s);
  return s;
}

describe("data-dir lock", () => {
  it("[C19] a second process opening the same data dir fails with data_dir_locked", async () => {
    const dataDir = join(tempDir(), "home");
    await openTracked(dataDir);

    const child = spawnOpener("try", dataDir);
    const out = await firstJsonLine(child);
    expect(out).toMatchObject({ ok: false, code: "data_dir_locked" });
    expect(String(out.hint)).toContain(join(dataDir, "oompah.lock"));
    expect((await exited(child)).code).toBe(1);
  });

  it("[C19] the lock is released by the OS when the holder is killed with SIGKILL", async () => {
    const dataDir = join(tempDir(), "home");
    const holder = spawnOpener("hold", dataDir);
    try {
      const ready = await firstJsonLine(holder);
      expect(ready).toMatchObject({ ready: true });

      const err = await openStore({ dataDir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OompahError);
      expect((err as OompahError).code).toBe("data_dir_locked");

      holder.kill("SIGKILL");
      expect((await exited(holder)).signal).toBe("SIGKILL");

      const store = await openTracked(dataDir);
      expect(store.epoch).toBe(ready.epoch);
    } finally {
      if (holder.exitCode === null && holder.signalCode === null) holder.kill("SIGKILL");
    }
  });

  it("rejects a second opener in the same process and frees the lock on close", async () => {
    const dataDir = join(tempDir(), "home");
    const first = await openStore({ dataDir });
    await expect(openStore({ dataDir })).rejects.toMatchObject({ code: "data_dir_locked" });
    expect(() => acquireDataDirLock(dataDir)).toThrow(/another oompah process/);
    await first.close();
    await first.close(); // idempotent
    const second = await openTracked(dataDir);
    expect(second.epoch).toBe(first.epoch);
  });

  it("removes a stale socket once the lock is held", async () => {
    const dataDir = join(tempDir(), "home");
    const socketPath = join(tempDir(), "oompah.sock");
    writeFileSync(socketPath, "stale");
    await openTracked(dataDir, { socketPath });
    expect(existsSync(socketPath)).toBe(false);
  });

  it("keeps the socket of a live holder in place", async () => {
    const dataDir = join(tempDir(), "home");
    await openTracked(dataDir);
    const socketPath = join(tempDir(), "oompah.sock");
    writeFileSync(socketPath, "live");
    await expect(openStore({ dataDir, socketPath })).rejects.toMatchObject({
      code: "data_dir_locked",
    });
    expect(existsSync(socketPath)).toBe(true);
  });

  it("creates the data dir and its subfolders with mode 0700", async () => {
    const dataDir = join(tempDir(), "nested", "home");
    const store = await openTracked(dataDir);
    for (const dir of [
      dataDir,
      ...["logs", "tmp", "agent-logs", "repos"].map((d) => join(dataDir, d)),
    ]) {
      expect(statSync(dir).mode & 0o777, dir).toBe(0o700);
    }
    expect(store.path).toBe(join(dataDir, "oompah.db"));
    expect(existsSync(join(dataDir, "oompah.lock"))).toBe(true);
  });
});
