/**
 * The review rules of SPEC §12.4 over the real store and an oompah_md tracker
 * on a temp repository: a review belongs to the issue of the project's latest
 * run on its source branch, and Retry moves that issue to Needs CI Fix.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Issue } from "../../../src/domain/issue.js";
import { OompahError } from "../../../src/domain/errors.js";
import {
  linkedIssues,
  retryReview,
  type ReviewLinkPorts,
} from "../../../src/orchestrator/review-links.js";
import { openStore, type Store } from "../../../src/store/db.js";
import { tempDir } from "../../helpers/sandbox.js";
import { localTracker, taskRepo } from "../../helpers/service-dir.js";
import { claimRun } from "../../helpers/runs.js";

const PROJECT = "proj-reviews";
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function fixture() {
  const store: Store = await openStore({ dataDir: tempDir() });
  closers.push(() => store.close());
  const repo = taskRepo();
  const tracker = localTracker(PROJECT, repo.work, repo.env);
  closers.push(() => tracker.close());
  const moves: string[] = [];
  const ports: ReviewLinkPorts = {
    runs: store.runs,
    issuesByIds: (pid, ids) => {
      expect(pid).toBe(PROJECT);
      return tracker.fetchIssuesByIds(ids);
    },
    moveIssue: (pid, id, status) => {
      moves.push(`${pid}:${id}:${status}`);
      return tracker.updateIssue(id, { status });
    },
  };
  let n = 0;
  /** A finished run of `issue` on `branch` that started on 2025-01-<day>. */
  const run = async (issueId: string, branch: string, day: number, project = PROJECT) => {
    n += 1;
    await claimRun(store, {
      run_id: `run-${n}`,
      project_id: project,
      issue_id: issueId,
      attempt: n,
      phase: "finished",
      outcome: "succeeded",
      branch,
      started_at: `2025-01-${String(day).padStart(2, "0")}T00:00:00.000Z`,
    });
  };
  const issue = (title: string): Promise<Issue> =>
    tracker.createIssue({ title, status: "In Review" });
  return { ports, run, issue, tracker, moves };
}

const review = (source_branch: string) => ({ source_branch });

describe("review links (§12.4)", () => {
  it("links each review to the issue of its project's latest run on the source branch", async () => {
    const f = await fixture();
    const first = await f.issue("First owner of the branch");
    const latest = await f.issue("Latest owner of the branch");
    const other = await f.issue("Other branch");
    await f.run(first.id, "oompah/shared", 1);
    await f.run(latest.id, "oompah/shared", 3);
    await f.run(other.id, "oompah/other", 2);
    // Another project's run on the same branch name does not count.
    await f.run(other.id, "oompah/foreign", 9, "proj-elsewhere");
    // A run whose issue the tracker no longer knows links to nothing.
    await f.run("gone-1", "oompah/gone", 4);

    const linked = await linkedIssues(f.ports, PROJECT, [
      review("oompah/other"),
      review("oompah/shared"),
      review("oompah/by-hand"),
      review("oompah/foreign"),
      review("oompah/gone"),
      review("oompah/shared"),
    ]);
    expect(linked.map((i) => i?.id ?? null)).toEqual([
      other.id,
      latest.id,
      null,
      null,
      null,
      latest.id,
    ]);
    expect(await linkedIssues(f.ports, PROJECT, [])).toEqual([]);
  });

  it("Retry moves the linked issue to Needs CI Fix and refuses a review without one", async () => {
    const f = await fixture();
    const issue = await f.issue("Needs a repair");
    await f.run(issue.id, "oompah/repair", 1);
    const [linked] = await linkedIssues(f.ports, PROJECT, [review("oompah/repair")]);

    const moved = await retryReview(f.ports, PROJECT, {
      number: "oompah/repair",
      issue: linked ?? null,
    });
    expect(moved).toMatchObject({ id: issue.id, state: "Needs CI Fix" });
    expect((await f.tracker.getIssueDetail(issue.id)).issue.state).toBe("Needs CI Fix");
    expect(f.moves).toEqual([`${PROJECT}:${issue.id}:Needs CI Fix`]);

    const refused = await retryReview(f.ports, PROJECT, {
      number: "oompah/by-hand",
      issue: null,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OompahError);
    expect(refused).toMatchObject({ code: "linked_issue_not_found" });
    expect((refused as OompahError).hint).toBeTruthy();
    expect(f.moves).toHaveLength(1);
  });
});
