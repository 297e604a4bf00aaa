/** One breakdown of the Costs page: a ledger report grouped by a dimension, as a table. */
import { breakdownRows, type Names } from "../model/breakdown.js";
import { formatCost, formatCount, formatShare } from "../model/format.js";
import type { CostGroup, CostReport } from "../model/wire.js";

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
    <div className="table-scroll">
      <table className="costs-table" data-testid="breakdown-table" data-group={group}>
        <thead>
          <tr>
            <th scope="col">{group === "issue" ? "Issue" : "Name"}</th>
            <th scope="col" className="num">
              Runs
            </th>
            <th scope="col" className="num">
              Input
            </th>
            <th scope="col" className="num">
              Cached
            </th>
            <th scope="col" className="num">
              Output
            </th>
            <th scope="col" className="num">
              Cost
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
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
              <td className="num">{formatCount(r.input_tokens)}</td>
              <td className="num">{formatCount(r.cached_input_tokens)}</td>
              <td className="num">{formatCount(r.output_tokens)}</td>
              <td className="num" data-testid="breakdown-cost">
                {formatCost(r.cost_usd)}
              </td>
              <td className="num">{r.share}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{t.runs}</td>
            <td className="num">{formatCount(t.input_tokens)}</td>
            <td className="num">{formatCount(t.cached_input_tokens)}</td>
            <td className="num">{formatCount(t.output_tokens)}</td>
            <td className="num">{formatCost(t.cost_usd)}</td>
            <td className="num">{formatShare(t.cost_usd, t.cost_usd)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
