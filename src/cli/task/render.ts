/**
 * Output of `oompah task`: the versioned JSON documents of §18
 * (`schema_version: 1`, `kind` task-list / task / comment / run-signal) and
 * readable text for people.
 */
import type { Comment, Issue } from "../../domain/issue.js";
import type { Board } from "../../issues/board.js";
import type { TaskDetail } from "./backend.js";

/** Version of the CLI's JSON documents. */
export const SCHEMA_VERSION = 1;

export function taskListJson(board: Board): Record<string, unknown> {
  return {
    schema_version: SCHEMA_VERSION,
    kind: "task-list",
    generated_at: board.generated_at,
    issues: board.columns.flatMap((c) => c.issues),
    errors: board.errors,
  };
}

export function taskJson(
  issue: Issue,
  extra: { comments?: Comment[]; runs?: unknown[] } = {},
): Record<string, unknown> {
  return { schema_version: SCHEMA_VERSION, kind: "task", issue, ...extra };
}

export function commentJson(issueId: string, comment: Comment): Record<string, unknown> {
  return { schema_version: SCHEMA_VERSION, kind: "comment", issue_id: issueId, comment };
}

/** What `oompah task finish|ask` sent (§7.6). */
export type SignalKind = "finish" | "question";

export function signalJson(runId: string, signal: SignalKind): Record<string, unknown> {
  return { schema_version: SCHEMA_VERSION, kind: "run-signal", run_id: runId, signal };
}

export function signalText(runId: string, signal: SignalKind): string {
  return signal === "finish"
    ? `finish recorded for run ${runId}; the session stops now and oompah delivers the work`
    : `question recorded for run ${runId}; the session stops now and the task waits in Needs Answer`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** A left-aligned text table with a header row. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

const priority = (p: number | null): string => (p === null ? "-" : `P${p}`);

export function taskListText(board: Board): string {
  const issues = board.columns.flatMap((c) => c.issues);
  const warnings = board.errors.map(
    (e) => `warning ${e.code}: project ${e.project_id}: ${e.message}`,
  );
  if (issues.length === 0) return [...warnings, "no tasks"].join("\n");
  const rows = issues.map((i) => [
    i.identifier,
    i.state,
    priority(i.priority),
    i.type,
    clip(i.title, 60),
    i.labels.join(","),
  ]);
  return [...warnings, table(["ID", "STATUS", "PRI", "TYPE", "TITLE", "LABELS"], rows)].join("\n");
}

export function taskText(issue: Issue): string {
  const fields: Array<[string, string | null]> = [
    ["status", issue.state],
    ["type", issue.type],
    ["priority", issue.priority === null ? null : priority(issue.priority)],
    ["labels", issue.labels.length ? issue.labels.join(", ") : null],
    ["parent", issue.parent],
    [
      "blocked by",
      issue.blocked_by.length
        ? issue.blocked_by.map((b) => `${b.identifier} (${b.state ?? "?"})`).join(", ")
        : null,
    ],
    ["assignee", issue.assignee],
    ["review", issue.review?.url ?? null],
    ["updated", issue.updated_at],
  ];
  const lines = fields
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${`${k}:`.padEnd(12)}${v ?? ""}`);
  return [`${issue.identifier}  ${issue.title}`, ...lines].join("\n");
}

export function taskDetailText(detail: TaskDetail): string {
  const parts = [taskText(detail.issue)];
  if (detail.issue.description.trim() !== "") parts.push(detail.issue.description.trim());
  parts.push(
    detail.comments.length === 0
      ? "no comments"
      : detail.comments
          .map((c) => `— ${c.author} at ${c.created_at}\n${c.text.trim()}`)
          .join("\n\n"),
  );
  return parts.join("\n\n");
}
