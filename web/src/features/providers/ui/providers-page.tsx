/** The Providers page (§17.5). */
import type { DashboardData } from "../../../shared/use-dashboard.js";

export function ProvidersPage(_props: { data: DashboardData }) {
  return (
    <main className="page">
      <h2>Providers</h2>
    </main>
  );
}
