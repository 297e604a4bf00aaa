/**
 * The shared behaviour every TrackerAdapter must show (SPEC §5.1). Each
 * adapter's integration test calls `runTrackerContract` with a factory that
 * builds a fresh, empty tracker; operations the adapter's capabilities rule
 * out are skipped.
 */
import { afterEach, describe, expect, it } from "vitest";
import { isOompahError } from "../../src/domain/errors.js";
import type { Issue } from "../../src/domain/issue.js";
import { CANONICAL_STATUSES } from "../../src/domain/status.js";
import type { TrackerAdapter } from "../../src/trackers/tracker.js";

/** A fresh tracker plus how to dispose of it. */
export interface TrackerUnderTest {
  tracker: TrackerAdapter;
  cleanup?: () => Promise<void>;
  /** Makes every further read or write of the tracker's backing store fail (repository moved away, server stopped…). */
  cutIo: () => Promise<void>;
}

/** Every field of SPEC §4.1, which every adapter must always return. */
export const ISSUE_FIELDS = [
  "id",
  "identifier",
  "project_id",
  "title",
  "description",
  "type",
  "priority",
  "state",
  "native_state",
  "labels",
  "blocked_by",
  "parent",
  "children",
  "assignee",
  "url",
  "branch_name",
  "target_branch",
  "review",
  "created_at",
  "updated_at",
  "attachments",
  "metadata",
] as const;

/** Asserts that `issue` carries every §4.1 field with a defined value. */
export function expectCompleteIssue(issue: Issue): void {
  for (const field of ISSUE_FIELDS) {
    expect(issue, `field ${field}`).toHaveProperty(field);
    expect(issue[field], `field ${field}`).not.toBeUndefined();
  }
  expect(CANONICAL_STATUSES).toContain(issue.state);
  expect(Array.isArray(issue.labels) && Array.isArray(issue.blocked_by)).toBe(true);
  expect(Array.isArray(issue.children) && Array.isArray(issue.attachments)).toBe(true);
}

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isOompahError(err) ? err.code : err).toBe(code);
}

/** Registers the contract suite for one adapter. */
export function runTrackerContract(opts: {
  name: string;
  make: () => Promise<TrackerUnderTest>;
}): void {
  describe(`tracker contract: ${opts.name}`, () => {
    let current: TrackerUnderTest | null = null;
    const make = async (): Promise<TrackerAdapter> => {
      current = await opts.make();
      return current.tracker;
    };
    afterEach(async () => {
      const c = current;
      current = null;
      if (c) {
        await c.tracker.close();
        await c.cleanup?.();
      }
    });

    it("[C24] creates an issue that reads back with every Issue field", async () => {
      const t = await make();
      const created = await t.createIssue({
        title: "First task",
        description: "Do the thing.\n\nCarefully.",
        type: "bug",
        priority: 1,
        labels: [" Backend ", "backend", "API"],
      });
      expectCompleteIssue(created);
      expect(created).toMatchObject({
        title: "First task",
        type: "bug",
        priority: 1,
        state: "Backlog",
        labels: ["backend", "api"],
      });
      expect(created.description.trim()).toBe("Do the thing.\n\nCarefully.");
      const { issue, comments } = await t.getIssueDetail(created.id);
      expectCompleteIssue(issue);
      expect(issue).toMatchObject({ id: created.id, title: "First task", state: "Backlog" });
      expect(comments).toEqual([]);
    });

    it("lists by canonical state", async () => {
      const t = await make();
      const open = await t.createIssue({ title: "open one", status: "Open" });
      const backlog = await t.createIssue({ title: "backlog one" });
      const openIds = (await t.fetchIssuesByStates(["Open"])).map((i) => i.id);
      expect(openIds).toContain(open.id);
      expect(openIds).not.toContain(backlog.id);
      const both = await t.fetchIssuesByStates(["Open", "Backlog"]);
      for (const i of both) expectCompleteIssue(i);
      expect(both.map((i) => i.id)).toEqual(expect.arrayContaining([open.id, backlog.id]));
      expect(await t.fetchIssuesByStates([])).toEqual([]);
    });

    it("fetchIssuesByIds keeps input order, omits unknown ids, and [] → []", async () => {
      const t = await make();
      expect(await t.fetchIssuesByIds([])).toEqual([]);
      const a = await t.createIssue({ title: "a" });
      const b = await t.createIssue({ title: "b" });
      const got = await t.fetchIssuesByIds([b.id, "NOPE-999999", a.id]);
      expect(got.map((i) => i.id)).toEqual([b.id, a.id]);
    });

    it("[C57] fetchIssuesByIds([]) answers [] without touching the backing store", async () => {
      const t = await make();
      await t.createIssue({ title: "warm the cache" });
      await current?.cutIo();
      expect(await t.fetchIssuesByIds([])).toEqual([]);
      // The cut is real: a read that does need I/O now fails.
      await expect(t.fetchIssuesByStates(["Backlog"])).rejects.toBeDefined();
    });

    it("reports an unknown id as tracker_not_found", async () => {
      const t = await make();
      await expectCode(t.getIssueDetail("NOPE-424242"), "tracker_not_found");
      await expectCode(t.updateIssue("NOPE-424242", { title: "x" }), "tracker_not_found");
      if (t.capabilities.comments) {
        await expectCode(
          t.addComment("NOPE-424242", { author: "a", text: "b" }),
          "tracker_not_found",
        );
      }
    });

    it("round-trips every patchable field", async () => {
      const t = await make();
      const created = await t.createIssue({ title: "patch me", status: "Open" });
      const updated = await t.updateIssue(created.id, {
        title: "patched",
        description: "New body",
        priority: 3,
        type: "feature",
        labels: ["One", "two"],
        assignee: "alice",
        target_branch: "release/1.x",
        review: { url: "https://example.com/pr/7", number: 7, head_sha: "abc123" },
        status: "In Progress",
      });
      expectCompleteIssue(updated);
      const [again] = await t.fetchIssuesByIds([created.id]);
      for (const i of [updated, again]) {
        expect(i).toMatchObject({
          title: "patched",
          priority: 3,
          type: "feature",
          labels: ["one", "two"],
          assignee: "alice",
          target_branch: "release/1.x",
          state: "In Progress",
          review: { url: "https://example.com/pr/7", number: 7, head_sha: "abc123" },
        });
        expect(i?.description.trim()).toBe("New body");
      }
      expect((await t.fetchIssuesByStates(["In Progress"])).map((i) => i.id)).toContain(created.id);
      expect((await t.fetchIssuesByStates(["Open"])).map((i) => i.id)).not.toContain(created.id);
    });

    it("keeps comments oldest first and marks oompah authors", async () => {
      const t = await make();
      if (!t.capabilities.comments) return;
      const issue = await t.createIssue({ title: "talk" });
      const first = await t.addComment(issue.id, { author: "alice", text: "hello\nsecond line" });
      await t.addComment(issue.id, { author: "oompah", text: "agent here" });
      expect(first).toMatchObject({
        author: "alice",
        text: "hello\nsecond line",
        is_oompah: false,
      });
      const comments = await t.listComments(issue.id);
      expect(comments.map((c) => [c.author, c.text, c.is_oompah])).toEqual([
        ["alice", "hello\nsecond line", false],
        ["oompah", "agent here", true],
      ]);
      for (const c of comments) {
        expect(typeof c.id).toBe("string");
        expect(Number.isNaN(Date.parse(c.created_at))).toBe(false);
      }
      expect((await t.getIssueDetail(issue.id)).comments).toHaveLength(2);
    });

    it("adds and removes labels, normalised and idempotent", async () => {
      const t = await make();
      if (!t.capabilities.labels) return;
      const issue = await t.createIssue({ title: "labels", labels: ["keep"] });
      await t.addLabel(issue.id, " Urgent ");
      await t.addLabel(issue.id, "urgent");
      expect((await t.getIssueDetail(issue.id)).issue.labels).toEqual(["keep", "urgent"]);
      await t.removeLabel(issue.id, "URGENT");
      await t.removeLabel(issue.id, "absent");
      expect((await t.getIssueDetail(issue.id)).issue.labels).toEqual(["keep"]);
    });

    it("sets, reads and deletes oompah.* metadata", async () => {
      const t = await make();
      if (!t.capabilities.metadata) return;
      const issue = await t.createIssue({ title: "meta" });
      await t.setMetadata(issue.id, "oompah.agent_run_id", "run-1");
      await t.setMetadata(issue.id, "oompah.integration", { pr: 5, checks: ["a", "b"] });
      const meta = await t.getMetadata(issue.id);
      expect(meta["oompah.agent_run_id"]).toBe("run-1");
      expect(meta["oompah.integration"]).toEqual({ pr: 5, checks: ["a", "b"] });
      await t.setMetadata(issue.id, "oompah.agent_run_id", null);
      expect(await t.getMetadata(issue.id)).not.toHaveProperty("oompah.agent_run_id");
      expect((await t.getIssueDetail(issue.id)).issue.metadata["oompah.integration"]).toEqual({
        pr: 5,
        checks: ["a", "b"],
      });
    });

    it("fills blocked_by states from the blocking issues", async () => {
      const t = await make();
      if (!t.capabilities.dependencies) return;
      const blocker = await t.createIssue({ title: "first", status: "Open" });
      const blocked = await t.createIssue({ title: "second", blocked_by: [blocker.id] });
      expect((await t.getIssueDetail(blocked.id)).issue.blocked_by).toEqual([
        { id: blocker.id, identifier: blocker.identifier, state: "Open" },
      ]);
      await t.updateIssue(blocker.id, { status: "Done" });
      const [again] = await t.fetchIssuesByIds([blocked.id]);
      expect(again?.blocked_by[0]?.state).toBe("Done");
    });

    it("records parent links", async () => {
      const t = await make();
      const parent = await t.createIssue({ title: "epic", type: "epic" });
      const child = await t.createIssue({ title: "part", parent: parent.id });
      expect((await t.getIssueDetail(child.id)).issue.parent).toBe(parent.id);
      await t.updateIssue(child.id, { parent: null });
      expect((await t.getIssueDetail(child.id)).issue.parent).toBeNull();
    });

    it("flush and close resolve", async () => {
      const t = await make();
      await t.createIssue({ title: "pending" });
      await expect(t.flush()).resolves.toBeUndefined();
    });
  });
}
