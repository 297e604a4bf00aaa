import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createMockBackend,
  demoFilePath,
  type MockScript,
} from "../../../src/agents/mock/index.js";
import { git, makeRepoWithOrigin, tempDir } from "../../helpers/sandbox.js";
import { drain, sessionOptions } from "../../unit/agents/mock-helpers.js";

describe("mock backend edits the worktree (SPEC §10.7)", () => {
  it("the demo script writes OOMPAH_DEMO/<identifier>.md with the title, reports 1000/200 tokens and finishes", async () => {
    const { work, env } = makeRepoWithOrigin();
    const backend = createMockBackend({ allow: true });
    const session = await backend.startSession(
      sessionOptions({
        cwd: work,
        issue: {
          id: "OOMPAH-12",
          identifier: "OOMPAH-12",
          title: "Add a changelog entry",
          labels: [],
        },
      }),
    );
    const events = await drain(session.events);

    const file = join(work, "OOMPAH_DEMO", "OOMPAH-12.md");
    expect(demoFilePath("OOMPAH-12")).toBe("OOMPAH_DEMO/OOMPAH-12.md");
    expect(readFileSync(file, "utf8")).toContain("# Add a changelog entry");
    expect(git(work, env, "status", "--porcelain", "--untracked-files=all")).toBe(
      "?? OOMPAH_DEMO/OOMPAH-12.md",
    );
    const usage = events.filter((e) => e.type === "usage");
    expect(usage.reduce((n, e) => n + (e.type === "usage" ? e.input_tokens : 0), 0)).toBe(1000);
    expect(usage.reduce((n, e) => n + (e.type === "usage" ? e.output_tokens : 0), 0)).toBe(200);
    expect(events.filter((e) => e.type === "turn_completed")).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: "turn_end", reason: "finish" });
    expect(JSON.stringify(events)).toContain("demo agent");
    expect(backend.sessions[0]?.files).toEqual([file]);
  });

  it("writes only inside the worktree: .., absolute paths, escaping symlinks and .git are refused", async () => {
    const root = tempDir();
    const work = join(root, "wt");
    mkdirSync(join(work, ".git"), { recursive: true });
    symlinkSync(root, join(work, "link-out"));
    const targets = [
      "../escape.txt",
      join(root, "abs.txt"),
      "link-out/via-link.txt",
      ".git/config",
      ".",
    ];
    const script: MockScript = [
      ...targets.map((path) => ({
        tool: "write_file",
        args: { path },
        result: "ok",
        writeFile: { path, content: "x" },
      })),
      { tool: "write_file", result: "ok", writeFile: { path: "sub/dir/ok.txt", content: "fine" } },
      { finish: { summary: "tried" } },
    ];
    const backend = createMockBackend({ allow: true, scripts: { default: script } });
    const events = await drain((await backend.startSession(sessionOptions({ cwd: work }))).events);
    const results = events.filter((e) => e.type === "tool_result").slice(0, targets.length + 1);
    expect(results.map((e) => e.type === "tool_result" && e.ok)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    for (const r of results.slice(0, targets.length))
      expect(r.type === "tool_result" && r.output).toMatch(/^path_outside_workspace/);
    expect(existsSync(join(root, "escape.txt"))).toBe(false);
    expect(existsSync(join(root, "abs.txt"))).toBe(false);
    expect(existsSync(join(root, "via-link.txt"))).toBe(false);
    expect(existsSync(join(work, ".git", "config"))).toBe(false);
    expect(readFileSync(join(work, "sub/dir/ok.txt"), "utf8")).toBe("fine");
  });
});
