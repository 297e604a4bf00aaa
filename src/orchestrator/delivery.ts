/**
 * The delivery pipeline (SPEC §12.1) after a run that produced changes:
 * protect tracker files → commit leftovers → check for commits ahead of
 * `base_sha` → push → review (forges) or the local success status. Returns
 * what happened; the attempt writes the tracker status, review fields and
 * comments from it.
 */
import type { Warning } from "../domain/errors.js";
import { toOompahError } from "../domain/errors.js";
import type { IssueReview } from "../domain/issue.js";
import { countAhead, revParse, type GitContext } from "../git/ops.js";
import type { ScmAdapter } from "../scm/scm.js";
import { commitLeftovers, commitMessage, protectTrackerFiles, pushBranch } from "./delivery-git.js";

export interface DeliveryInput {
  /** Git context in the worktree, with the project identity in `env`. */
  ctx: GitContext;
  branch: string;
  targetBranch: string;
  baseSha: string | null;
  remoteHeadAtStart: string | null;
  issue: { identifier: string; title: string; url: string | null };
  runId: string;
  summary: string | null;
  /** The agent declared `no_changes_needed`. */
  declaredNoChanges: boolean;
  /** The run's focus (`merge_conflict` may force-with-lease). */
  focus: string;
  settings: { auto_commit: boolean; push: boolean; open_pr: boolean; draft_pr: boolean };
  localSuccessStatus: "In Review" | "Done";
  /** The project's SCM; `local` (or null) opens no review. */
  scm: ScmAdapter | null;
  pushRetryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

export type DeliveryResult =
  | {
      outcome: "succeeded";
      status: "In Review" | "Done";
      review: IssueReview | null;
      prUrl: string | null;
      /** Set when the branch was pushed; null with `delivery.push: false`. */
      pushedBranch: string | null;
      headSha: string | null;
      warnings: Warning[];
    }
  | {
      outcome: "no_changes" | "stalled" | "delivery_rejected" | "delivery_error" | "failed";
      error: { code: string; message: string } | null;
      warnings: Warning[];
    };

/** Steps 1–2 only: what `question`, `needs_human` and `handoff` use to keep partial work. */
export async function commitWork(
  i: Pick<DeliveryInput, "ctx" | "issue" | "runId" | "summary" | "settings">,
): Promise<Warning[]> {
  const warnings: Warning[] = [];
  const w = await protectTrackerFiles(i.ctx);
  if (w) warnings.push(w);
  if (i.settings.auto_commit)
    await commitLeftovers(i.ctx, commitMessage({ ...i.issue, summary: i.summary, runId: i.runId }));
  return warnings;
}

async function hasCommitsAhead(ctx: GitContext, baseSha: string | null): Promise<boolean> {
  if (baseSha === null) return (await revParse(ctx, "HEAD")) !== null;
  return (await countAhead(ctx, baseSha)) > 0;
}

export async function deliver(i: DeliveryInput): Promise<DeliveryResult> {
  const warnings = await commitWork(i);
  if (!(await hasCommitsAhead(i.ctx, i.baseSha))) {
    return i.declaredNoChanges
      ? { outcome: "no_changes", error: null, warnings }
      : {
          outcome: "stalled",
          error: {
            code: "no_changes_detected",
            message: "no commits ahead of the base after delivery",
          },
          warnings,
        };
  }
  const headSha = await revParse(i.ctx, "HEAD");
  if (!i.settings.push)
    return {
      outcome: "succeeded",
      status: "In Review",
      review: null,
      prUrl: null,
      pushedBranch: null,
      headSha,
      warnings,
    };
  const pushed = await pushBranch(i.ctx, i.branch, {
    leaseSha: i.remoteHeadAtStart,
    allowForceWithLease: i.focus === "merge_conflict",
    ...(i.pushRetryDelaysMs ? { retryDelaysMs: i.pushRetryDelaysMs } : {}),
    ...(i.sleep ? { sleep: i.sleep } : {}),
  });
  if (!pushed.ok) {
    return pushed.rejected
      ? {
          outcome: "delivery_rejected",
          error: { code: "push_rejected", message: pushed.message },
          warnings,
        }
      : { outcome: "failed", error: { code: pushed.code, message: pushed.message }, warnings };
  }
  if (!i.scm || i.scm.kind === "local" || !i.settings.open_pr) {
    const status = i.scm && i.scm.kind !== "local" ? "In Review" : i.localSuccessStatus;
    return {
      outcome: "succeeded",
      status,
      review: { url: null, number: null, head_sha: headSha },
      prUrl: null,
      pushedBranch: i.branch,
      headSha,
      warnings,
    };
  }
  try {
    const existing = await i.scm.findOpenReview(i.branch);
    const review =
      existing ??
      (await i.scm.createReview({
        branch: i.branch,
        target: i.targetBranch,
        title: `${i.issue.identifier}: ${i.issue.title}`,
        body: reviewBody(i),
        draft: i.settings.draft_pr,
      }));
    const number = Number(review.number);
    return {
      outcome: "succeeded",
      status: "In Review",
      review: {
        url: review.url,
        number: Number.isFinite(number) ? number : null,
        head_sha: review.head_sha || headSha,
      },
      prUrl: review.url,
      pushedBranch: i.branch,
      headSha,
      warnings,
    };
  } catch (e) {
    const err = toOompahError(e, "delivery_error");
    return { outcome: "delivery_error", error: { code: err.code, message: err.message }, warnings };
  }
}

/** PR body: summary, a non-closing link to the issue, and the run footer. */
function reviewBody(i: DeliveryInput): string {
  const parts: string[] = [];
  if (i.summary?.trim()) parts.push(i.summary.trim());
  parts.push(`Relates to ${i.issue.url ?? i.issue.identifier}`);
  parts.push(`---\noompah run ${i.runId}`);
  return parts.join("\n\n");
}
