/**
 * A temp worktree (with a sibling directory outside it) and a tool runner
 * that calls tools exactly as a backend does: by name with raw arguments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ToolOutcome } from "../../../../src/agents/backend.js";
import { buildToolSet, type ToolSetOptions } from "../../../../src/agents/api/tools/index.js";
import { tempDir } from "../../../helpers/sandbox.js";

export interface ToolBench {
  root: string;
  worktree: string;
  outside: string;
  call(name: string, args: unknown, signal?: AbortSignal): Promise<ToolOutcome>;
}

export function toolBench(
  files: Record<string, string> = {},
  opts: Partial<ToolSetOptions> = {},
): ToolBench {
  const root = tempDir("oompah-tools-");
  const worktree = join(root, "wt");
  const outside = join(root, "outside");
  mkdirSync(worktree);
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.txt"), "top secret\n");
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(worktree, rel, ".."), { recursive: true });
    writeFileSync(join(worktree, rel), content);
  }
  const tools = buildToolSet({
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    commandTimeoutMs: 30_000,
    ...opts,
  });
  return {
    root,
    worktree,
    outside,
    call(name, args, signal) {
      const tool = tools.find((t) => t.name === name);
      if (!tool) throw new Error(`no tool ${name}`);
      return tool.execute(args, {
        runId: "run-1",
        worktree,
        signal: signal ?? new AbortController().signal,
      });
    },
  };
}
