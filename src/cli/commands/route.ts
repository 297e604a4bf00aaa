/**
 * `oompah route ID [--project P] [--server URL]` (SPEC §18): explains how the
 * server would route an issue — every focus score with its reasons, the
 * matched profile, the resolved provider, model and backend, and each
 * fallback warning — without dispatching it. The explanation comes from
 * `GET /api/v1/projects/{pid}/issues/{iid}/routing`; this file only renders.
 */
import type { Command } from "commander";
import { OompahError } from "../../domain/errors.js";
import type { RoutingExplanation } from "../../domain/routing-explanation.js";
import { clientFromEnv, type ApiClient } from "../api-client.js";
import type { CliContext } from "../main.js";
import { printJson } from "../output.js";

type FocusScore = RoutingExplanation["focus"]["scores"][number];

/** The evidence behind one focus score, e.g. `keywords xss, csrf +20; labels security +30; priority +15`. */
export function focusReasons(s: FocusScore): string {
  if (s.excluded) return `excluded (${s.excluded.replace("_", "-")})`;
  const parts: string[] = [];
  if (s.needs_label) parts.push(`needs:${s.name} +200`);
  if (s.keywords.length) parts.push(`keywords ${s.keywords.join(", ")} +${10 * s.keywords.length}`);
  if (s.type_match) parts.push("issue type +50");
  if (s.labels.length) parts.push(`labels ${s.labels.join(", ")} +${30 * s.labels.length}`);
  if (s.priority_bonus)
    parts.push(`priority ${s.priority_bonus > 0 ? "+" : ""}${s.priority_bonus}`);
  return parts.length ? parts.join("; ") : "no match";
}

/** The human rendering of an explanation. */
export function formatRouting(x: RoutingExplanation): string {
  const i = x.issue;
  const lines = [
    `${i.identifier}  ${i.title}`,
    `  type ${i.type} · priority ${i.priority ?? "none"} · ${i.state}${i.labels.length ? ` · labels ${i.labels.join(", ")}` : ""}`,
    "",
    `focus: ${x.focus.selected} (${x.focus.role}) — ${x.focus.reason}`,
  ];
  const width = Math.max(...x.focus.scores.map((s) => s.name.length), 5);
  for (const s of x.focus.scores)
    lines.push(`  ${String(s.score).padStart(4)}  ${s.name.padEnd(width)}  ${focusReasons(s)}`);
  const p = x.profile;
  const how = p.escalated ? "escalated" : p.implicit ? "implicit default" : `score ${p.score}`;
  lines.push("", `profile: ${p.selected} (${how})`);
  for (const s of p.scores)
    lines.push(
      `  ${s.score === null ? "   -" : String(s.score).padStart(4)}  ${s.name}${s.score === null ? "  (does not match)" : ""}`,
    );
  lines.push("");
  const r = x.resolution;
  if (r.ok) {
    lines.push(
      `provider: ${r.provider.id}${r.provider.name ? ` (${r.provider.name})` : ""} — ${r.provider_source}`,
      `model: ${r.model ?? "(backend default)"}${r.model_source ? ` — ${r.model_source}` : ""}`,
      `backend: ${r.backend}`,
    );
  } else {
    lines.push(`provider: none (${r.code}, alert ${r.alert})`, "model: -", "backend: -");
  }
  for (const w of x.warnings) lines.push(`warning ${w.code}: ${w.message}`);
  return lines.join("\n");
}

/** The project to use: the flag, else the only registered project. */
async function projectId(client: ApiClient, flag: string | undefined): Promise<string> {
  if (flag) return flag;
  const res = await client.get<{ projects?: Array<{ id: string }> } | Array<{ id: string }>>(
    "/api/v1/projects",
  );
  const list = Array.isArray(res) ? res : (res.projects ?? []);
  const [only] = list;
  if (only && list.length === 1) return only.id;
  throw new OompahError(
    "project_required",
    list.length ? "several projects are registered; pass --project" : "no project is registered",
    {
      hint: "oompah route ID --project <project id or name>",
    },
  );
}

export function registerRoute(program: Command, ctx: CliContext): void {
  program
    .command("route <id>")
    .description(
      "explain how an issue would be routed (focus, profile, provider, model, backend) without dispatching it",
    )
    .option("--project <project>", "project id or name (default: the only project)")
    .option("--server <url>", "server URL (http(s)://… or unix:<socket>)")
    .action(async (id: string, opts: { project?: string; server?: string }, cmd: Command) => {
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      const client = clientFromEnv(ctx.env, opts.server);
      const pid = await projectId(client, opts.project);
      const x = await client.get<RoutingExplanation>(
        `/api/v1/projects/${encodeURIComponent(pid)}/issues/${encodeURIComponent(id)}/routing`,
      );
      if (json) printJson(ctx.output, { schema_version: 1, kind: "routing", ...x });
      else ctx.output.out(formatRouting(x));
    });
}
