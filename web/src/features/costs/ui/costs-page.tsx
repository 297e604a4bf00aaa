/** The Costs page (§17.5). */
import type { DashboardData } from "../../../shared/use-dashboard.js";

export function CostsPage(_props: { data: DashboardData }) {
  return (
    <main className="page">
      <h2>Costs</h2>
    </main>
  );
}
