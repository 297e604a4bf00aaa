import { describe, expect, it } from "vitest";
import { git } from "../../helpers/sandbox.js";
import { makeRepo, makeTracker, originSubjects } from "./oompah-md-harness.js";

describe("oompah_md concurrency", () => {
  it("[C42] fifty concurrent comment additions through two adapter instances all persist", async () => {
    const repo = makeRepo();
    const a = makeTracker(repo).tracker;
    const b = makeTracker(repo).tracker;
    const issue = await a.createIssue({ title: "busy", status: "Open" });
    await b.fetchIssuesByIds([issue.id]); // b has a warm (soon stale) cache
    const texts = Array.from({ length: 50 }, (_, i) => `comment ${i}`);
    const added = await Promise.all(
      texts.map((text, i) =>
        (i % 2 === 0 ? a : b).addComment(issue.id, { author: `user${i % 3}`, text }),
      ),
    );
    expect(added.map((c) => c.text)).toEqual(texts);
    for (const t of [a, b]) {
      const comments = await t.listComments(issue.id);
      expect(comments).toHaveLength(50);
      expect(new Set(comments.map((c) => c.text))).toEqual(new Set(texts));
    }
    await Promise.all([a.flush(), b.flush()]);
    const fresh = makeTracker(repo).tracker;
    expect(await fresh.listComments(issue.id)).toHaveLength(50);
    expect(git(repo.work, repo.env, "status", "--porcelain")).toBe("");
    expect(originSubjects(repo).length).toBeGreaterThanOrEqual(2);
    await Promise.all([a.close(), b.close(), fresh.close()]);
  });

  it("allocates distinct ids for concurrent creates through two instances", async () => {
    const repo = makeRepo();
    const a = makeTracker(repo, { gitSync: false }).tracker;
    const b = makeTracker(repo, { gitSync: false }).tracker;
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).createIssue({ title: `t${i}` })),
    );
    const ids = created.map((i) => i.id);
    expect(new Set(ids).size).toBe(20);
    expect(ids.map((id) => Number(id.split("-")[1])).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await a.fetchIssuesByIds(ids)).toHaveLength(20);
    await Promise.all([a.close(), b.close()]);
  });
});
