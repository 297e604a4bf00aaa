import { describe, expect, it } from "vitest";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import { FocusSchema, mergeFoci, type Focus } from "../../../src/domain/focus.js";
import { selectFocus } from "../../../src/domain/focus-scoring.js";
import {
  BASELINE_MUST_DO,
  BASELINE_MUST_NOT_DO,
  analyseFinishedIssue,
  tokenize,
  workKeywords,
  type FinishedWork,
  type FocusSuggestion,
} from "../../../src/domain/focus-proposals.js";

const cacheWork = (n: number): FinishedWork => ({
  issueId: `demo:OOMPAH-${n}`,
  title: `Redis cache entries go stale (${n})`,
  description:
    "The redis cache keeps entries after writes; set a ttl and explicit invalidation for redis keys.",
  comments: ["Confirmed the redis ttl fix in staging."],
});

function run(
  works: FinishedWork[],
  foci: readonly Focus[] = BUILTIN_FOCI,
  start: FocusSuggestion[] = [],
) {
  let suggestions = start;
  const outcomes = works.map((w, i) => {
    const r = analyseFinishedIssue(w, foci, suggestions, `2025-01-0${i + 1}T00:00:00.000Z`);
    suggestions = r.suggestions;
    return r.outcome;
  });
  return { outcomes, suggestions };
}

describe("automatic focus proposals (SPEC §8.5)", () => {
  it("tokenizes into lower-case words of three or more letters without stop words", () => {
    expect(tokenize("The API is OK; add a Third-Party SDK with the redis cache")).toEqual([
      "api",
      "add",
      "third-party",
      "sdk",
      "redis",
      "cache",
    ]);
  });

  it("weights domain vocabulary ×3 and keeps the top 15", () => {
    const kws = workKeywords([
      "banana banana apple redis",
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
    ]);
    expect(kws[0]).toBe("redis");
    expect(kws[1]).toBe("banana");
    expect(kws).toHaveLength(15);
  });

  it("[C96] three distinct finished issues with uncovered domain keywords create a proposed focus with rules", () => {
    const { outcomes, suggestions } = run([cacheWork(1), cacheWork(2), cacheWork(3)]);
    expect(outcomes.map((o) => o.kind)).toEqual(["suggested", "suggested", "suggested"]);
    const [first, second, third] = outcomes;
    expect(first?.kind === "suggested" && first.proposedFocus).toBeNull();
    expect(second?.kind === "suggested" && second.proposedFocus).toBeNull();
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({
      name: "redis_cache",
      role: "Redis Cache Specialist",
      domains: ["cache"],
      issue_ids: ["demo:OOMPAH-1", "demo:OOMPAH-2", "demo:OOMPAH-3"],
      first_seen: "2025-01-01T00:00:00.000Z",
      last_seen: "2025-01-03T00:00:00.000Z",
      status: "pending",
    });
    expect(suggestions[0]?.keywords).toEqual(
      expect.arrayContaining(["redis", "cache", "ttl", "invalidation"]),
    );
    if (third?.kind !== "suggested" || !third.proposedFocus)
      throw new Error("expected a proposed focus");
    const proposed = third.proposedFocus;
    expect(proposed).toMatchObject({
      name: "redis_cache",
      role: "Redis Cache Specialist",
      status: "proposed",
    });
    expect(proposed.description).toContain("cache");
    expect(proposed.must_do).toEqual(
      expect.arrayContaining(["Define cache invalidation explicitly", ...BASELINE_MUST_DO]),
    );
    expect(proposed.must_not_do).toEqual(
      expect.arrayContaining([
        "Cache secrets or per-user data in a shared cache",
        ...BASELINE_MUST_NOT_DO,
      ]),
    );
    // A proposed focus is never selected until an operator activates it.
    const foci = mergeFoci(BUILTIN_FOCI, [proposed]);
    const input = {
      title: "Redis cache ttl",
      description: "",
      type: "task",
      labels: ["needs:redis_cache"],
      state: "Open" as const,
    };
    expect(selectFocus(input, foci).focus.name).not.toBe("redis_cache");
  });

  it("[C96] two issues do not create a focus, and the same issue three times counts once", () => {
    const two = run([cacheWork(1), cacheWork(2)]);
    expect(two.outcomes.every((o) => o.kind === "suggested" && o.proposedFocus === null)).toBe(
      true,
    );
    expect(two.suggestions[0]?.issue_ids).toHaveLength(2);
    const same = run([cacheWork(1), cacheWork(1), cacheWork(1)]);
    expect(same.outcomes.every((o) => o.kind === "suggested" && o.proposedFocus === null)).toBe(
      true,
    );
    expect(same.suggestions[0]?.issue_ids).toEqual(["demo:OOMPAH-1"]);
  });

  it("[C96] fewer than three domain keywords never create a suggestion", () => {
    const thin = (n: number): FinishedWork => ({
      issueId: `demo:${n}`,
      title: "Redis cache banner wording",
      description: "Reword the banner text shown on the welcome screen.",
      comments: [],
    });
    const { outcomes, suggestions } = run([thin(1), thin(2), thin(3), thin(4)]);
    expect(outcomes.every((o) => o.kind === "too_few_domain_keywords")).toBe(true);
    expect(suggestions).toEqual([]);
  });

  it("[C96] a dismissed suggestion is never proposed again", () => {
    const dismissed: FocusSuggestion = {
      name: "redis_cache",
      role: "Redis Cache Specialist",
      keywords: ["redis", "cache"],
      domains: ["cache"],
      issue_ids: ["demo:OOMPAH-0"],
      first_seen: "2024-12-01T00:00:00.000Z",
      last_seen: "2024-12-01T00:00:00.000Z",
      status: "dismissed",
    };
    const { outcomes, suggestions } = run(
      [cacheWork(1), cacheWork(2), cacheWork(3), cacheWork(4)],
      BUILTIN_FOCI,
      [dismissed],
    );
    expect(outcomes.every((o) => o.kind === "dismissed")).toBe(true);
    expect(suggestions).toEqual([dismissed]);
  });

  it("stops when an active focus already covers the work (overlap ≥ 0.4)", () => {
    const caching = FocusSchema.parse({
      name: "caching",
      role: "Cache Engineer",
      keywords: ["redis", "ttl", "memcached"],
    });
    const { outcomes, suggestions } = run([cacheWork(1)], [...BUILTIN_FOCI, caching]);
    expect(outcomes[0]).toMatchObject({ kind: "covered", focus: "caching" });
    expect(suggestions).toEqual([]);
    const inactive = { ...caching, status: "inactive" as const };
    expect(run([cacheWork(1)], [...BUILTIN_FOCI, inactive]).outcomes[0]?.kind).toBe("suggested");
  });

  it("does not propose a focus whose name already exists", () => {
    const existing = FocusSchema.parse({ name: "redis_cache", role: "Mine", status: "inactive" });
    const { outcomes } = run(
      [cacheWork(1), cacheWork(2), cacheWork(3)],
      [...BUILTIN_FOCI, existing],
    );
    const last = outcomes.at(-1);
    expect(last?.kind === "suggested" && last.proposedFocus).toBeNull();
  });
});
