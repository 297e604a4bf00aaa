import { describe, expect, it } from "vitest";
import { globToRegExp, includeMatcher } from "../../../../src/agents/api/tools/glob.js";
import { childParent, ownIssue, settableStatus } from "../../../../src/issues/run-scope.js";
import { simpleCommands, tokenize } from "../../../../src/agents/api/tools/shell-words.js";
import { interceptTaskCommand } from "../../../../src/agents/api/tools/task-command.js";

const scope = { runId: "run-1", projectId: "p1", issueId: "T-1", identifier: "T-1" };

describe("shell words", () => {
  it("splits words, removes quotes and separates control operators", () => {
    const words = simpleCommands(tokenize(`cd "my dir" && ls -la 'a b'; echo $HOME`)).map((c) =>
      c.map((t) => t.value),
    );
    expect(words).toEqual([
      ["cd", "my dir"],
      ["ls", "-la", "a b"],
      ["echo", "$HOME"],
    ]);
  });

  it("recognises oompah task lines and refuses chained ones", () => {
    expect(interceptTaskCommand(`oompah task comment T-1 -m "it's done"`)).toEqual([
      "comment",
      "T-1",
      "-m",
      "it's done",
    ]);
    expect(interceptTaskCommand("echo oompah task")).toBeNull();
    expect(interceptTaskCommand("oompah tasks")).toBeNull();
    expect(() => interceptTaskCommand("oompah task view T-1 | head")).toThrow(/command of its own/);
  });
});

describe("glob", () => {
  it("matches base names without a slash and paths with one", () => {
    expect(includeMatcher("*.ts")("src/a/b.ts")).toBe(true);
    expect(includeMatcher("*.{js,ts}")("x.js")).toBe(true);
    expect(includeMatcher("src/**/*.ts")("src/a/b.ts")).toBe(true);
    expect(includeMatcher("src/**/*.ts")("src/b.ts")).toBe(true);
    expect(includeMatcher("src/**/*.ts")("lib/b.ts")).toBe(false);
    expect(globToRegExp("a?.md").test("ab.md")).toBe(true);
  });
});

describe("run scope", () => {
  it("allows the run's own issue by id or identifier and forbids others", () => {
    expect(ownIssue(scope, "T-1")).toBe("T-1");
    expect(() => ownIssue(scope, "T-2")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => ownIssue(scope, "T-1", "other-project")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });

  it("lets a run set only Open, Needs Answer and Needs Human", () => {
    expect(settableStatus("needs-human")).toBe("Needs Human");
    expect(() => settableStatus("Done")).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("parents new issues under the run's issue", () => {
    expect(childParent(scope, undefined)).toBe("T-1");
    expect(() => childParent(scope, "T-9")).toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});
