/** Readable text for `oompah project …` (the `--json` forms print the views as they are). */
import type { ProjectView } from "../../projects/project-wire.js";

function pad(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function projectTable(projects: readonly ProjectView[]): string {
  if (projects.length === 0)
    return "no projects registered; add one with `oompah project add REPO_URL`";
  const head = ["ID", "NAME", "STATUS", "SCM", "TRACKER", "BRANCH", "REPO"];
  const rows = projects.map((p) => [
    p.id,
    p.name,
    p.status + (p.paused ? " (paused)" : ""),
    p.scm,
    p.tracker_kind ?? "(default)",
    p.default_branch ?? "(detecting)",
    p.repo_url,
  ]);
  return pad([head, ...rows]);
}

export function projectDetails(p: ProjectView): string {
  const lines: Array<[string, string | null]> = [
    ["id", p.id],
    ["name", p.name],
    ["repo_url", p.repo_url],
    ["status", p.status],
    ["error", p.error ? `${p.error.code}: ${p.error.message}` : null],
    ["hint", p.error?.hint ?? null],
    ["default_branch", p.default_branch ?? "(detected after the clone)"],
    ["tracker_kind", p.tracker_kind ?? "(tracker.kind)"],
    ["scm", p.scm],
    ["forge_base_url", p.forge_base_url],
    ["paused", p.paused ? "yes" : "no"],
    ["access_token_env", p.access_token_env],
    ["webhook_forwarding", p.webhook_forwarding ? "yes" : "no"],
    [
      "max_concurrent_agents",
      p.max_concurrent_agents === null ? null : String(p.max_concurrent_agents),
    ],
    ["local_success_status", p.local_success_status],
    ["git identity", `${p.git_author_name} <${p.git_author_email}>`],
    ["test_command", p.test_command],
    ["clone_path", p.clone_path],
    ["last_sync_at", p.last_sync_at],
  ];
  return pad(lines.filter(([, v]) => v !== null).map(([k, v]) => [`${k}:`, v ?? ""]));
}
