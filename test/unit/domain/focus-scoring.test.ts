import { describe, expect, it } from "vitest";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import { FocusSchema, type FocusDraft, type FocusInput } from "../../../src/domain/focus.js";
import { keywordMatches, scoreFocus, selectFocus } from "../../../src/domain/focus-scoring.js";

const focus = (d: Partial<FocusDraft> & { name: string }) =>
  FocusSchema.parse({ role: d.name, ...d });
const issue = (i: Partial<FocusInput> = {}): FocusInput => ({
  title: "",
  description: "",
  type: "task",
  labels: [],
  state: "Open",
  ...i,
});
const scoreOf = (name: string, scores: { name: string; score: number }[]) =>
  scores.find((s) => s.name === name)?.score;

describe("focus scoring (SPEC §8.3)", () => {
  it("[C87] matches keywords as whole words, case-insensitively", () => {
    const f = focus({ name: "auth_ui", keywords: ["log", "login", "page"] });
    expect(scoreFocus(f, issue({ title: "Cataloging" })).keywords).toEqual([]);
    expect(scoreFocus(f, issue({ title: "Cataloging" })).score).toBe(0);
    expect(scoreFocus(f, issue({ title: "LOGIN page" })).keywords).toEqual(["login", "page"]);
    expect(scoreFocus(f, issue({ title: "LOGIN page" })).score).toBe(20);
  });

  it.each([
    ["merge conflict", "Fix the merge   conflict\nin README", true],
    ["merge conflict", "merge-conflicting", false],
    ["ci", "Update the CI config", true],
    ["ci", "specific", false],
    ["c++", "port to c++ now", false],
  ])("keyword %j against %j → %s", (kw, text, expected) => {
    expect(keywordMatches(kw, text)).toBe(expected);
  });

  it("[C88] a needs:security label selects security even when the type matches another focus", () => {
    const input = issue({
      title: "Add new feature: implement export support",
      type: "feature",
      labels: ["needs:security"],
    });
    const sel = selectFocus(input, BUILTIN_FOCI);
    expect(sel.focus.name).toBe("security");
    expect(scoreOf("security", sel.scores)).toBe(215);
    expect(scoreOf("feature", sel.scores)!).toBeGreaterThan(0);
    expect(scoreOf("feature", sel.scores)!).toBeLessThan(215);
  });

  it("[C89] adds a focus's priority only when its score is above zero", () => {
    const f = focus({ name: "billing", keywords: ["invoice"], priority: 40 });
    expect(scoreFocus(f, issue({ title: "Rename a variable" })).score).toBe(0);
    expect(scoreFocus(f, issue({ title: "Rename a variable" })).priority_bonus).toBe(0);
    expect(scoreFocus(f, issue({ title: "Invoice totals are wrong" })).score).toBe(50);
    const sel = selectFocus(issue({ title: "Something vague" }), [...BUILTIN_FOCI, f]);
    expect(sel.focus.name).toBe("general");
    expect(sel.reason).toBe("fallback");
  });

  it("[C90] never selects inactive or proposed foci", () => {
    const input = issue({
      title: "Invoice invoice",
      labels: ["needs:billing", "needs:payments", "billing"],
    });
    const inactive = focus({
      name: "billing",
      keywords: ["invoice"],
      labels: ["billing"],
      status: "inactive",
    });
    const proposed = focus({ name: "payments", keywords: ["invoice"], status: "proposed" });
    const sel = selectFocus(input, [...BUILTIN_FOCI, inactive, proposed]);
    expect(sel.focus.name).toBe("general");
    expect(sel.scores.find((s) => s.name === "billing")?.excluded).toBe("inactive");
    expect(sel.scores.find((s) => s.name === "payments")?.excluded).toBe("proposed");
    const active = focus({ name: "billing", keywords: ["invoice"] });
    expect(selectFocus(input, [...BUILTIN_FOCI, active]).focus.name).toBe("billing");
  });

  it("[C91] 'merge' in a title does not select merge_conflict; repair states route by status", () => {
    const title = "Merge the two settings dialogs";
    const open = selectFocus(issue({ title }), BUILTIN_FOCI);
    expect(open.focus.name).not.toBe("merge_conflict");
    expect(scoreOf("merge_conflict", open.scores)).toBe(0);

    const rebase = selectFocus(
      issue({ title, state: "Needs Rebase", labels: ["needs:security"] }),
      BUILTIN_FOCI,
    );
    expect(rebase.focus.name).toBe("merge_conflict");
    expect(rebase.reason).toBe("state:Needs Rebase");
    expect(scoreOf("merge_conflict", rebase.scores)).toBe(130);

    const ci = selectFocus(
      issue({ title: "Add a dashboard page", type: "feature", state: "Needs CI Fix" }),
      BUILTIN_FOCI,
    );
    expect(ci.focus.name).toBe("ci_fix");
    expect(scoreOf("ci_fix", ci.scores)).toBe(130);
  });

  it("[C92] 'tests' in a description does not select test unless labelled test/testing/needs:test", () => {
    const base = {
      title: "Parser drops trailing commas",
      description: "Make sure the tests cover it.",
    };
    const plain = selectFocus(issue(base), BUILTIN_FOCI);
    expect(plain.focus.name).not.toBe("test");
    expect(plain.scores.find((s) => s.name === "test")?.keywords).toEqual([]);
    for (const label of ["test", "testing", "needs:test"]) {
      const sel = selectFocus(issue({ ...base, labels: [label] }), BUILTIN_FOCI);
      expect(sel.focus.name).toBe("test");
      expect(sel.scores.find((s) => s.name === "test")?.keywords).toEqual(["tests"]);
    }
    expect(
      selectFocus(issue({ title: "Improve tests for the parser" }), BUILTIN_FOCI).focus.name,
    ).toBe("test");
  });

  it("[C93] a focus-complete:<name> label excludes that focus; nothing scoring falls back to general", () => {
    const input = issue({
      title: "Fix XSS injection in the search box",
      labels: ["focus-complete:security"],
    });
    const sel = selectFocus(input, BUILTIN_FOCI);
    expect(sel.scores.find((s) => s.name === "security")?.excluded).toBe("focus_complete");
    expect(sel.focus.name).not.toBe("security");

    const done = selectFocus(
      issue({ title: "Handle an odd case", labels: ["focus-complete:feature"], state: "Open" }),
      BUILTIN_FOCI,
    );
    expect(done.focus.name).toBe("general");
    expect(done.focus.role).toBe("Software Engineer");
    expect(done.reason).toBe("fallback");

    const rebaseDone = selectFocus(
      issue({ title: "x", state: "Needs Rebase", labels: ["focus-complete:merge_conflict"] }),
      BUILTIN_FOCI,
    );
    expect(rebaseDone.focus.name).toBe("general");
  });

  it("breaks ties by higher priority, then by name", () => {
    const a = focus({ name: "alpha", keywords: ["widget"], priority: 0 });
    const b = focus({ name: "beta", keywords: ["widget"], priority: 0 });
    const c = focus({ name: "gamma", keywords: ["widget"], priority: 0 });
    expect(selectFocus(issue({ title: "widget" }), [c, b, a]).focus.name).toBe("alpha");
    const hi = focus({ name: "zeta", keywords: [], labels: ["widget"], priority: 10 });
    // zeta: 30 + 10 = 40; alpha: 10 + 0 = 10
    expect(selectFocus(issue({ title: "widget", labels: ["widget"] }), [a, hi]).focus.name).toBe(
      "zeta",
    );
    // equal scores, higher priority wins
    const p1 = focus({ name: "p_low", keywords: ["widget", "gadget"], priority: 0 });
    const p2 = focus({ name: "p_high", keywords: ["widget"], priority: 10 });
    expect(selectFocus(issue({ title: "widget gadget" }), [p1, p2]).focus.name).toBe("p_high");
  });

  it("scores the type match and each focus label", () => {
    const s = scoreFocus(
      BUILTIN_FOCI.find((f) => f.name === "frontend")!,
      issue({ labels: ["UI", "frontend"] }),
    );
    expect(s.labels).toEqual(["frontend", "ui"]);
    expect(s.score).toBe(65);
    const chore = scoreFocus(
      BUILTIN_FOCI.find((f) => f.name === "chore")!,
      issue({ type: "chore" }),
    );
    expect(chore.type_match).toBe(true);
    expect(chore.score).toBe(50);
  });
});
