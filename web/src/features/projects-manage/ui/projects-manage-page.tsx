/**
 * The Projects page (§17.5 `/projects-manage`): every registered project
 * with its clone status, tracker and SCM settings, worktrees and webhook
 * status, per-project pause/resume, sync and removal, and the form to add
 * one by URL or local path. `project_changed` events keep it live.
 */
import type { DashboardData } from "../../../shared/use-dashboard.js";
import { useResource } from "../../../shared/use-resource.js";
import { EmptyState, PageHead, ResourceStatus } from "../../../shared/ui/page.js";
import type { Project } from "../model/wire.js";
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
      <PageHead title="Projects" />
      <AddProject onAdded={list.reload} />
      <ResourceStatus
        resource={list}
        what="the projects"
        loading="Loading the projects…"
        testId="projects"
      />
      {list.data && projects.length === 0 && (
        <EmptyState title="No projects yet." testId="projects-empty">
          Add one above by its repository URL or a local path, or with{" "}
          <code>oompah project add &lt;repo-url&gt;</code>.
        </EmptyState>
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
