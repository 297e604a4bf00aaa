import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "../../../../src/agents/api/tools/define-tool.js";
import { elideMiddle } from "../../../../src/agents/api/tools/truncate.js";
import { OompahError } from "../../../../src/domain/errors.js";

const ctx = { runId: "r1", worktree: "/nonexistent", signal: new AbortController().signal };

const echo = defineTool({
  name: "echo",
  kind: "other",
  description: "echo",
  parameters: z.object({
    text: z.string().describe("text"),
    times: z.number().int().min(1).optional().describe("repeat"),
  }),
  maxOutputChars: 100,
  execute: (args) => {
    if (args.text === "boom")
      throw new OompahError("boom_failed", "it blew up", { hint: "try again" });
    return Promise.resolve(args.text.repeat(args.times ?? 1));
  },
});

describe("defineTool", () => {
  it("turns a schema error into a message naming the field and what was expected", async () => {
    const r = await echo.execute({ times: "2" }, ctx);
    expect(r.ok).toBe(false);
    expect(r.output).toContain("invalid_tool_arguments");
    expect(r.output).toMatch(/- text: .*expected string/i);
    expect(r.output).toMatch(/- times: .*expected number/i);
  });

  it("turns a thrown OompahError into a tool error with code and hint", async () => {
    const r = await echo.execute({ text: "boom" }, ctx);
    expect(r).toEqual({ ok: false, output: "error boom_failed: it blew up\nhint: try again" });
  });

  it("caps output centrally, keeping head and tail", async () => {
    const r = await echo.execute({ text: "a".repeat(60) + "b".repeat(60) }, ctx);
    expect(r.ok).toBe(true);
    expect(r.output.length).toBeLessThanOrEqual(100);
    expect(r.output.startsWith("aaaa")).toBe(true);
    expect(r.output.endsWith("bbbb")).toBe(true);
    expect(r.output).toMatch(/…\[\d+ chars elided\]…/);
  });

  it("derives the JSON Schema from the zod object", () => {
    expect(echo.parameters).toMatchObject({
      type: "object",
      required: ["text"],
      properties: { text: { type: "string", description: "text" } },
    });
  });
});

describe("elideMiddle", () => {
  it("leaves short text alone and counts what it elides", () => {
    expect(elideMiddle("short", 10)).toBe("short");
    const out = elideMiddle("x".repeat(1000), 100);
    const n = Number(/…\[(\d+) chars elided\]…/.exec(out)?.[1]);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.replace(/\n…\[\d+ chars elided\]…\n/, "").length + n).toBe(1000);
  });
});
