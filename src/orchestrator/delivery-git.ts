/**
 * The git steps of delivery (SPEC §12.1 steps 1, 2 and 4) on a run's
 * worktree: revert agent edits under `.oompah/tasks/` (the tracker is only
 * changed through its adapter), commit what the agent left uncommitted, and
 * push the branch with the non-fast-forward and retry rules.
 */
import type { Warning } from "../domain/errors.js";
import { toOompahError } from "../domain/errors.js";
import { git } from "../git/git.js";
import { commit, hasStagedChanges, statusPorcelain, type GitContext } from "../git/ops.js";

export const TRACKER_DIR = ".oompah/tasks";
/** Agent summaries longer than this are cut in commit messages. */
const SUMMARY_CAP = 4_000;
/** Pauses between push attempts on network/auth failures (§12.1 step 4). */
export const PUSH_RETRY_DELAYS_MS: readonly number[] = [2_000, 4_000, 8_000];

/** Step 1: reverts changes under `.oompah/tasks/`; returns the warning when there were any. */
export async function protectTrackerFiles(ctx: GitContext): Promise<Warning | null> {
  const touched = await statusPorcelain(ctx, [TRACKER_DIR]);
  if (touched.length === 0) return null;
  await git(["reset", "-q", "--", TRACKER_DIR], { ...ctx, okExitCodes: [1] });
  const tracked = (
    await git(["ls-tree", "-d", "--name-only", "HEAD", TRACKER_DIR], { ...ctx, okExitCodes: [128] })
  ).stdout.trim();
  if (tracked !== "") await git(["checkout", "HEAD", "--", TRACKER_DIR], ctx);
  await git(["clean", "-fdq", "--", TRACKER_DIR], ctx);
  return {
    code: "agent_touched_tracker_files",
    message: `reverted agent changes under ${TRACKER_DIR}/: ${touched.map((t) => t.path).join(", ")}`,
    path: TRACKER_DIR,
  };
}

/** `<identifier>: <title>`, blank line, summary (≤ 4,000 chars), blank line, `Oompah-Run:` trailer. */
export function commitMessage(m: {
  identifier: string;
  title: string;
  summary: string | null;
  runId: string;
}): string {
  const summary = (m.summary ?? "").trim().slice(0, SUMMARY_CAP);
  const parts = [`${m.identifier}: ${m.title}`.trim()];
  if (summary) parts.push(summary);
  parts.push(`Oompah-Run: ${m.runId}`);
  return parts.join("\n\n") + "\n";
}

/** Step 2: commits every leftover change (`git add -A`); returns the new HEAD, or null when clean. */
export async function commitLeftovers(ctx: GitContext, message: string): Promise<string | null> {
  if ((await statusPorcelain(ctx)).length === 0) return null;
  await git(["add", "-A"], ctx);
  if (!(await hasStagedChanges(ctx))) return null;
  return commit(ctx, message, { noVerify: true });
}

export type PushResult =
  | { ok: true; forced: boolean }
  | { ok: false; rejected: true; message: string }
  | { ok: false; rejected: false; code: string; message: string };

export interface PushOptions {
  /** `origin/<branch>` when the run started; enables the force-with-lease retry. */
  leaseSha: string | null;
  /** True when history was rewritten on purpose (the `merge_conflict` focus). */
  allowForceWithLease: boolean;
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Step 4: `git push -u origin <branch>` with the §12.1 rejection and retry rules. */
export async function pushBranch(
  ctx: GitContext,
  branch: string,
  o: PushOptions,
): Promise<PushResult> {
  const refspec = `refs/heads/${branch}:refs/heads/${branch}`;
  const delays = o.retryDelaysMs ?? PUSH_RETRY_DELAYS_MS;
  const sleep = o.sleep ?? defaultSleep;
  let forced = false;
  let args = ["push", "--porcelain", "-u", "origin", refspec];
  for (let attempt = 0; ; attempt++) {
    try {
      await git(args, ctx);
      return { ok: true, forced };
    } catch (e) {
      const err = toOompahError(e, "git_failed");
      if (err.code === "push_rejected") {
        if (o.allowForceWithLease && !forced) {
          forced = true;
          const lease = `--force-with-lease=refs/heads/${branch}:${o.leaseSha ?? ""}`;
          args = ["push", "--porcelain", "-u", lease, "origin", refspec];
          attempt--;
          continue;
        }
        return { ok: false, rejected: true, message: err.message };
      }
      const delay = delays[attempt];
      if (delay === undefined)
        return { ok: false, rejected: false, code: "push_failed", message: err.message };
      await sleep(delay);
    }
  }
}
