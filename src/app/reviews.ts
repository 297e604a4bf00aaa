/**
 * Implements the review routes' port (SPEC §12.4) over each project's SCM
 * adapter, the run history and the issue service. A review is linked to the
 * issue whose latest run used its source branch — the branch oompah pushed —
 * which also covers forge PRs, whose head is that branch. Retry goes through
 * the issue service like a board move, so it wakes the orchestrator and
 * emits `issue_changed`.
 */
import { OompahError, toOompahError } from "../domain/errors.js";
import type { Issue } from "../domain/issue.js";
import { OPERATOR } from "../issues/actor.js";
import type { IssueService } from "../issues/issue-service.js";
import type { ProjectView } from "../projects/project-wire.js";
import type { Review, ScmAdapter } from "../scm/scm.js";
import type { OpenReviewWire, ReviewListWire, ReviewsApi } from "../server/routes/reviews.js";
import type { Store } from "../store/db.js";
import type { ProjectTrackers } from "../trackers/project-trackers.js";
import { scmForProject } from "./scm.js";

type ReviewProject = Pick<ProjectView, "id" | "name" | "scm" | "status" | "default_branch">;

export interface ReviewsWiring {
  store: Pick<Store, "db">;
  projects: {
    list(): Promise<readonly ReviewProject[]>;
    /** By id or name; throws `project_not_found`. */
    get(ref: string): Promise<ReviewProject>;
  };
  trackers: Pick<ProjectTrackers, "get">;
  issues: Pick<IssueService, "update">;
  dataDir: () => string;
  env: NodeJS.ProcessEnv;
}

const RETRY_STATUS = "Needs CI Fix";

const linkOf = (i: Issue): NonNullable<OpenReviewWire["issue"]> => ({
  id: i.id,
  identifier: i.identifier,
  title: i.title,
  state: i.state,
});

export function createReviewsApi(w: ReviewsWiring): ReviewsApi {
  const scmOf = (p: ReviewProject): ScmAdapter => {
    if (p.status !== "ready")
      throw new OompahError("project_not_ready", `project ${p.name} is ${p.status}`, {
        hint: "wait for the clone to finish, or see the project's error on the Projects page",
      });
    const scm = scmForProject(p, { dataDir: w.dataDir(), env: w.env });
    if (!scm)
      throw new OompahError(
        "scm_unavailable",
        `reviews of ${p.scm} projects are not read in this version`,
        { hint: `open the pull requests of ${p.name} on ${p.scm}; only local projects list here` },
      );
    return scm;
  };

  /** The issue of each review's source branch (latest run on it), when oompah delivered it. */
  const linkIssues = async (
    p: ReviewProject,
    scm: ScmAdapter,
    reviews: Review[],
  ): Promise<OpenReviewWire[]> => {
    const branches = [...new Set(reviews.map((r) => r.source_branch))];
    const runs =
      branches.length === 0
        ? []
        : await w.store.db
            .selectFrom("runs")
            .select(["issue_id", "branch"])
            .where("project_id", "=", p.id)
            .where("branch", "in", branches)
            .orderBy("started_at", "desc")
            .execute();
    const issueOfBranch = new Map<string, string>();
    for (const r of runs)
      if (r.branch && !issueOfBranch.has(r.branch)) issueOfBranch.set(r.branch, r.issue_id);
    const ids = [...new Set(issueOfBranch.values())];
    const issues =
      ids.length === 0 ? [] : await (await w.trackers.get(p.id)).tracker.fetchIssuesByIds(ids);
    const byId = new Map(issues.map((i) => [i.id, i]));
    return reviews.map((r) => {
      const id = issueOfBranch.get(r.source_branch);
      const issue = id === undefined ? undefined : byId.get(id);
      return {
        ...r,
        project_id: p.id,
        project_name: p.name,
        scm: p.scm,
        supports_rebase: scm.supportsServerRebase,
        issue: issue ? linkOf(issue) : null,
      };
    });
  };

  const one = async (p: ReviewProject, scm: ScmAdapter, number: string) => {
    const [review] = await linkIssues(p, scm, [await scm.getReview(number)]);
    if (!review) throw new OompahError("review_not_found", `no review ${number} in ${p.name}`);
    return review;
  };

  return {
    async list(ref) {
      const projects = ref === undefined ? await w.projects.list() : [await w.projects.get(ref)];
      const out: ReviewListWire = { reviews: [], errors: [] };
      await Promise.all(
        projects.map(async (p) => {
          try {
            const scm = scmOf(p);
            out.reviews.push(...(await linkIssues(p, scm, await scm.listOpenReviews())));
          } catch (e) {
            const err = toOompahError(e);
            out.errors.push({
              project_id: p.id,
              code: err.code,
              message: err.message,
              ...(err.hint === undefined ? {} : { hint: err.hint }),
            });
          }
        }),
      );
      out.reviews.sort((a, b) => b.updated_at.localeCompare(a.updated_at));
      return out;
    },
    async rebase(ref, number) {
      const p = await w.projects.get(ref);
      const scm = scmOf(p);
      await scm.rebaseReview(number);
      return one(p, scm, number);
    },
    async retry(ref, number) {
      const p = await w.projects.get(ref);
      const review = await one(p, scmOf(p), number);
      if (!review.issue)
        throw new OompahError("linked_issue_not_found", `no issue is linked to ${number}`, {
          hint: "only branches pushed by an oompah run have an issue; move the issue on the board instead",
        });
      const issue = await w.issues.update(OPERATOR, p.id, review.issue.id, {
        status: RETRY_STATUS,
      });
      return { ...review, issue: linkOf(issue) };
    },
  };
}
