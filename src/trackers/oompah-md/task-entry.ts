/**
 * One task file in the read cache: where it lives, the stat it was read at,
 * and what it says. The Issue projection is built once per parse; the full
 * document is kept only when a read needs it (comments, detail): listings of
 * thousands of tasks then leave no parse tree behind for the garbage
 * collector to carry, and an entry without one (also every entry restored
 * from a persisted snapshot) is re-parsed on demand.
 */
import type { Warning } from "../../domain/errors.js";
import type { Issue } from "../../domain/issue.js";
import type { CanonicalStatus } from "../../domain/status.js";
import {
  corruptStubIssue,
  docId,
  docUpdatedAt,
  parseTaskFile,
  taskToIssue,
  type TaskDocument,
} from "./format/index.js";
import { statusOfDir, stemOf } from "./layout.js";

/** One task file as last read. */
export interface TaskEntry {
  /** Repo-relative POSIX path. */
  relPath: string;
  stem: string;
  dirName: string;
  /** Status implied by the directory (legacy names mapped). */
  dirStatus: CanonicalStatus;
  mtimeMs: number;
  size: number;
  /** Inode, so a same-size same-mtime replacement is still noticed. */
  ino: number;
  /** The parsed document once a read needed it; null until then and for a corrupt stub. */
  doc: TaskDocument | null;
  /** Why the file is a corrupt stub; null for a readable task. */
  corruptReason: string | null;
  id: string;
  /** The issue's canonical status (front matter wins over the directory). */
  status: CanonicalStatus;
  updatedAt: string | null;
  /** Frozen Issue projection (blocker states not filled in). */
  issue: Issue;
}

/** File facts the cache compares to notice a change. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
  ino: number;
}

/** Directory facts of a task path, or null when it is not in a status directory. */
export function locate(
  rel: string,
): { stem: string; dirName: string; dirStatus: CanonicalStatus } | null {
  const dirName = rel.split("/").at(-2) ?? "";
  const dirStatus = statusOfDir(dirName);
  return dirStatus ? { stem: stemOf(rel), dirName, dirStatus } : null;
}

/** Freezes an issue and its lists: issues are snapshots shared by every caller. */
export function freezeIssue(issue: Issue): Issue {
  for (const list of [issue.labels, issue.blocked_by, issue.children, issue.attachments]) {
    Object.freeze(list);
  }
  return Object.freeze(issue);
}

/** Parses file text into a cache entry that keeps the parsed document when `keepDoc`. */
export function entryFromText(
  rel: string,
  text: string,
  stamp: FileStamp,
  projectId: string,
  onWarning: (w: Warning) => void,
  keepDoc = false,
): TaskEntry | null {
  const where = locate(rel);
  if (!where) return null;
  const parsed = parseTaskFile(text, { stem: where.stem, dirSlug: where.dirName });
  if (parsed.kind === "corrupt") {
    const issue = freezeIssue(corruptStubIssue(where.stem, where.dirStatus, projectId));
    return makeEntry(
      rel,
      where,
      stamp,
      null,
      parsed.reason,
      where.stem,
      where.dirStatus,
      null,
      issue,
    );
  }
  for (const w of parsed.warnings) onWarning({ ...w, path: rel });
  const doc = parsed.doc;
  const issue = freezeIssue(taskToIssue(doc, { projectId, dirStatus: where.dirStatus }));
  return makeEntry(
    rel,
    where,
    stamp,
    keepDoc ? doc : null,
    null,
    docId(doc),
    issue.state,
    docUpdatedAt(doc),
    issue,
  );
}

/** Builds an entry as one fixed-shape literal (listing 10,000 of them stays monomorphic). */
export function makeEntry(
  relPath: string,
  where: { stem: string; dirName: string; dirStatus: CanonicalStatus },
  stamp: FileStamp,
  doc: TaskDocument | null,
  corruptReason: string | null,
  id: string,
  status: CanonicalStatus,
  updatedAt: string | null,
  issue: Issue,
): TaskEntry {
  return {
    relPath,
    stem: where.stem,
    dirName: where.dirName,
    dirStatus: where.dirStatus,
    mtimeMs: stamp.mtimeMs,
    size: stamp.size,
    ino: stamp.ino,
    doc,
    corruptReason,
    id,
    status,
    updatedAt,
    issue,
  };
}
