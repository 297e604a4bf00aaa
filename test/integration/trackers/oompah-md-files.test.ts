import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  watch,
  writeFileSync,
} from "node:fs";
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isOompahError, type Warning } from "../../../src/domain/errors.js";
import { createOompahMdTracker } from "../../../src/trackers/oompah-md/index.js";
import { tempDir, waitFor } from "../../helpers/sandbox.js";

const FIXTURES = resolve(import.meta.dirname, "../../../../shared/fixtures/original-oompah-tasks");

function task(
  id: string,
  status: string,
  title: string,
  updatedAt = "2026-01-01T00:00:00Z",
): string {
  return [
    "---",
    `id: ${id}`,
    "type: task",
    `status: ${status}`,
    "priority: 2",
    `title: ${title}`,
    "labels: []",
    `created_at: '2026-01-01T00:00:00Z'`,
    `updated_at: '${updatedAt}'`,
    "---",
    "## Summary",
    "",
    `${title} body`,
    "",
  ].join("\n");
}

/** A plain directory repo (no git sync) whose name yields the prefix `MYREPO1`. */
function repoWith(files: Record<string, string>, name = "my-repo_1"): string {
  const repo = join(tempDir(), name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(repo, rel, ".."), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
  mkdirSync(join(repo, ".oompah/tasks"), { recursive: true });
  return repo;
}

function tracker(
  repo: string,
  extra: { onWarning?: (w: Warning) => void; onChange?: () => void } = {},
) {
  return createOompahMdTracker({
    projectId: "p1",
    repoPath: repo,
    defaultBranch: "main",
    gitSync: false,
    commitDebounceMs: 0,
    identity: { name: "oompah", email: "oompah@localhost" },
    ...extra,
  });
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(dir.length + 1));
  }
  return out.sort();
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  return isOompahError(e) ? e.code : String(e);
}

describe("oompah_md files", () => {
  it("[C28] moves open/X.md to in-progress/X.md on a status change, leaving one file", async () => {
    const repo = repoWith({ ".oompah/tasks/open/X-1.md": task("X-1", "Open", "Move me") });
    const t = tracker(repo);
    const updated = await t.updateIssue("X-1", { status: "In Progress" });
    expect(updated.state).toBe("In Progress");
    expect(filesUnder(join(repo, ".oompah/tasks"))).toEqual(["in-progress/X-1.md"]);
    expect(readFileSync(join(repo, ".oompah/tasks/in-progress/X-1.md"), "utf8")).toMatch(
      /^status: In Progress$/m,
    );
    expect((await t.fetchIssuesByStates(["Open"])).map((i) => i.id)).toEqual([]);
    await t.close();
  });

  it("[C29] a write that fails mid-way leaves the original intact and no temp file", async () => {
    const original = task("X-1", "Open", "Keep me");
    const repo = repoWith({ ".oompah/tasks/open/X-1.md": original });
    // A directory where the moved file must go makes the final rename fail.
    mkdirSync(join(repo, ".oompah/tasks/in-progress/X-1.md"), { recursive: true });
    const t = tracker(repo);
    expect(await codeOf(t.updateIssue("X-1", { status: "In Progress" }))).toBe(
      "tracker_write_failed",
    );
    expect(readFileSync(join(repo, ".oompah/tasks/open/X-1.md"), "utf8")).toBe(original);
    expect(filesUnder(join(repo, ".oompah")).filter((f) => f.includes(".oompah_tmp_"))).toEqual([]);
    expect((await t.getIssueDetail("X-1")).issue.title).toBe("Keep me");
    await t.close();
  });

  it("[C29] temp files are named .oompah_tmp_*.tmp and never end in .md", async () => {
    const repo = repoWith({ ".oompah/tasks/open/X-1.md": task("X-1", "Open", "Watch me") });
    const seen: string[] = [];
    const w = watch(join(repo, ".oompah/tasks/open"), (_e, f) => f && seen.push(f.toString()));
    const t = tracker(repo);
    await t.updateIssue("X-1", { title: "Watched" });
    await t.addComment("X-1", { author: "alice", text: "hi" });
    await waitFor(() => seen.some((f) => f.startsWith(".oompah_tmp_")), {
      what: "temp file event",
    });
    w.close();
    for (const f of seen.filter((n) => n !== "X-1.md"))
      expect(f).toMatch(/^\.oompah_tmp_[0-9a-f]+\.tmp$/);
    await t.close();
  });

  it("[C30] shows empty and unparsable files as corrupt stubs and never rewrites them", async () => {
    const broken = "---\nid: [unclosed\ntitle: : :\n---\nbody\n";
    const repo = repoWith({
      ".oompah/tasks/open/X-1.md": task("X-1", "Open", "Fine"),
      ".oompah/tasks/open/X-2.md": "",
      ".oompah/tasks/needs-human/X-3.md": broken,
    });
    const t = tracker(repo);
    const board = await t.fetchIssuesByStates(["Open", "Needs Human"]);
    expect(board.map((i) => [i.id, i.state, i.title]).sort()).toEqual([
      ["X-1", "Open", "Fine"],
      ["X-2", "Open", "(unreadable task file)"],
      ["X-3", "Needs Human", "(unreadable task file)"],
    ]);
    const stub = board.find((i) => i.id === "X-3");
    expect(stub?.labels).toEqual(["oompah:corrupt"]);
    expect(await codeOf(t.updateIssue("X-3", { status: "Open" }))).toBe("tracker_write_refused");
    expect(await codeOf(t.addComment("X-2", { author: "a", text: "b" }))).toBe(
      "tracker_write_refused",
    );
    expect(readFileSync(join(repo, ".oompah/tasks/needs-human/X-3.md"), "utf8")).toBe(broken);
    expect(readFileSync(join(repo, ".oompah/tasks/open/X-2.md"), "utf8")).toBe("");
    await t.close();
  });

  it("[C31] never reuses the number of a corrupt file", async () => {
    const repo = repoWith({
      ".oompah/tasks/config.yml": "task_prefix: X\n",
      ".oompah/tasks/open/X-6.md": task("X-6", "Open", "Six"),
      ".oompah/tasks/open/X-7.md": "not a task file",
    });
    const t = tracker(repo);
    expect((await t.createIssue({ title: "next" })).id).toBe("X-8");
    expect((await t.createIssue({ title: "after" })).id).toBe("X-9");
    expect(existsSync(join(repo, ".oompah/tasks/backlog/X-9.md"))).toBe(true);
    await t.close();
  });

  it("[C32] resolves duplicate ids to the newest updated_at and warns duplicate_task_id", async () => {
    const repo = repoWith({
      ".oompah/tasks/open/X-5.md": task("X-5", "Open", "Old copy", "2026-01-01T00:00:00Z"),
      ".oompah/tasks/done/X-5.md": task("X-5", "Done", "New copy", "2026-03-01T00:00:00Z"),
    });
    const warnings: Warning[] = [];
    const t = tracker(repo, { onWarning: (w) => warnings.push(w) });
    const [issue] = await t.fetchIssuesByIds(["X-5"]);
    expect(issue).toMatchObject({ title: "New copy", state: "Done" });
    expect((await t.fetchIssuesByStates(["Open", "Done"])).map((i) => i.id)).toEqual(["X-5"]);
    expect(warnings.filter((w) => w.code === "duplicate_task_id")).toHaveLength(1);
    await t.close();
  });

  it("[C33] uses task_prefix / taskPrefix from config.yml, else the upper-cased directory name", async () => {
    const plain = repoWith({});
    const t1 = tracker(plain);
    expect((await t1.createIssue({ title: "a" })).id).toBe("MYREPO1-1");
    await t1.close();
    const camel = repoWith({ ".oompah/tasks/config.yml": "taskPrefix: CAM\n" });
    const t2 = tracker(camel);
    expect((await t2.createIssue({ title: "b" })).id).toBe("CAM-1");
    await t2.close();
    const snake = repoWith({ ".oompah/tasks/config.yml": "task_prefix: OOMPAH\n" });
    const t3 = tracker(snake);
    expect((await t3.createIssue({ title: "c" })).id).toBe("OOMPAH-1");
    await t3.close();
  });

  it("[C37] reads legacy directories with mapped statuses and moves them on the next write", async () => {
    const repo = repoWith({
      ".oompah/tasks/proposed/X-1.md": task("X-1", "Proposed", "Idea"),
      ".oompah/tasks/in-validation/X-2.md": task("X-2", "In Validation", "Checking"),
      ".oompah/tasks/duplicate-candidate/X-3.md": task("X-3", "Duplicate Candidate", "Dup?"),
    });
    const t = tracker(repo);
    const all = await t.fetchIssuesByStates(["Backlog", "In Review", "Needs Human"]);
    expect(all.map((i) => [i.id, i.state]).sort()).toEqual([
      ["X-1", "Backlog"],
      ["X-2", "In Review"],
      ["X-3", "Needs Human"],
    ]);
    // A no-op write is not a write: the file stays where it is.
    await t.updateIssue("X-1", { title: "Idea" });
    expect(existsSync(join(repo, ".oompah/tasks/proposed/X-1.md"))).toBe(true);
    await t.addComment("X-1", { author: "alice", text: "please refine" });
    await t.updateIssue("X-2", { status: "In Review" });
    expect(filesUnder(join(repo, ".oompah/tasks"))).toEqual([
      "backlog/X-1.md",
      "duplicate-candidate/X-3.md",
      "in-review/X-2.md",
    ]);
    expect((await t.listComments("X-1")).map((c) => c.text)).toEqual(["please refine"]);
    await t.close();
  });

  it("writes nothing for a no-op update", async () => {
    const text = task("X-1", "Open", "Same");
    const repo = repoWith({ ".oompah/tasks/open/X-1.md": text });
    const before = statSync(join(repo, ".oompah/tasks/open/X-1.md")).mtimeMs;
    const t = tracker(repo);
    await t.updateIssue("X-1", { title: "Same", status: "Open", labels: [] });
    await t.removeLabel("X-1", "absent");
    expect(readFileSync(join(repo, ".oompah/tasks/open/X-1.md"), "utf8")).toBe(text);
    expect(statSync(join(repo, ".oompah/tasks/open/X-1.md")).mtimeMs).toBe(before);
    await t.close();
  });

  it("picks up a human's external edit through the watcher and the next read", async () => {
    const repo = repoWith({ ".oompah/tasks/open/X-1.md": task("X-1", "Open", "Before") });
    let changes = 0;
    const t = tracker(repo, { onChange: () => changes++ });
    expect((await t.fetchIssuesByStates(["Open"]))[0]?.title).toBe("Before");
    await t.updateIssue("X-1", { priority: 1 }); // our own write does not count as external
    writeFileSync(join(repo, ".oompah/tasks/open/X-1.md"), task("X-1", "Open", "After edit"));
    await waitFor(() => changes > 0, { what: "onChange after an external edit" });
    expect((await t.fetchIssuesByStates(["Open"]))[0]?.title).toBe("After edit");
    mkdirSync(join(repo, ".oompah/tasks/needs-answer"));
    writeFileSync(
      join(repo, ".oompah/tasks/needs-answer/X-2.md"),
      task("X-2", "Needs Answer", "New"),
    );
    await waitFor(async () => (await t.fetchIssuesByStates(["Needs Answer"])).length === 1, {
      what: "a file in a new status directory",
    });
    await t.close();
  });

  it("reads a task file larger than the read buffer in full and skips a FIFO named like a task", async () => {
    const long = "word ".repeat(120_000).trim(); // 600 kB: more than the shared read buffer
    const repo = repoWith({
      ".oompah/tasks/open/X-1.md": task("X-1", "Open", "Long").replace("Long body", long),
      ".oompah/tasks/open/X-2.md": task("X-2", "Open", "Short"),
    });
    // Opening a FIFO for reading blocks until a writer appears; the listing must not wait for one.
    execFileSync("mkfifo", [join(repo, ".oompah/tasks/open/X-3.md")]);
    const t = tracker(repo);
    const open = await t.fetchIssuesByStates(["Open"]);
    expect(open.map((i) => i.id).sort()).toEqual(["X-1", "X-2"]);
    expect(open.find((i) => i.id === "X-1")?.description).toBe(long);
    // Looked up by id (a probe of `<id>.md` in every status directory), it is no task either.
    expect(await t.fetchIssuesByIds(["X-3"])).toEqual([]);
    await t.close();
  });

  it("a listed task's comments are read from its file when its detail is asked for", async () => {
    const withComment = (text: string) =>
      `${task("X-1", "Open", "Commented")}\n## Comments\n\n<!-- COMMENTS:BEGIN -->\nauthor: alice\ncreated: 2026-01-01 10:00\n---\n${text}\n---\n<!-- COMMENTS:END -->\n`;
    const repo = repoWith({ ".oompah/tasks/open/X-1.md": withComment("First look.") });
    const t = tracker(repo);
    expect(await t.fetchIssuesByStates(["Open"])).toHaveLength(1);
    expect((await t.getIssueDetail("X-1")).comments.map((c) => c.text)).toEqual(["First look."]);
    const comment = await t.addComment("X-1", { author: "bob", text: "Second look." });
    expect(comment.id).toBe("X-1#2");
    expect((await t.listComments("X-1")).map((c) => c.text)).toEqual([
      "First look.",
      "Second look.",
    ]);
    await t.close();
  });

  it("[C26] loads the original oompah fixture files through the adapter", async () => {
    const repo = repoWith({});
    cpSync(FIXTURES, join(repo, ".oompah/tasks"), { recursive: true });
    const t = tracker(repo);
    const all = await t.fetchIssuesByStates(["Backlog", "Open", "Merged", "Archived"]);
    expect(all.map((i) => i.id).sort()).toEqual(
      [
        "OOMPAH-1",
        "OOMPAH-150",
        "OOMPAH-200",
        "OOMPAH-271",
        "OOMPAH-280",
        "OOMPAH-281",
        "OOMPAH-282",
      ].sort(),
    );
    expect(all.every((i) => !i.labels.includes("oompah:corrupt"))).toBe(true);
    expect((await t.createIssue({ title: "new" })).id).toBe("MYREPO1-283");
    await t.close();
  });
});
