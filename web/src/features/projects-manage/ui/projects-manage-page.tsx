/**
 * The Projects page (§17.5 `/projects-manage`): every registered project
 * with its clone status, tracker and SCM settings, worktrees and webhook
 * status, per-project pause/resume, sync and removal, and the form to add
 * one by URL or local path. `project_changed` events keep it live.
 */
import type { DashboardData } from "../../../shared/use-dashboard.js";
import { useResource } from "../../../shared/use-resource.js";
import type { Project } from "../model/projects.js";
import { AddProject } from "./add-project.js";
import { ProjectRow } from "./project-row.js";
import "./projects.css";

const LIVE = ["project_changed"] as const;

export function ProjectsPage({ data }: { data: DashboardData }) {
  const list = useResource<{ projects: Project[] }>("/api/v1/projects", data.subscribe, LIVE);
  const summaries = new Map((data.state?.projects ?? []).map((p) => [p.id, p]));
  const projects = list.data?.projects ?? [];
  return (
    <main className="page projects-page">
      <h2>Projects</h2>
      <AddProject onAdded={list.reload} />
      {list.error && (
        <div className="banner error" role="alert" data-testid="projects-error">
          Could not load the projects: {list.error}{" "}
          <button type="button" onClick={list.reload}>
            Retry
          </button>
        </div>
      )}
      {list.loading && !list.data && (
        <p className="muted" data-testid="projects-loading">
          Loading the projects…
        </p>
      )}
      {list.data && projects.length === 0 && (
        <p className="empty-state" data-testid="projects-empty">
          No projects yet. Add one above by its repository URL or a local path, or with{" "}
          <code>oompah project add &lt;repo-url&gt;</code>.
        </p>
      )}
      <div className="project-list">
        {projects.map((p) => (
          <ProjectRow
            key={p.id}
            project={p}
            summary={summaries.get(p.id)}
            subscribe={data.subscribe}
            onChanged={list.reload}
          />
        ))}
      </div>
    </main>
  );
}
