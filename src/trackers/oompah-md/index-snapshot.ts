/**
 * A persisted copy of the read cache, so that a restarted process lists
 * thousands of tasks without re-parsing them: entries are restored, every file
 * is re-stat'ed, and only files whose mtime, size or inode differ are parsed.
 *
 * Kept in the checkout's git directory (`.git/oompah/task-index.json`, never
 * committed). It is ignored when the parsing code changed (a fingerprint of
 * the format modules' files) or when it cannot be read. Entries whose mtime
 * is within two seconds of the snapshot time are dropped ("racily clean", as
 * git calls it: an edit in the same clock tick would be invisible).
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { writeFileAtomic } from "./atomic-write.js";
import { freezeIssue, locate, makeEntry, type TaskEntry } from "./task-entry.js";
import type { Issue } from "../../domain/issue.js";
import { isCanonicalStatus } from "../../domain/status.js";

const SNAPSHOT_VERSION = 1;
const RACY_MS = 2_000;

let cachedFingerprint: string | null = null;

/** Identifies the parsing code: the format directory's files and this module's siblings. */
export function parserFingerprint(): string {
  if (cachedFingerprint) return cachedFingerprint;
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash("sha256").update(`v${SNAPSHOT_VERSION}`);
  for (const dir of [here, join(here, "format")]) {
    for (const name of readdirSync(dir).sort()) {
      const st = statSync(join(dir, name));
      if (st.isFile()) hash.update(`${name}:${st.size}:${st.mtimeMs}\n`);
    }
  }
  cachedFingerprint = hash.digest("hex");
  return cachedFingerprint;
}

/** Default snapshot location for a checkout, or null when it has no `.git` directory. */
export function defaultSnapshotPath(repoPath: string): string | null {
  try {
    const st = statSync(join(repoPath, ".git"));
    return st.isDirectory() ? join(repoPath, ".git", "oompah", "task-index.json") : null;
  } catch {
    return null;
  }
}

const RowSchema = z.object({
  p: z.string(),
  m: z.number(),
  s: z.number(),
  i: z.number(),
  id: z.string(),
  st: z.string(),
  u: z.string().nullable(),
  c: z.string().nullable(),
  issue: z.record(z.string(), z.unknown()),
});
const SnapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  fingerprint: z.string(),
  project_id: z.string(),
  taken_at: z.number(),
  rows: z.array(RowSchema),
});

/** Entries restored from `path` (empty when absent, stale or unreadable). */
export async function loadSnapshot(path: string, projectId: string): Promise<TaskEntry[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch {
    return [];
  }
  const parsed = SnapshotSchema.safeParse(raw);
  if (!parsed.success) return [];
  const snap = parsed.data;
  if (snap.fingerprint !== parserFingerprint() || snap.project_id !== projectId) return [];
  const out: TaskEntry[] = [];
  for (const r of snap.rows) {
    const where = locate(r.p);
    if (!where || !isCanonicalStatus(r.st) || r.m >= snap.taken_at - RACY_MS) continue;
    const stamp = { mtimeMs: r.m, size: r.s, ino: r.i };
    const issue = freezeIssue(r.issue as unknown as Issue);
    out.push(makeEntry(r.p, where, stamp, null, r.c, r.id, r.st, r.u, issue));
  }
  return out;
}

/** Writes the entries to `path` atomically. */
export async function saveSnapshot(
  path: string,
  projectId: string,
  entries: Iterable<TaskEntry>,
): Promise<void> {
  const rows = [];
  for (const e of entries) {
    rows.push({
      p: e.relPath,
      m: e.mtimeMs,
      s: e.size,
      i: e.ino,
      id: e.id,
      st: e.status,
      u: e.updatedAt,
      c: e.corruptReason,
      issue: e.issue,
    });
  }
  const snapshot = {
    version: SNAPSHOT_VERSION,
    fingerprint: parserFingerprint(),
    project_id: projectId,
    taken_at: Date.now(),
    rows,
  };
  await writeFileAtomic(path, JSON.stringify(snapshot));
}
