import { describe, expect, it } from "vitest";
import { ISSUE_FIELDS as CONTRACT_ISSUE_FIELDS } from "../../../contract/tracker-contract.js";
import { canonicalStatus } from "../../../../src/domain/status.js";
import {
  docComments,
  docId,
  parseTaskFile,
  serializeTaskFile,
  taskToIssue,
} from "../../../../src/trackers/oompah-md/format/index.js";
import type { IssueReview } from "../../../../src/domain/issue.js";
import { loadFixtures } from "./helpers.js";

interface Expected {
  status: string;
  type: string;
  priority: number | null;
  labels: string[];
  review: IssueReview | null;
  /** `oompah.task_costs` totals and number of runs, or null when the file has none. */
  costs: { input: number; output: number; runs: number } | null;
  /** Counted by hand in the fixture files. */
  comments: number;
  metadataKeys: string[];
}

const EXPECTED: Record<string, Expected> = {
  "OOMPAH-1": {
    status: "Archived",
    type: "task",
    priority: 0,
    labels: ["ci-fix", "external:github"],
    review: null,
    costs: null,
    comments: 0,
    metadataKeys: ["oompah.work_branch", "oompah.external.github"],
  },
  "OOMPAH-150": {
    status: "Archived",
    type: "task",
    priority: null,
    labels: ["external:github"],
    review: null,
    costs: null,
    comments: 1,
    metadataKeys: ["oompah.intake"],
  },
  "OOMPAH-200": {
    status: "Archived",
    type: "task",
    priority: 1,
    labels: [],
    review: null,
    costs: { input: 109, output: 3569, runs: 1 },
    comments: 10,
    metadataKeys: ["oompah.agent_run_id", "oompah.task_costs"],
  },
  "OOMPAH-282": {
    status: "Backlog",
    type: "bug",
    priority: 2,
    labels: ["external:github"],
    review: null,
    costs: null,
    comments: 0,
    metadataKeys: ["oompah.external.github", "oompah.intake"],
  },
  "OOMPAH-271": {
    status: "Merged",
    type: "task",
    priority: 0,
    labels: [],
    review: null,
    costs: { input: 54, output: 8476, runs: 2 },
    comments: 12,
    metadataKeys: ["oompah.agent_run_id", "oompah.task_costs"],
  },
  "OOMPAH-280": {
    status: "Merged",
    type: "task",
    priority: 0,
    labels: ["focus-complete:duplicate_detector"],
    review: null,
    costs: { input: 71, output: 1640, runs: 2 },
    comments: 12,
    metadataKeys: ["oompah.agent_run_id", "oompah.task_costs"],
  },
  "OOMPAH-281": {
    status: "Open",
    type: "task",
    priority: null,
    labels: ["focus-complete:duplicate_detector"],
    review: { url: "https://github.com/lesserevil/oompah/pull/458", number: 458, head_sha: null },
    costs: { input: 90, output: 5752, runs: 2 },
    comments: 17,
    metadataKeys: [
      "oompah.agent_run_id",
      "oompah.task_costs",
      "oompah.review_url",
      "oompah.review_number",
      "oompah.work_branch",
      "oompah.target_branch",
    ],
  },
};

const ISSUE_FIELDS = [...CONTRACT_ISSUE_FIELDS].sort();

const fixtures = loadFixtures();

describe("original oompah task files", () => {
  it("has the expected fixture set", () => {
    expect(fixtures.map((f) => f.stem).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(fixtures.map((f) => [`${f.dir}/${f.stem}`, f] as const))("%s", (_name, f) => {
    const parsed = parseTaskFile(f.text, { stem: f.stem, dirSlug: f.dir });
    const expected = EXPECTED[f.stem];

    it("[C26] loads with its id, status, priority, labels, review, task costs and comments", () => {
      if (parsed.kind !== "task" || !expected) throw new Error(`${f.stem} did not load`);
      expect(parsed.warnings).toEqual([]);
      const dirStatus = canonicalStatus(f.dir);
      const issue = taskToIssue(parsed.doc, { projectId: "proj-1", dirStatus });
      expect(docId(parsed.doc)).toBe(f.stem);
      expect(issue.id).toBe(f.stem);
      expect(issue.identifier).toBe(f.stem);
      expect(issue.state).toBe(expected.status);
      expect(issue.state).toBe(dirStatus);
      expect(issue.native_state).toBe(expected.status);
      expect(issue.type).toBe(expected.type);
      expect(issue.priority).toBe(expected.priority);
      expect(issue.labels).toEqual(expected.labels);
      expect(issue.review).toEqual(expected.review);
      expect(Object.keys(issue.metadata)).toEqual(expected.metadataKeys);
      const costs = issue.metadata["oompah.task_costs"] as
        { total_input_tokens: number; total_output_tokens: number; runs: unknown[] } | undefined;
      expect(
        costs === undefined
          ? null
          : {
              input: costs.total_input_tokens,
              output: costs.total_output_tokens,
              runs: costs.runs.length,
            },
      ).toEqual(expected.costs);
      const comments = docComments(parsed.doc);
      expect(comments).toHaveLength(expected.comments);
      comments.forEach((c, i) => {
        expect(c.id).toBe(`${f.stem}#${i + 1}`);
        expect(c.author).toBe("oompah");
        expect(c.is_oompah).toBe(true);
        expect(c.created_at).toMatch(/^2026-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
        expect(c.text.trim()).not.toBe("");
        expect(c.text).not.toMatch(/^(author|created):/m);
      });
    });

    it("[C24] maps to an Issue with every field present", () => {
      if (parsed.kind !== "task") throw new Error(`${f.stem} did not load`);
      const issue = taskToIssue(parsed.doc, { projectId: "proj-1", dirStatus: null });
      expect(Object.keys(issue).sort()).toEqual(ISSUE_FIELDS);
      expect(Object.values(issue)).not.toContain(undefined);
      expect(issue.project_id).toBe("proj-1");
      expect(issue.url).toBeNull();
      expect(Array.isArray(issue.attachments)).toBe(true);
      expect(issue.created_at).toMatch(/^2026-.*Z$/);
      expect(issue.updated_at).toMatch(/^2026-.*Z$/);
      for (const b of issue.blocked_by)
        expect(b).toEqual({ id: b.id, identifier: b.id, state: null });
    });

    it("[C27] rewrites byte-identically when unchanged", () => {
      if (parsed.kind !== "task") throw new Error(`${f.stem} did not load`);
      expect(serializeTaskFile(parsed.doc)).toBe(f.text);
    });
  });
});

describe("fixture details", () => {
  const byStem = new Map(fixtures.map((f) => [f.stem, f]));
  const load = (stem: string) => {
    const f = byStem.get(stem);
    if (!f) throw new Error(stem);
    const parsed = parseTaskFile(f.text, { stem, dirSlug: f.dir });
    if (parsed.kind !== "task") throw new Error(parsed.reason);
    return { doc: parsed.doc, issue: taskToIssue(parsed.doc, { projectId: "p", dirStatus: null }) };
  };

  it("[C26] reads relations, branches and the full task-cost projection of OOMPAH-200", () => {
    const { issue } = load("OOMPAH-200");
    expect(issue.parent).toBe("OOMPAH-192");
    expect(issue.blocked_by.map((b) => b.id)).toEqual(["OOMPAH-196", "OOMPAH-198", "OOMPAH-199"]);
    expect(issue.metadata["oompah.agent_run_id"]).toBe("5fa5f4e4-6a61-409e-bedf-1b2548419b53");
    expect(issue.metadata["oompah.task_costs"]).toEqual({
      total_input_tokens: 109,
      total_output_tokens: 3569,
      total_cost_usd: 0,
      by_model: { unknown: { input_tokens: 109, output_tokens: 3569, cost_usd: 0 } },
      runs: [
        {
          profile: "default",
          model: "unknown",
          input_tokens: 109,
          output_tokens: 3569,
          cost_usd: 0,
          recorded_at: "2026-07-13T22:52:05.440170+00:00",
        },
      ],
    });
  });

  it("[C26] reads review and branch fields of OOMPAH-281", () => {
    const { issue } = load("OOMPAH-281");
    expect(issue.branch_name).toBe("OOMPAH-281");
    expect(issue.target_branch).toBe("main");
    expect(issue.title).toBe("Run Oompah CI on a containerized self-hosted GitHub Actions runner");
  });

  it("[C26] reads a folded multi-line title and keeps the work branch of OOMPAH-1/150", () => {
    expect(load("OOMPAH-150").issue.title).toBe(
      "[backend:webhooks] WebhookForwarder: disabling webhook forwarding for project trickle: gh: Not Found (HTTP 404)",
    );
    expect(load("OOMPAH-1").issue.branch_name).toBe("oompah/oompah/gh-304");
    expect(load("OOMPAH-1").issue.title).toBe("fix CI on PR #303 (oompah/oompah/gh-302)");
  });

  it("[C26] reads comment texts exactly, multi-paragraph ones included", () => {
    const comments = docComments(load("OOMPAH-200").doc);
    expect(comments[0]).toEqual({
      id: "OOMPAH-200#1",
      author: "oompah",
      created_at: "2026-07-13T22:35:00.000Z",
      text: "Agent dispatched (profile: default)",
      is_oompah: true,
    });
    const last = comments.at(-1)?.text ?? "";
    expect(last.split("\n")).toEqual([
      "Run #1 [attempt=1, profile=default, role=fast -> Claude/default]",
      "- Turns: 0, Tool calls: 78",
      "- Tokens: 109 in / 3.6K out [3.7K total]",
      "- Cost: $0.0000",
      "- Exit: terminated, Duration: 16m 47s",
      "- Log: OOMPAH-200__20260713T223525Z.jsonl",
    ]);
    const impl = comments[5]?.text ?? "";
    expect(
      impl.startsWith(
        "Implementation complete. Changes to oompah/templates/dashboard.html:\n\n1. CSS:",
      ),
    ).toBe(true);
    expect(impl).toContain("\n\n5. Retained: openAddReleaseBranchesDialog,");
    expect(impl.endsWith("accessibility, legacy removal.")).toBe(true);
  });

  it("[C26] reads the description up to the first section boundary", () => {
    const d150 = load("OOMPAH-150").issue.description;
    expect(d150.startsWith("## Problem\nOompah detected a backend error")).toBe(true);
    expect(
      d150.endsWith("No unhandled error should be auto-filed as a task during normal operation."),
    ).toBe(true);
    expect(d150).not.toContain("## Acceptance Criteria");
    const d1 = load("OOMPAH-1").issue.description;
    expect(d1.startsWith("YOLO: CI failure detected")).toBe(true);
    expect(d1).not.toContain("External GitHub Issue");
    const d282 = load("OOMPAH-282").issue.description;
    expect(d282).toContain("### Acceptance Criteria");
    expect(d282.endsWith("- tracker_repo: oompah")).toBe(true);
  });
});
