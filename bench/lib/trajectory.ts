/**
 * A scripted coding-agent trajectory for the api-backend benchmarks: the fake
 * OpenAI server answers each chat request with the step whose index is the
 * number of assistant messages already in the history, so the agent loop, the
 * real tool catalogue (§10.2) and the context management run exactly as with
 * a model. The repository is real source: this project's api backend and its
 * unit tests, copied into a fresh git repository, so file reads, searches and
 * command outputs have realistic sizes and shapes.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { FakeCompletion, FakeHandler } from "../../test/fakes/openai-server.js";

const repoRoot = resolve(import.meta.dirname, "../..");

/** One model response: a sentence and the tool calls it makes. */
export interface Step {
  text: string;
  calls: Array<{ name: string; args: Record<string, unknown> }>;
}

/** Repository-relative paths copied from this project into the sample repository. */
function sampleFiles(): string[] {
  const dir = (rel: string, suffix: string) =>
    readdirSync(join(repoRoot, rel))
      .filter((f) => f.endsWith(suffix))
      .map((f) => `${rel}/${f}`);
  return [
    "README.md",
    "package.json",
    ...dir("src/agents/api", ".ts"),
    "src/agents/api/tools/truncate.ts",
    "src/agents/api/tools/define-tool.ts",
    ...dir("test/unit/agents/api", ".test.ts"),
  ];
}

/** The sample files as path → content (also a project repository for the service). */
export function sampleRepoFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of sampleFiles()) out[rel] = readFileSync(join(repoRoot, rel), "utf8");
  return out;
}

/** A git repository at `dir` holding the sample files, committed in a few commits. */
export function writeSampleRepo(dir: string, env: NodeJS.ProcessEnv): void {
  const run = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, stdio: "ignore" });
  mkdirSync(dir, { recursive: true });
  run("init", "-q", "-b", "main");
  const files = Object.entries(sampleRepoFiles());
  files.forEach(([rel, content], i) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
    if (i % 4 === 3 || i === files.length - 1) {
      run("add", "-A");
      run("commit", "-q", "-m", `Add ${rel.split("/").slice(-2).join("/")} and friends`);
    }
  });
}

const COMPACT_TS = `/**
 * Shortens tool results the model has already seen, so long sessions do not
 * resend every file they ever read.
 */
import type { ChatMessage } from "./history.js";
import { elideMiddle } from "./tools/truncate.js";

/** Tool results newer than this many assistant messages stay as they are. */
export const RECENT_UNITS = 3;
/** Characters an older tool result keeps. */
export const STALE_CHARS = 1_000;

export function compactOld(messages: readonly ChatMessage[]): ChatMessage[] {
  let units = 0;
  const out = [...messages];
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i];
    if (m?.role === "assistant") units++;
    if (m?.role !== "tool" || units < RECENT_UNITS) continue;
    if (typeof m.content === "string" && m.content.length > STALE_CHARS)
      out[i] = { ...m, content: elideMiddle(m.content, STALE_CHARS) };
  }
  return out;
}
`;

const COMPACT_TEST = `import { describe, expect, it } from "vitest";
import { compactOld, STALE_CHARS } from "../../../../src/agents/api/compact.js";

describe("compactOld", () => {
  it("keeps recent tool results and shortens old ones", () => {
    const big = "x".repeat(5_000);
    const messages = [
      { role: "system" as const, content: "s" },
      { role: "user" as const, content: "u" },
      ...[1, 2, 3, 4].flatMap((n) => [
        { role: "assistant" as const, content: null, tool_calls: [{ id: \`c\${n}\`, type: "function" as const, function: { name: "read_file", arguments: "{}" } }] },
        { role: "tool" as const, tool_call_id: \`c\${n}\`, content: big },
      ]),
    ];
    const out = compactOld(messages);
    expect(out.at(-1)).toEqual(messages.at(-1));
    expect(String(out[3]?.content).length).toBeLessThanOrEqual(STALE_CHARS);
  });
});
`;

const TEST_LOG = `for i in $(seq 1 120); do echo " ✓ test/unit/agents/api/case-$i.test.ts > keeps the history consistent in case $i ($((i % 17 + 1))ms)"; done; echo; echo " Test Files  120 passed (120)"; echo "      Tests  480 passed (480)"`;

const s = (text: string, name: string, args: Record<string, unknown>): Step => ({
  text,
  calls: [{ name, args }],
});

/** 29 tool-calling responses, then `finish`: 30 model responses in all. */
export const TRAJECTORY: readonly Step[] = [
  s("I'll start with an overview of the repository.", "list_files", { path: ".", depth: 3 }),
  s("Let me read the README first.", "read_file", { path: "README.md" }),
  s("Where is the history pruned?", "search_files", {
    pattern: "pruneHistory|estimateTokens",
    path: "src",
  }),
  s("Reading the history module.", "read_file", { path: "src/agents/api/history.ts" }),
  s("And the context window that uses it.", "read_file", { path: "src/agents/api/window.ts" }),
  s("Now the loop itself.", "read_file", { path: "src/agents/api/loop.ts" }),
  s("Who else constructs the window?", "search_files", { pattern: "ContextWindow", context: 3 }),
  s("Let me look at the existing tests.", "read_file", {
    path: "test/unit/agents/api/history.test.ts",
  }),
  s("Recent history of the code:", "run_command", { command: "git log --oneline -n 15" }),
  s("How big are these modules?", "run_command", {
    command: "wc -l src/agents/api/*.ts test/unit/agents/api/*.ts",
  }),
  s("Reading how messages are built.", "read_file", { path: "src/agents/api/messages.ts" }),
  s("And how requests are sent.", "read_file", { path: "src/agents/api/request.ts" }),
  s("Where is max_tokens decided?", "search_files", {
    pattern: "maxTokens|max_tokens",
    path: "src",
  }),
  s("The elision helper will be useful.", "read_file", {
    path: "src/agents/api/tools/truncate.ts",
  }),
  s("I'll add a module for compacting old tool results.", "write_file", {
    path: "src/agents/api/compact.ts",
    content: COMPACT_TS,
  }),
  s("Checking the working tree.", "run_command", {
    command: "git status --short && git diff --stat",
  }),
  s("Re-reading what I wrote.", "read_file", { path: "src/agents/api/compact.ts" }),
  s("Keeping a few more recent units.", "edit_file", {
    path: "src/agents/api/compact.ts",
    old_string: "export const RECENT_UNITS = 3;",
    new_string: "export const RECENT_UNITS = 4;",
  }),
  s("How is the stream assembled?", "read_file", { path: "src/agents/api/stream.ts" }),
  s("Listing the exported functions.", "run_command", {
    command: "grep -rn 'export function' src/agents/api | sort",
  }),
  s("Documenting the marker.", "edit_file", {
    path: "src/agents/api/compact.ts",
    old_string: "/** Characters an older tool result keeps. */",
    new_string: "/** Characters an older tool result keeps (head and tail, middle elided). */",
  }),
  s("A test file to model mine on.", "read_file", { path: "test/unit/agents/api/retry.test.ts" }),
  s("Adding a unit test.", "write_file", {
    path: "test/unit/agents/api/compact.test.ts",
    content: COMPACT_TEST,
  }),
  s("Which scripts does the project have?", "run_command", { command: "cat package.json" }),
  s("Running the tests.", "run_command", { command: TEST_LOG }),
  s("How are tool calls executed?", "read_file", { path: "src/agents/api/tool-calls.ts" }),
  s("Reviewing the whole change.", "run_command", { command: "git diff" }),
  s("Final look at the folder.", "list_files", { path: "src/agents/api", depth: 2 }),
  s("Summary of the change.", "run_command", { command: "git status --short" }),
  s("Done.", "finish", {
    summary: "Added compaction of old tool results with a unit test.",
  }),
];

/** Tools that run in this process (no child process or worker thread). */
const IN_PROCESS_TOOLS = new Set(["read_file", "write_file", "edit_file", "list_files", "finish"]);

/**
 * Ten responses using only in-process tools (five reads, a new file, a
 * re-read, an edit, a test file, then `finish`): for timing oompah itself.
 */
export const SHORT_TRAJECTORY: readonly Step[] = [0, 1, 3, 4, 5, 14, 16, 17, 22, 29].map((i) => {
  const step = TRAJECTORY[i];
  if (!step?.calls.every((c) => IN_PROCESS_TOOLS.has(c.name)))
    throw new Error(`trajectory step ${i} is not in-process only`);
  return step;
});

/** Answers request k (k assistant messages so far) with step k; usage is left to the fake's estimate. */
export function scriptedHandler(steps: readonly Step[]): FakeHandler {
  return (req) => {
    const k = (req.body?.messages ?? []).filter((m) => m.role === "assistant").length;
    const step = steps[k];
    if (!step) return { kind: "error", status: 500, message: `no step ${k} in the trajectory` };
    const reply: FakeCompletion = {
      content: step.text,
      toolCalls: step.calls.map((c, i) => ({
        id: `call_${k}_${i}`,
        name: c.name,
        arguments: c.args,
      })),
    };
    return reply;
  };
}
