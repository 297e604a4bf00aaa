import { describe, expect, it } from "vitest";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import {
  FocusSchema,
  focusBlock,
  focusOrigin,
  handoffPlan,
  mergeFoci,
  parseHandoffComment,
} from "../../../src/domain/focus.js";
import { selectFocus } from "../../../src/domain/focus-scoring.js";

const SPEC_TABLE: Array<[string, string, number, string[], string[], string[]]> = [
  [
    "feature",
    "Feature Developer",
    5,
    ["feature", "implement", "add", "new", "support", "create", "build"],
    ["feature"],
    [],
  ],
  [
    "refactor",
    "Refactoring Specialist",
    5,
    ["refactor", "cleanup", "restructure", "simplify", "extract", "reorganize", "technical debt"],
    [],
    [],
  ],
  [
    "frontend",
    "Frontend Developer",
    5,
    [
      "ui",
      "frontend",
      "css",
      "html",
      "component",
      "layout",
      "dashboard",
      "page",
      "button",
      "form",
      "display",
      "render",
      "visual",
    ],
    [],
    ["frontend", "ui"],
  ],
  [
    "docs",
    "Technical Writer",
    5,
    ["docs", "documentation", "readme", "guide", "tutorial", "docstring"],
    [],
    ["docs", "documentation"],
  ],
  [
    "test",
    "Test Engineer",
    5,
    ["test", "tests", "testing", "coverage", "spec", "assert"],
    [],
    ["test", "testing"],
  ],
  [
    "security",
    "Security Auditor",
    15,
    [
      "security",
      "vulnerability",
      "xss",
      "injection",
      "csrf",
      "encrypt",
      "credential",
      "permission",
      "cve",
    ],
    [],
    ["security"],
  ],
  [
    "devops",
    "DevOps Engineer",
    5,
    [
      "deploy",
      "docker",
      "ci",
      "cd",
      "pipeline",
      "kubernetes",
      "infrastructure",
      "terraform",
      "ansible",
    ],
    [],
    ["devops", "infrastructure"],
  ],
  [
    "chore",
    "Maintenance Engineer",
    0,
    ["typo", "rename", "lint", "format", "bump", "version", "dependency"],
    ["chore"],
    [],
  ],
  [
    "merge_conflict",
    "Merge Conflict Resolver",
    100,
    ["merge conflict", "rebase conflict", "resolve conflict"],
    [],
    ["merge-conflict"],
  ],
  [
    "ci_fix",
    "CI Failure Fixer",
    100,
    ["ci fix", "fix ci", "failed ci", "ci failure", "failing tests", "pipeline failed"],
    [],
    ["ci-fix"],
  ],
  ["general", "Software Engineer", -1, [], [], []],
];

describe("built-in foci (SPEC §8.2)", () => {
  it.each(SPEC_TABLE)(
    "%s is %s with the specified routing data and 3–5 rules each way",
    (name, role, priority, keywords, types, labels) => {
      const f = BUILTIN_FOCI.find((x) => x.name === name);
      expect(f).toBeDefined();
      expect(f).toMatchObject({
        role,
        priority,
        keywords,
        issue_types: types,
        labels,
        status: "active",
      });
      expect(f!.description.length).toBeGreaterThan(20);
      expect(f!.must_do.length).toBeGreaterThanOrEqual(3);
      expect(f!.must_do.length).toBeLessThanOrEqual(5);
      expect(f!.must_not_do.length).toBeGreaterThanOrEqual(3);
      expect(f!.must_not_do.length).toBeLessThanOrEqual(5);
    },
  );

  it("ships exactly the eleven built-ins", () => {
    expect(BUILTIN_FOCI.map((f) => f.name).sort()).toEqual(SPEC_TABLE.map((r) => r[0]).sort());
  });
});

describe("focus document entries (SPEC §8.1)", () => {
  it("applies defaults and reads blank optional strings as null", () => {
    const f = FocusSchema.parse({
      name: "billing",
      role: "Billing Engineer",
      model: "  ",
      provider_id: "",
      labels: ["Payments "],
    });
    expect(f).toMatchObject({
      description: "",
      must_do: [],
      priority: 0,
      status: "active",
      model: null,
      model_role: null,
      provider_id: null,
      allow_image_output: false,
      labels: ["payments"],
    });
  });

  it("rejects names outside [a-z][a-z0-9_]*", () => {
    expect(FocusSchema.safeParse({ name: "Billing-2", role: "x" }).success).toBe(false);
    expect(FocusSchema.safeParse({ name: "2fa", role: "x" }).success).toBe(false);
  });
});

describe("mergeFoci", () => {
  it("lets a user focus override a built-in by name and restores it when the override goes", () => {
    const docs = FocusSchema.parse({
      name: "docs",
      role: "Docs Gardener",
      keywords: ["handbook"],
      labels: ["docs"],
    });
    const extra = FocusSchema.parse({ name: "billing", role: "Billing Engineer" });
    const merged = mergeFoci(BUILTIN_FOCI, [docs, extra]);
    expect(merged.filter((f) => f.name === "docs")).toEqual([docs]);
    expect(merged.at(-1)?.name).toBe("billing");
    expect(merged).toHaveLength(BUILTIN_FOCI.length + 1);
    expect(focusOrigin("docs", BUILTIN_FOCI, [docs, extra])).toBe("override");
    expect(focusOrigin("billing", BUILTIN_FOCI, [docs, extra])).toBe("user");
    expect(focusOrigin("test", BUILTIN_FOCI, [docs, extra])).toBe("builtin");

    const input = {
      title: "Update the handbook",
      description: "",
      type: "task",
      labels: [],
      state: "Open" as const,
    };
    expect(selectFocus(input, merged).focus.role).toBe("Docs Gardener");
    const restored = mergeFoci(BUILTIN_FOCI, [extra]);
    expect(restored.find((f) => f.name === "docs")?.role).toBe("Technical Writer");
  });

  it("keeps the general fallback active even if an override deactivates it", () => {
    const general = FocusSchema.parse({ name: "general", role: "Generalist", status: "inactive" });
    const merged = mergeFoci(BUILTIN_FOCI, [general]);
    expect(merged.find((f) => f.name === "general")).toMatchObject({
      role: "Generalist",
      status: "active",
    });
  });
});

describe("focus block and handoff (SPEC §3.6, §8.4)", () => {
  it("renders role, description and the rules as Markdown bullet lists with handoff instructions", () => {
    const sec = BUILTIN_FOCI.find((f) => f.name === "security")!;
    const block = focusBlock(sec);
    expect(block).toContain("## Your role: Security Auditor");
    expect(block).toContain(sec.description);
    for (const rule of [...sec.must_do, ...sec.must_not_do]) expect(block).toContain(`- ${rule}`);
    expect(block.indexOf("### You must\n")).toBeLessThan(block.indexOf("### You must not\n"));
    expect(block).toContain("Focus handoff: security");
    expect(block).toContain("focus-complete:security");
  });

  it("builds the handoff comment, labels and status, and recognises the comment again", () => {
    const plan = handoffPlan({
      current: "frontend",
      outcome: "Form markup done",
      filesTouched: ["web/src/form.tsx"],
      remainingWork: "Server validation",
      next: "security",
    });
    expect(plan.comment.split("\n")[0]).toBe("Focus handoff: frontend");
    expect(plan.comment).toContain("- web/src/form.tsx");
    expect(plan.addLabels).toEqual(["focus-complete:frontend", "needs:security"]);
    expect(plan.status).toBe("Open");
    expect(parseHandoffComment(plan.comment)).toBe("frontend");
    expect(parseHandoffComment("Not a handoff\nFocus handoff: x")).toBeNull();
    expect(
      handoffPlan({ current: "docs", outcome: "", filesTouched: [], remainingWork: "" }).addLabels,
    ).toEqual(["focus-complete:docs"]);
  });

  it("routes the next run away from the completed focus and to the requested one", () => {
    const plan = handoffPlan({
      current: "frontend",
      outcome: "",
      filesTouched: [],
      remainingWork: "",
      next: "security",
    });
    const sel = selectFocus(
      {
        title: "Build the signup form UI",
        description: "",
        type: "feature",
        labels: plan.addLabels,
        state: "Open",
      },
      BUILTIN_FOCI,
    );
    expect(sel.focus.name).toBe("security");
    expect(sel.scores.find((s) => s.name === "frontend")?.excluded).toBe("focus_complete");
  });
});
