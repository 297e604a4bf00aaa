import { describe, expect, it } from "vitest";
import {
  actionDone,
  ciLabel,
  mergeableLabel,
  reviewActionPath,
  reviewKey,
  reviewLink,
  updatedAgo,
} from "../../../web/src/features/reviews/model/reviews.js";
import type { OpenReview } from "../../../web/src/features/reviews/model/wire.js";

function review(over: Partial<OpenReview> = {}): OpenReview {
  return {
    number: "oompah/e2e-1",
    url: "oompah/e2e-1",
    title: "E2E-1: Fix it",
    author: "Oompah Bot",
    state: "open",
    draft: false,
    source_branch: "oompah/e2e-1",
    target_branch: "main",
    head_sha: "a".repeat(40),
    mergeable: "clean",
    ci: "none",
    updated_at: "2030-01-01T00:00:00.000Z",
    project_id: "proj-1",
    project_name: "demo",
    scm: "local",
    supports_rebase: false,
    issue: { id: "E2E-1", identifier: "E2E-1", title: "Fix it", state: "In Review" },
    ...over,
  };
}

describe("reviews page model", () => {
  it("percent-encodes the branch of a local review in action paths", () => {
    expect(reviewActionPath(review(), "rebase")).toBe(
      "/api/v1/reviews/proj-1/oompah%2Fe2e-1/rebase",
    );
    expect(reviewActionPath(review({ number: "12", scm: "github" }), "retry")).toBe(
      "/api/v1/reviews/proj-1/12/retry",
    );
    expect(reviewKey(review())).not.toBe(reviewKey(review({ project_id: "proj-2" })));
  });

  it("links only forge reviews with a web URL", () => {
    expect(reviewLink(review())).toBeNull();
    expect(reviewLink(review({ scm: "github", url: "https://github.com/o/r/pull/3" }))).toBe(
      "https://github.com/o/r/pull/3",
    );
    expect(reviewLink(review({ scm: "github", url: "javascript:alert(1)" }))).toBeNull();
  });

  it("labels mergeability and CI with a tone", () => {
    expect(mergeableLabel("conflicts")).toEqual({ text: "Conflicts", tone: "bad" });
    expect(mergeableLabel("behind").text).toBe("Behind target");
    expect(ciLabel("failed").tone).toBe("bad");
    expect(ciLabel("none").text).toBe("No CI");
  });

  it("says how long ago a review changed", () => {
    const at = Date.parse("2030-01-01T00:00:00.000Z");
    const iso = "2030-01-01T00:00:00.000Z";
    expect(updatedAgo(iso, at + 20_000)).toBe("just now");
    expect(updatedAgo(iso, at + 5 * 60_000)).toBe("5 min ago");
    expect(updatedAgo(iso, at + 3 * 3_600_000)).toBe("3 h ago");
    expect(updatedAgo(iso, at + 86_400_000)).toBe("1 day ago");
    expect(updatedAgo(iso, at + 40 * 86_400_000)).toBe("2030-01-01");
    expect(updatedAgo("soon", at)).toBe("soon");
  });

  it("confirms a retry with the issue's new status", () => {
    const moved = review({
      issue: { id: "E2E-1", identifier: "E2E-1", title: "Fix it", state: "Needs CI Fix" },
    });
    expect(actionDone("retry", moved)).toBe(
      "E2E-1 moved to Needs CI Fix; a repair run starts shortly.",
    );
    expect(actionDone("rebase", moved)).toBe("Rebased oompah/e2e-1 on main.");
  });
});
