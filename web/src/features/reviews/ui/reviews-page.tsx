/** The Reviews page (§17.5). */
import type { DashboardData } from "../../../shared/use-dashboard.js";

export function ReviewsPage(_props: { data: DashboardData }) {
  return (
    <main className="page">
      <h2>Reviews</h2>
    </main>
  );
}
