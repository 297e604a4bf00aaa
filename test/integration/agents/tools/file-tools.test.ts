import { readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toolBench } from "./harness.js";

const lines = (n: number): string =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}`).join("\n") + "\n";

describe("file tools containment", () => {
  it("[C112] rejects ../x, absolute paths outside and escaping symlinks with path_outside_workspace", async () => {
    const b = toolBench({ "a.txt": "hello\n" });
    symlinkSync(b.outside, join(b.worktree, "escape"));
    symlinkSync(join(b.outside, "secret.txt"), join(b.worktree, "secret-link"));
    const attempts: Array<[string, unknown]> = [
      ["read_file", { path: "../outside/secret.txt" }],
      ["read_file", { path: join(b.outside, "secret.txt") }],
      ["read_file", { path: "escape/secret.txt" }],
      ["read_file", { path: "secret-link" }],
      ["write_file", { path: "../x", content: "no" }],
      ["write_file", { path: join(b.outside, "new.txt"), content: "no" }],
      ["write_file", { path: "escape/new.txt", content: "no" }],
      ["edit_file", { path: "secret-link", old_string: "top", new_string: "x" }],
      ["list_files", { path: "escape" }],
      ["list_files", { path: "/etc" }],
      ["search_files", { pattern: "secret", path: "escape" }],
      ["search_files", { pattern: "secret", path: ".." }],
    ];
    for (const [tool, args] of attempts) {
      const r = await b.call(tool, args);
      expect(r.ok, `${tool} ${JSON.stringify(args)}`).toBe(false);
      expect(r.output, `${tool} ${JSON.stringify(args)}`).toContain("path_outside_workspace");
    }
    expect(readFileSync(join(b.outside, "secret.txt"), "utf8")).toBe("top secret\n");
  });

  it("allows absolute paths inside the worktree and refuses writes into .git", async () => {
    const b = toolBench({ "a.txt": "hello\n", ".git/HEAD": "ref: refs/heads/main\n" });
    expect((await b.call("read_file", { path: join(b.worktree, "a.txt") })).output).toBe(
      "1\thello",
    );
    const r = await b.call("write_file", { path: ".git/HEAD", content: "x" });
    expect(r.output).toContain("path_outside_workspace");
  });
});

describe("read_file / write_file / list_files", () => {
  it("reads numbered line ranges and says where to continue", async () => {
    const b = toolBench({ "f.txt": lines(10) });
    const r = await b.call("read_file", { path: "f.txt", offset: 3, limit: 2 });
    expect(r.output).toBe(
      "3\tline 3\n4\tline 4\n(showing lines 3-4 of 10; continue with offset=5)",
    );
  });

  it("caps read_file at 32,000 characters with the next offset", async () => {
    const b = toolBench({
      "big.txt": Array.from({ length: 2000 }, () => "x".repeat(100)).join("\n"),
    });
    const r = await b.call("read_file", { path: "big.txt" });
    expect(r.output.length).toBeLessThanOrEqual(32_000);
    expect(r.output).toMatch(/continue with offset=\d+\)$/);
  });

  it("refuses binary files", async () => {
    const b = toolBench();
    writeFileSync(join(b.worktree, "bin.dat"), Buffer.from([1, 0, 2, 3]));
    expect((await b.call("read_file", { path: "bin.dat" })).output).toContain("binary_file");
  });

  it("reads and edits a file over 1 MiB (read through the thread pool) like a small one", async () => {
    const big = `${lines(3)}${"x".repeat(80)}\n`.repeat(15_000); // ≈ 1.3 MiB
    const b = toolBench({ "big.log": big });
    const r = await b.call("read_file", { path: "big.log", limit: 2 });
    expect(r.output).toBe(
      "1\tline 1\n2\tline 2\n(showing lines 1-2 of 60000; continue with offset=3)",
    );
    const e = await b.call("edit_file", {
      path: "big.log",
      old_string: "line 3\n",
      new_string: "line three\n",
      replace_all: true,
    });
    expect(e.output).toBe("replaced 15000 occurrences in big.log");
    expect(readFileSync(join(b.worktree, "big.log"), "utf8")).toBe(
      big.replaceAll("line 3\n", "line three\n"),
    );
  });

  it("refuses to read or edit a file over 16 MiB, pointing at run_command", async () => {
    const b = toolBench({ "huge.log": "" });
    truncateSync(join(b.worktree, "huge.log"), 16 * 1024 * 1024 + 1); // sparse: no 16 MiB written
    for (const [tool, args] of [
      ["read_file", { path: "huge.log" }],
      ["edit_file", { path: "huge.log", old_string: "a", new_string: "b" }],
    ] as const) {
      const r = await b.call(tool, args);
      expect(r.ok).toBe(false);
      expect(r.output).toContain("file_too_large");
      expect(r.output).toContain("run_command");
    }
  });

  it("writes with parent directories and lists directories with a trailing slash, skipping .git", async () => {
    const b = toolBench({ ".git/config": "" });
    expect((await b.call("write_file", { path: "src/deep/new.ts", content: "x" })).ok).toBe(true);
    expect(readFileSync(join(b.worktree, "src/deep/new.ts"), "utf8")).toBe("x");
    const r = await b.call("list_files", { depth: 3 });
    expect(r.output.split("\n")).toEqual(["src/", "src/deep/", "src/deep/new.ts"]);
  });
});

describe("edit_file", () => {
  it("[C113] with zero matches returns an error containing the file's first 30 lines", async () => {
    const b = toolBench({ "f.txt": lines(40) });
    const r = await b.call("edit_file", { path: "f.txt", old_string: "nope", new_string: "x" });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("edit_no_match");
    for (let i = 1; i <= 30; i++) expect(r.output).toContain(`${i}\tline ${i}\n`);
    expect(r.output).not.toContain("line 31\n");
  });

  it("[C113] with two matches and no replace_all returns an error with the count", async () => {
    const b = toolBench({ "f.txt": "foo\nbar\nfoo\n" });
    const r = await b.call("edit_file", { path: "f.txt", old_string: "foo", new_string: "baz" });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("occurs 2 times");
    expect(readFileSync(join(b.worktree, "f.txt"), "utf8")).toBe("foo\nbar\nfoo\n");
    const all = await b.call("edit_file", {
      path: "f.txt",
      old_string: "foo",
      new_string: "$&",
      replace_all: true,
    });
    expect(all.ok).toBe(true);
    expect(readFileSync(join(b.worktree, "f.txt"), "utf8")).toBe("$&\nbar\n$&\n");
  });

  it("replaces a unique match exactly", async () => {
    const b = toolBench({ "f.ts": "const a = 1;\nconst b = 2;\n" });
    expect(
      (await b.call("edit_file", { path: "f.ts", old_string: "b = 2", new_string: "b = 3" })).ok,
    ).toBe(true);
    expect(readFileSync(join(b.worktree, "f.ts"), "utf8")).toBe("const a = 1;\nconst b = 3;\n");
  });
});
