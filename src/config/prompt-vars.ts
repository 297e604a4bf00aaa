/**
 * The variables a prompt template sees (SPEC §3.6). Every field is always
 * present (`null` / `[]` when unknown) because the engine is strict: a
 * template may test `{% if issue.parent %}` but never reads an undefined key.
 */
import type { FocusTemplateVars } from "../domain/focus.js";

/** An attachment as the template sees it (§14.4). */
export interface PromptAttachment {
  name: string;
  mime_type: string;
  size: number;
  /** True when the file is sent inline as an image/audio part. */
  sent_inline: boolean;
  /** Worktree-relative path, listed in the Attachments note when not inline. */
  path: string;
}

export interface PromptIssue {
  id: string;
  identifier: string;
  title: string;
  description: string;
  type: string;
  priority: number | null;
  state: string;
  labels: string[];
  blocked_by: Array<{ id: string; identifier: string; state: string | null }>;
  parent: string | null;
  children: string[];
  url: string | null;
  branch_name: string | null;
  target_branch: string | null;
  created_at: string | null;
  updated_at: string | null;
  project_id: string;
  assignee: string | null;
  attachments: PromptAttachment[];
}

export interface PromptComment {
  author: string;
  created_at: string;
  /** Capped at 32 KiB by the caller (middle elided). */
  text: string;
}

/** Everything a WORKFLOW.md template can reference. */
export interface PromptVars {
  issue: PromptIssue;
  /** null on the first run of a failure streak; 2 for the first retry, … */
  attempt: number | null;
  /** Last 20 comments, oldest first. */
  comments: PromptComment[];
  focus: FocusTemplateVars;
  project: {
    id: string;
    name: string;
    default_branch: string;
    repo_url: string;
    test_command: string | null;
  };
  run: {
    id: string;
    branch: string;
    workspace_path: string;
    backend: string;
    model: string | null;
    profile: string;
  };
  /** `AGENTS.md` at the worktree root (≤ 64 KiB) or null. */
  agents_md: string | null;
}

/** A synthetic, fully populated issue used by `oompah validate` to test-render a template. */
export function samplePromptVars(): PromptVars {
  return {
    issue: {
      id: "DEMO-1",
      identifier: "DEMO-1",
      title: "Fix the login redirect loop",
      description:
        "After signing in, users are sent back to /login.\n\nExpected: land on /dashboard.",
      type: "bug",
      priority: 1,
      state: "Open",
      labels: ["auth", "frontend"],
      blocked_by: [{ id: "DEMO-0", identifier: "DEMO-0", state: "Done" }],
      parent: null,
      children: [],
      url: null,
      branch_name: "demo-1",
      target_branch: null,
      created_at: "2025-01-01T00:00:00Z",
      updated_at: "2025-01-02T00:00:00Z",
      project_id: "demo",
      assignee: null,
      attachments: [
        {
          name: "trace.pdf",
          mime_type: "application/pdf",
          size: 2048,
          sent_inline: false,
          path: ".oompah/attachments/DEMO-1/0a1b2c3d4e5f-trace.pdf",
        },
      ],
    },
    attempt: 2,
    comments: [
      {
        author: "operator",
        created_at: "2025-01-02T00:00:00Z",
        text: "Reproduces on Firefox only.",
      },
    ],
    focus: {
      name: "bugfix",
      role: "Bug Fixer",
      description: "Finds and fixes the root cause of defects.",
      must_do: ["Reproduce the bug with a failing test first."],
      must_not_do: ["Do not refactor unrelated code."],
      block:
        "## Focus: Bug Fixer\n\nFinds and fixes the root cause of defects.\n\nMust do:\n- Reproduce the bug with a failing test first.\n\nMust not do:\n- Do not refactor unrelated code.",
    },
    project: {
      id: "demo",
      name: "demo",
      default_branch: "main",
      repo_url: "https://example.com/demo.git",
      test_command: "npm test",
    },
    run: {
      id: "00000000-0000-4000-8000-000000000000",
      branch: "demo-1",
      workspace_path: "/tmp/oompah_workspaces/demo/DEMO-1",
      backend: "api",
      model: "gpt-5-mini",
      profile: "default",
    },
    agents_md: null,
  };
}
