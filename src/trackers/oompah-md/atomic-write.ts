/**
 * Crash-safe file replacement: write a temp file in the target directory,
 * fsync it, then rename over the target. A failure at any step removes the
 * temp file and leaves the original untouched. Temp names are
 * `.oompah_tmp_<random>.tmp`, so a leftover can never be mistaken for a task.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { TEMP_PREFIX } from "./layout.js";

/** Atomically writes `content` to `target`, creating its directory if needed. */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${TEMP_PREFIX}${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(tmp, "wx", 0o644);
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
