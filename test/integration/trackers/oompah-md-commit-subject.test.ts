import { describe, expect, it } from "vitest";
import {
  commitSubject,
  mergeVerb,
  verbsFromStaged,
} from "../../../src/trackers/oompah-md/commit-subject.js";
import { makeRepo, makeTracker, originSubjects } from "./oompah-md-harness.js";
import { waitFor } from "../../helpers/sandbox.js";

describe("task commit subjects", () => {
  it("names each task once with its most significant verb", () => {
    let v = mergeVerb(undefined, { verb: "comment", id: "X-1" });
    v = mergeVerb(v, { verb: "update", id: "X-1" });
    expect(v).toEqual({ verb: "update", id: "X-1" });
    v = mergeVerb(v, { verb: "move", id: "X-1", status: "Done" });
    v = mergeVerb(v, { verb: "comment", id: "X-1" });
    expect(v).toEqual({ verb: "move", id: "X-1", status: "Done" });
    expect(
      mergeVerb({ verb: "create", id: "X-2" }, { verb: "move", id: "X-2", status: "Open" }),
    ).toEqual({
      verb: "create",
      id: "X-2",
    });
    expect(
      commitSubject([
        { verb: "create", id: "X-2" },
        { verb: "move", id: "X-1", status: "In Review" },
        { verb: "comment", id: "X-3" },
      ]),
    ).toBe("oompah: create X-2, move X-1 to In Review, comment X-3");
    const many = Array.from({ length: 12 }, (_, i) => ({ verb: "update" as const, id: `X-${i}` }));
    expect(commitSubject(many)).toMatch(/update X-9, and 2 more$/);
  });

  it("describes staged files nobody recorded (crash recovery, other instances)", () => {
    expect(
      verbsFromStaged([
        { status: "A", path: ".oompah/tasks/open/X-1.md", from: null },
        { status: "R", path: ".oompah/tasks/done/X-2.md", from: ".oompah/tasks/open/X-2.md" },
        { status: "D", path: ".oompah/tasks/open/X-3.md", from: null },
        { status: "A", path: ".oompah/tasks/in-review/X-3.md", from: null },
        { status: "M", path: ".oompah/tasks/open/X-4.md", from: null },
        { status: "A", path: ".oompah/attachments/X-4/abc-shot.png", from: null },
        { status: "M", path: "README.md", from: null },
      ]),
    ).toEqual([
      { verb: "move", id: "X-2", status: "Done" },
      { verb: "update", id: "X-4" },
      { verb: "create", id: "X-1" },
      { verb: "move", id: "X-3", status: "In Review" },
    ]);
  });

  it("commits pending changes within maxPendingMs even while writes keep coming", async () => {
    const repo = makeRepo();
    const { tracker } = makeTracker(repo, { commitDebounceMs: 60_000, maxPendingMs: 300 });
    await tracker.createIssue({ title: "capped", status: "Open" });
    await waitFor(() => originSubjects(repo)[0] === "oompah: create WORK-1", {
      what: "capped flush",
    });
    await tracker.close();
  });
});
