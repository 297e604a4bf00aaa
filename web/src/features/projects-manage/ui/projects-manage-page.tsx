/** The Projects page (§17.5). */
import type { DashboardData } from "../../../shared/use-dashboard.js";

export function ProjectsPage(_props: { data: DashboardData }) {
  return (
    <main className="page">
      <h2>Projects</h2>
    </main>
  );
}
