import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo, makeTracker } from "./oompah-md-harness.js";

function task(id: string, title: string): string {
  return `---\nid: ${id}\nstatus: Open\ntitle: ${title}\n---\n## Summary\n\n${title}\n\n## Comments\n\n<!-- COMMENTS:BEGIN -->\nauthor: alice\ncreated: 2026-01-01 10:00\n---\nhello\n---\n<!-- COMMENTS:END -->\n`;
}

describe("oompah_md persisted read cache", () => {
  it("restarts from the snapshot and re-parses only files that changed", async () => {
    const repo = makeRepo();
    const dir = join(repo.work, ".oompah/tasks/open");
    mkdirSync(dir, { recursive: true });
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const id of ["X-1", "X-2", "X-3"]) {
      writeFileSync(join(dir, `${id}.md`), task(id, `title ${id}`));
      utimesSync(join(dir, `${id}.md`), hourAgo, hourAgo);
    }
    const first = makeTracker(repo, { gitSync: false }).tracker;
    expect(await first.fetchIssuesByStates(["Open"])).toHaveLength(3);
    await first.close();
    const snapshotPath = join(repo.work, ".git/oompah/task-index.json");
    expect(existsSync(snapshotPath)).toBe(true);

    // Mark the snapshot so its use is visible, then change one file while "down".
    const snap = JSON.parse(readFileSync(snapshotPath, "utf8")) as {
      rows: Array<{ p: string; issue: { title: string } }>;
    };
    for (const row of snap.rows) if (row.p.endsWith("X-1.md")) row.issue.title = "from snapshot";
    writeFileSync(snapshotPath, JSON.stringify(snap));
    writeFileSync(join(dir, "X-2.md"), task("X-2", "edited while down"));

    const second = makeTracker(repo, { gitSync: false }).tracker;
    const titles = Object.fromEntries(
      (await second.fetchIssuesByStates(["Open"])).map((i) => [i.id, i.title]),
    );
    expect(titles).toEqual({
      "X-1": "from snapshot",
      "X-2": "edited while down",
      "X-3": "title X-3",
    });
    // Details parse the file on demand.
    expect((await second.listComments("X-3")).map((c) => c.text)).toEqual(["hello"]);
    await second.close();

    // A snapshot of another project is ignored.
    const other = makeTracker(repo, { gitSync: false, projectId: "another" }).tracker;
    expect((await other.fetchIssuesByIds(["X-1"]))[0]?.title).toBe("title X-1");
    await other.close();
  });
});
