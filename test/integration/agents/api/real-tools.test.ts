import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildToolSet } from "../../../../src/agents/api/tools/index.js";
import { backend, drain, fakeServer, ofType, provider, sessionOpts } from "./api-harness.js";

describe("api backend with the built-in tool catalogue", () => {
  it("a scripted trajectory reads, edits and runs a command in the worktree, then finishes", async () => {
    const fake = await fakeServer();
    const opts = sessionOpts(provider(fake.baseUrl));
    writeFileSync(join(opts.cwd, "greet.txt"), "hello wrld\n");
    fake.enqueue(
      { toolCalls: [{ id: "r", name: "read_file", arguments: { path: "greet.txt" } }] },
      {
        content: "Fixing the typo.",
        toolCalls: [
          {
            id: "e",
            name: "edit_file",
            arguments: { path: "greet.txt", old_string: "wrld", new_string: "world" },
          },
          { id: "c", name: "run_command", arguments: { command: "cat greet.txt" } },
        ],
      },
      { toolCalls: [{ name: "finish", arguments: { summary: "Fixed the typo in greet.txt" } }] },
    );
    const tools = buildToolSet({
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      commandTimeoutMs: 10_000,
    });
    const events = await drain((await backend().startSession({ ...opts, tools })).events);
    expect(readFileSync(join(opts.cwd, "greet.txt"), "utf8")).toBe("hello world\n");
    const results = ofType(events, "tool_result");
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ["r", true],
      ["e", true],
      ["c", true],
      [results[3]!.id, true],
    ]);
    expect(results[0]!.output).toContain("hello wrld");
    expect(results[2]).toMatchObject({ exit_code: 0 });
    expect(results[2]!.output).toContain("hello world");
    expect(ofType(events, "tool_call").map((c) => [c.name, c.kind])).toEqual([
      ["read_file", "read"],
      ["edit_file", "edit"],
      ["run_command", "execute"],
      ["finish", "other"],
    ]);
    const offered = (
      fake.chatRequests()[0]!.body!.tools as Array<{ function: { name: string } }>
    ).map((t) => t.function.name);
    expect(offered).toEqual([
      "read_file",
      "write_file",
      "edit_file",
      "list_files",
      "search_files",
      "run_command",
      "finish",
      "ask_question",
    ]);
    expect(events.at(-1)).toMatchObject({
      reason: "finish",
      summary: "Fixed the typo in greet.txt",
    });
  });
});
