/**
 * The demo agent's default script (SPEC §10.7, `oompah demo`): three short
 * turns that write `OOMPAH_DEMO/<identifier>.md` with the issue title, report
 * 1,000 input / 200 output tokens in total, and call `finish`. It says plainly
 * that it is the scripted demo agent, so nobody mistakes its work for a model's.
 */
import { pathKey } from "../../domain/path-key.js";
import type { SessionIssue } from "../backend.js";
import type { MockScript } from "./script.js";

/** The model name the demo provider lists (priced at 1 / 2 USD per 1M tokens there). */
export const MOCK_MODEL = "mock-1";

/** Worktree-relative path of the file the demo agent writes for an issue. */
export function demoFilePath(identifier: string): string {
  return `OOMPAH_DEMO/${pathKey(identifier)}.md`;
}

export function demoFileContent(issue: Pick<SessionIssue, "identifier" | "title">): string {
  return [
    `# ${issue.title || issue.identifier}`,
    "",
    `Issue: ${issue.identifier}`,
    "",
    "Written by oompah's demo agent (mock backend, model mock-1). No language model was",
    "called: this file exists so the demo shows the whole path from dispatch to delivery.",
    "",
  ].join("\n");
}

/** The default script; `pauseMs` spaces the turns out so a dashboard can show them. */
export function demoScript(issue: SessionIssue, opts: { pauseMs?: number } = {}): MockScript {
  const path = demoFilePath(issue.identifier);
  const content = demoFileContent(issue);
  const pause = opts.pauseMs ? [{ sleepMs: opts.pauseMs }] : [];
  return [
    {
      text: `[demo agent] This is oompah's scripted demo agent (mock backend); no model is called. Task: ${issue.title || issue.identifier}.`,
    },
    { usage: { input: 400, output: 60 } },
    ...pause,
    { nextTurn: true },
    {
      tool: "write_file",
      args: { path, content },
      result: `wrote ${path} (${Buffer.byteLength(content)} bytes)`,
      writeFile: { path, content },
    },
    { usage: { input: 350, output: 80 } },
    ...pause,
    { nextTurn: true },
    { text: `[demo agent] Recorded the task in ${path}.` },
    { usage: { input: 250, output: 60 } },
    ...pause,
    { finish: { summary: `Demo agent recorded "${issue.title || issue.identifier}" in ${path}.` } },
  ];
}
