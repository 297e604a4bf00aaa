/** One breakdown of the Costs page: a ledger report grouped by a dimension, as a table. */
import { DataTable } from "../../../shared/ui/data.js";
import { breakdownRows, type Names } from "../model/breakdown.js";
import { formatShare } from "../model/format.js";
import type { CostGroup, CostReport } from "../model/wire.js";
import { UsageCells, usageColumns } from "./usage-cells.js";

export function BreakdownTable({
  report,
  group,
  names,
}: {
  report: CostReport;
  group: CostGroup;
  names: Names;
}) {
  const rows = breakdownRows(report, group, names);
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="breakdown-empty">
        No spend in this period.
      </p>
    );
  const t = report.total;
  return (
    <DataTable
      data-testid="breakdown-table"
      data-group={group}
      columns={[
        group === "issue" ? "Issue" : "Name",
        { label: "Runs", num: true },
        ...usageColumns({ cached: true }),
        { label: "Share", num: true },
      ]}
    >
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid="breakdown-row">
            <th scope="row" className={r.unset ? "muted" : undefined}>
              <span className="row-label">{r.label}</span>
              {r.fallback_events > 0 && (
                <span
                  className="estimate"
                  data-testid="estimate-flag"
                  title={`${r.fallback_events} usage report(s) priced with agent.unknown_model_price: the model has no known price`}
                >
                  estimate
                </span>
              )}
              {r.detail && <span className="muted row-detail">{r.detail}</span>}
            </th>
            <td className="num">{r.runs}</td>
            <UsageCells usage={r} cached costTestId="breakdown-cost" />
            <td className="num">{r.share}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="num">{t.runs}</td>
          <UsageCells usage={t} cached />
          <td className="num">{formatShare(t.cost_usd, t.cost_usd)}</td>
        </tr>
      </tfoot>
    </DataTable>
  );
}
