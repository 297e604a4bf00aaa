/** The Foci page (§17.5). */
import type { DashboardData } from "../../../shared/use-dashboard.js";

export function FociPage(_props: { data: DashboardData }) {
  return (
    <main className="page">
      <h2>Foci</h2>
    </main>
  );
}
