/**
 * Links and short texts of the drawer: a run's branch on the project's forge
 * (GitHub `/tree/<branch>`, GitLab `/-/tree/<branch>`; none for `local`
 * repositories), and the issue's spend against its cost cap (§13.3).
 */
import { formatUsd } from "../../../shared/format.js";
import type { IssueDetail } from "../../../shared/wire.js";

/** `https://host/path` of a repository URL (https, ssh:// or scp-like), or null. */
export function repoWebBase(repoUrl: string): string | null {
  const url = repoUrl.trim();
  const patterns = [
    /^https?:\/\/(?:[^@/]+@)?([^/]+)\/(.+?)(?:\.git)?\/?$/,
    /^ssh:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/,
    /^[^@\s/:]+@([^:/]+):(?!\/)(.+?)(?:\.git)?\/?$/,
  ];
  for (const p of patterns) {
    const m = p.exec(url);
    if (m) return `https://${m[1]}/${m[2]}`;
  }
  return null;
}

/** The branch's page on the forge, or null (local SCM, unrecognised URL). */
export function branchUrl(
  project: { repo_url: string; scm: string },
  branch: string,
): string | null {
  if (project.scm !== "github" && project.scm !== "gitlab") return null;
  const base = repoWebBase(project.repo_url);
  if (base === null) return null;
  const path = branch.split("/").map(encodeURIComponent).join("/");
  return project.scm === "github" ? `${base}/tree/${path}` : `${base}/-/tree/${path}`;
}

export type IssueCost = NonNullable<IssueDetail["cost"]>;

/** "$0.7500 spent of a $5.00 cap (set for this issue)". */
export function costLine(cost: IssueCost): string {
  const spent = `${formatUsd(cost.spent_usd)} spent`;
  if (cost.effective_cap_usd <= 0)
    return `${spent}; no cap${cost.limit_usd === null ? "" : " (set for this issue)"}`;
  const whose = cost.limit_usd === null ? "the default" : "set for this issue";
  return `${spent} of a ${formatUsd(cost.effective_cap_usd)} cap (${whose})${cost.at_cap ? " — cap reached" : ""}`;
}

/** The cap typed in the form: a non-negative number of dollars, or an error text. */
export function parseCap(text: string): { ok: true; usd: number } | { ok: false; error: string } {
  const t = text.trim().replace(/^\$/, "");
  const usd = Number(t);
  if (t === "" || !Number.isFinite(usd) || usd < 0)
    return { ok: false, error: "Enter a cap in dollars, 0 or more (0 = no cap)" };
  return { ok: true, usd };
}
