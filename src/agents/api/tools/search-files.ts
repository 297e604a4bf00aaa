/**
 * `search_files` (§10.2). The file walk runs on the event loop (async fs);
 * the regex matching runs in a worker thread that is terminated after the
 * timeout (`search_timeout`), so a catastrophic-backtracking pattern cannot
 * block the service.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { OompahError } from "../../../domain/errors.js";
import { resolveInsideWorktree } from "../../../workspace/contain.js";
import { defineTool, loadDescription } from "./define-tool.js";
import { fsError } from "./file-errors.js";
import { includeMatcher } from "./glob.js";
import { searchWorkerMain, type SearchJob, type SearchReply } from "./search-worker.js";

/** Default time a search may run (§10.2). */
export const SEARCH_TIMEOUT_MS = 15_000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_MATCHES = 500;
const MAX_FILES = 50_000;

export const searchFilesParameters = z.object({
  pattern: z.string().min(1).describe("JavaScript regular expression matched against each line"),
  path: z
    .string()
    .optional()
    .describe(
      "Directory or file to search, relative to the worktree root (default: whole worktree)",
    ),
  include: z
    .string()
    .optional()
    .describe('Glob of files to search, e.g. "*.ts" or "src/**/*.{js,ts}"'),
  context: z
    .number()
    .int()
    .min(0)
    .max(20)
    .optional()
    .describe("Lines of context before and after each match (0-20, default 0)"),
});

const toPosix = (p: string): string => p.split(sep).join("/");

async function collectFiles(root: string, start: string, include: (rel: string) => boolean) {
  const files: SearchJob["files"] = [];
  const add = async (abs: string): Promise<void> => {
    const rel = toPosix(relative(root, abs));
    if (!include(rel)) return;
    const info = await lstat(abs);
    if (info.isFile() && info.size <= MAX_FILE_BYTES) files.push({ abs, rel });
  };
  const visit = async (dir: string): Promise<void> => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      if (files.length >= MAX_FILES) return;
      if (item.name === ".git") continue;
      const abs = join(dir, item.name);
      if (item.isDirectory()) await visit(abs);
      else if (item.isFile()) await add(abs);
    }
  };
  if ((await stat(start)).isDirectory()) await visit(start);
  else await add(start);
  return files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** Runs the match in a worker; rejects with `search_timeout` after `timeoutMs`. */
export function runSearchWorker(
  job: SearchJob,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<SearchReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(${searchWorkerMain.toString()})()`, {
      eval: true,
      workerData: job,
    });
    let done = false;
    const stop = (err: OompahError | null, reply?: SearchReply): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      void worker.terminate();
      if (err) reject(err);
      else if (reply) resolve(reply);
    };
    const timer = setTimeout(
      () =>
        stop(
          new OompahError(
            "search_timeout",
            `the search ran longer than ${timeoutMs / 1000} s and was stopped`,
            {
              hint: "simplify the pattern (avoid nested quantifiers) or narrow path/include",
            },
          ),
        ),
      timeoutMs,
    );
    const onAbort = (): void => stop(new OompahError("cancelled", "the search was cancelled"));
    signal.addEventListener("abort", onAbort, { once: true });
    worker.once("message", (reply: SearchReply) => stop(null, reply));
    worker.once("error", (e) => stop(new OompahError("search_failed", e.message)));
    worker.once("exit", () =>
      stop(new OompahError("search_failed", "the search worker exited early")),
    );
  });
}

/** `search_files`, with the worker timeout injectable for tests. */
export function searchFilesTool(opts: { timeoutMs?: number } = {}) {
  return defineTool({
    name: "search_files",
    kind: "search",
    description: loadDescription(new URL("./search-files.txt", import.meta.url)),
    parameters: searchFilesParameters,
    async execute(args, ctx) {
      try {
        new RegExp(args.pattern);
      } catch (e) {
        throw new OompahError(
          "invalid_pattern",
          `pattern is not a valid JavaScript regex: ${(e as Error).message}`,
          {
            hint: "escape special characters such as ( [ { . * + ? with a backslash",
          },
        );
      }
      const path = args.path ?? ".";
      const start = resolveInsideWorktree(ctx.worktree, path);
      const root = await realpath(ctx.worktree);
      const files = await collectFiles(root, start, includeMatcher(args.include)).catch(
        (e: unknown) => {
          throw fsError(e, path);
        },
      );
      const reply = await runSearchWorker(
        {
          pattern: args.pattern,
          flags: "",
          files,
          context: args.context ?? 0,
          maxMatches: MAX_MATCHES,
        },
        opts.timeoutMs ?? SEARCH_TIMEOUT_MS,
        ctx.signal,
      );
      if (reply.matches === 0) return `no matches in ${files.length} files`;
      const tail = reply.truncated
        ? `\n(stopped at ${MAX_MATCHES} matches; narrow the search)`
        : "";
      return `${reply.lines.join("\n")}${tail}`;
    },
  });
}
