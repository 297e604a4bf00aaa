/**
 * Commit subjects for task-file syncs: `oompah: <verb> <ID>[, …]` with verbs
 * `create`, `update`, `comment` and `move <ID> to <Status>` (SPEC §5.2).
 * Pending mutations recorded by the adapter say what happened; staged files
 * nobody recorded (a crashed process, another adapter instance) are described
 * from `git diff --cached --name-status`.
 */
import type { StagedChange } from "../../git/ops.js";
import type { CanonicalStatus } from "../../domain/status.js";
import { ATTACHMENTS_DIR, statusOfDir, stemOf, TASKS_DIR } from "./layout.js";

/** One recorded task mutation. */
export type SyncVerb =
  | { verb: "create" | "update" | "comment"; id: string }
  | { verb: "move"; id: string; status: CanonicalStatus };

const RANK: Record<SyncVerb["verb"], number> = { comment: 0, update: 1, move: 2, create: 3 };
const MAX_ITEMS = 10;

/** Folds `next` into the pending entry for the same id (create > move > update > comment). */
export function mergeVerb(prev: SyncVerb | undefined, next: SyncVerb): SyncVerb {
  if (!prev) return next;
  if (prev.verb === "create") return prev;
  if (next.verb === "move") return next;
  return RANK[next.verb] > RANK[prev.verb] ? next : prev;
}

/** Describes staged changes under the task and attachment roots as verbs. */
export function verbsFromStaged(changes: readonly StagedChange[]): SyncVerb[] {
  const added = new Map<string, CanonicalStatus | null>();
  const deleted = new Set<string>();
  const out = new Map<string, SyncVerb>();
  const put = (v: SyncVerb): void => void out.set(v.id, mergeVerb(out.get(v.id), v));
  for (const c of changes) {
    if (c.path.startsWith(`${ATTACHMENTS_DIR}/`)) {
      const id = c.path.slice(ATTACHMENTS_DIR.length + 1).split("/")[0];
      if (id && !id.startsWith(".")) put({ verb: "update", id });
      continue;
    }
    if (!c.path.startsWith(`${TASKS_DIR}/`) || !c.path.endsWith(".md")) continue;
    const dir = c.path.split("/").at(-2) ?? "";
    const stem = stemOf(c.path);
    if (c.status === "A") added.set(stem, statusOfDir(dir));
    else if (c.status === "D") deleted.add(stem);
    else if (c.status === "R" && statusOfDir(dir)) {
      put({ verb: "move", id: stem, status: statusOfDir(dir) as CanonicalStatus });
    } else put({ verb: "update", id: stem });
  }
  for (const [stem, status] of added) {
    if (deleted.has(stem) && status) put({ verb: "move", id: stem, status });
    else put({ verb: "create", id: stem });
  }
  for (const stem of deleted) if (!added.has(stem)) put({ verb: "update", id: stem });
  return [...out.values()];
}

/** The commit subject for a set of verbs (at most ten items, then `and N more`). */
export function commitSubject(verbs: readonly SyncVerb[]): string {
  const items = verbs.map((v) =>
    v.verb === "move" ? `move ${v.id} to ${v.status}` : `${v.verb} ${v.id}`,
  );
  if (items.length === 0) return "oompah: sync tasks";
  const shown = items.slice(0, MAX_ITEMS).join(", ");
  const more = items.length > MAX_ITEMS ? `, and ${items.length - MAX_ITEMS} more` : "";
  return `oompah: ${shown}${more}`;
}
