/**
 * Builds the variables a prompt template sees (SPEC §3.6) from the issue, its
 * comments, the selected focus, the project and the run. Every field is
 * present (`null` / `[]` when unknown) because the template engine is strict.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PromptAttachment, PromptVars } from "../config/prompt-vars.js";
import type { Focus } from "../domain/focus.js";
import { focusTemplateVars } from "../domain/focus.js";
import type { Comment, Issue, IssueAttachment } from "../domain/issue.js";

const MAX_COMMENTS = 20;
const COMMENT_CAP = 32 * 1024;
const AGENTS_MD_CAP = 64 * 1024;

/** Keeps head and tail of an over-long text, eliding the middle. */
export function elideMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = `\n…[${text.length - max} chars elided]…\n`;
  const keep = Math.max(0, max - marker.length);
  const head = Math.ceil(keep / 2);
  return text.slice(0, head) + marker + text.slice(text.length - (keep - head));
}

function str(v: unknown, fallback: string): string {
  return typeof v === "string" ? v : fallback;
}

function attachmentVar(a: IssueAttachment): PromptAttachment {
  const name = str(a.name, str(a.filename, "attachment"));
  return {
    name,
    mime_type: str(a.mime_type, "application/octet-stream"),
    size: typeof a.size === "number" ? a.size : 0,
    sent_inline: a.sent_inline === true,
    path: str(a.path, name),
  };
}

/** `AGENTS.md` at the worktree root (≤ 64 KiB) or null. */
export async function readAgentsMd(worktree: string): Promise<string | null> {
  try {
    return elideMiddle(await readFile(join(worktree, "AGENTS.md"), "utf8"), AGENTS_MD_CAP);
  } catch {
    return null;
  }
}

export interface PromptVarsInput {
  issue: Issue;
  comments: readonly Comment[];
  focus: Focus;
  project: {
    id: string;
    name: string;
    default_branch: string | null;
    repo_url: string;
    test_command: string | null;
  };
  run: PromptVars["run"];
  attempt: number;
  agentsMd: string | null;
}

export function buildPromptVars(i: PromptVarsInput): PromptVars {
  const issue = i.issue;
  return {
    issue: {
      id: issue.id,
      identifier: issue.identifier,
      title: issue.title,
      description: issue.description,
      type: issue.type,
      priority: issue.priority,
      state: issue.state,
      labels: [...issue.labels],
      blocked_by: issue.blocked_by.map((b) => ({
        id: b.id,
        identifier: b.identifier,
        state: b.state,
      })),
      parent: issue.parent,
      children: [...issue.children],
      url: issue.url,
      branch_name: issue.branch_name,
      target_branch: issue.target_branch,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      project_id: issue.project_id,
      assignee: issue.assignee,
      attachments: issue.attachments.map(attachmentVar),
    },
    attempt: i.attempt > 1 ? i.attempt : null,
    comments: i.comments.slice(-MAX_COMMENTS).map((c) => ({
      author: c.author,
      created_at: c.created_at,
      text: elideMiddle(c.text, COMMENT_CAP),
    })),
    focus: focusTemplateVars(i.focus),
    project: {
      id: i.project.id,
      name: i.project.name,
      default_branch: i.project.default_branch ?? "main",
      repo_url: i.project.repo_url,
      test_command: i.project.test_command,
    },
    run: { ...i.run },
    agents_md: i.agentsMd,
  };
}
