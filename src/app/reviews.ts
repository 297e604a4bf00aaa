/**
 * Implements the review routes' port (SPEC §12.4) over each project's SCM
 * adapter: finds the adapter of a ready project and shapes the wire reviews.
 * Which issue a review belongs to and what Retry does are the orchestrator's
 * rules (`src/orchestrator/review-links.ts`); Retry moves the issue through
 * the issue service like a board move, so it wakes the orchestrator and
 * emits `issue_changed`.
 */
import { OompahError, toOompahError } from "../domain/errors.js";
import type { Issue } from "../domain/issue.js";
import { OPERATOR } from "../issues/actor.js";
import type { IssueService } from "../issues/issue-service.js";
import { linkedIssues, retryReview, type ReviewLinkPorts } from "../orchestrator/review-links.js";
import type { ProjectView } from "../projects/project-wire.js";
import type { Review, ScmAdapter } from "../scm/scm.js";
import type { OpenReviewWire, ReviewListWire, ReviewsApi } from "../server/routes/reviews.js";
import type { Store } from "../store/db.js";
import type { ProjectTrackers } from "../trackers/project-trackers.js";
import { scmForProject } from "./scm.js";

type ReviewProject = Pick<ProjectView, "id" | "name" | "scm" | "status" | "default_branch">;

export interface ReviewsWiring {
  store: Pick<Store, "runs">;
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

const linkOf = (i: Issue): NonNullable<OpenReviewWire["issue"]> => ({
  id: i.id,
  identifier: i.identifier,
  title: i.title,
  state: i.state,
});

export function createReviewsApi(w: ReviewsWiring): ReviewsApi {
  const links: ReviewLinkPorts = {
    runs: w.store.runs,
    issuesByIds: async (pid, ids) => (await w.trackers.get(pid)).tracker.fetchIssuesByIds(ids),
    moveIssue: (pid, id, status) => w.issues.update(OPERATOR, pid, id, { status }),
  };
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

  /** The wire reviews of one project, each with its linked issue. */
  const wireReviews = async (
    p: ReviewProject,
    scm: ScmAdapter,
    reviews: Review[],
  ): Promise<OpenReviewWire[]> => {
    const issues = await linkedIssues(links, p.id, reviews);
    return reviews.map((r, n) => {
      const issue = issues[n];
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
    const [review] = await wireReviews(p, scm, [await scm.getReview(number)]);
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
            out.reviews.push(...(await wireReviews(p, scm, await scm.listOpenReviews())));
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
      const issue = await retryReview(links, p.id, review);
      return { ...review, issue: linkOf(issue) };
    },
  };
}
