import { describe, expect, it } from "vitest";
import { SEARCH_TIMEOUT_MS } from "../../../../src/agents/api/tools/search-files.js";
import { toolBench } from "./harness.js";

describe("search_files", () => {
  it("finds regex matches with context, honouring include and skipping .git and binaries", async () => {
    const b = toolBench({
      "src/a.ts": "one\nconst fooTool = 1;\nthree\n",
      "src/b.js": "const fooTool = 2;\n",
      "docs/c.md": "fooTool in docs\n",
      ".git/hooks/x.ts": "fooTool\n",
      "bin.ts": "fooTool\u0000\n",
    });
    const r = await b.call("search_files", { pattern: "foo\\w+", include: "*.ts", context: 1 });
    expect(r.ok).toBe(true);
    expect(r.output).toBe("src/a.ts-1-one\nsrc/a.ts:2:const fooTool = 1;\nsrc/a.ts-3-three");
    const all = await b.call("search_files", { pattern: "fooTool", path: "src" });
    expect(all.output.split("\n")).toEqual([
      "src/a.ts:2:const fooTool = 1;",
      "src/b.js:1:const fooTool = 2;",
    ]);
  });

  it("reports an invalid pattern as a tool error", async () => {
    const b = toolBench({ "a.txt": "x\n" });
    expect((await b.call("search_files", { pattern: "(unclosed" })).output).toContain(
      "invalid_pattern",
    );
  });

  it("[C117] stops a catastrophic-backtracking pattern with search_timeout while the event loop keeps answering", async () => {
    expect(SEARCH_TIMEOUT_MS).toBe(15_000);
    const b = toolBench({ "evil.txt": `${"a".repeat(40)}!\n` }, { searchTimeoutMs: 2_000 });
    let ticks = 0;
    let maxGap = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 20);
    const started = Date.now();
    try {
      const r = await b.call("search_files", { pattern: "^(a+)+$" });
      expect(r.ok).toBe(false);
      expect(r.output).toContain("search_timeout");
    } finally {
      clearInterval(timer);
    }
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(16_000);
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(ticks).toBeGreaterThan(20);
    expect(maxGap).toBeLessThan(1_000);
  });
});
