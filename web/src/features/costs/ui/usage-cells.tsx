/**
 * The token and dollar columns every cost table shares: input, cached input
 * (where the table shows it), output and cost — their headers and one row's
 * cells, so the breakdown, runs and per-turn tables line up the same way.
 */
import type { Column } from "../../../shared/ui/data.js";
import { formatCount, formatUsd } from "../../../shared/format.js";
import type { TokenCounts } from "../model/format.js";

export interface Usage extends TokenCounts {
  cost_usd: number;
}

export function usageColumns({ cached }: { cached: boolean }): Column[] {
  const cols = ["Input", ...(cached ? ["Cached"] : []), "Output", "Cost"];
  return cols.map((label) => ({ label, num: true }));
}

export function UsageCells({
  usage,
  cached,
  costTestId,
}: {
  usage: Usage;
  cached: boolean;
  costTestId?: string;
}) {
  return (
    <>
      <td className="num">{formatCount(usage.input_tokens)}</td>
      {cached && <td className="num">{formatCount(usage.cached_input_tokens)}</td>}
      <td className="num">{formatCount(usage.output_tokens)}</td>
      <td className="num" data-testid={costTestId}>
        {formatUsd(usage.cost_usd)}
      </td>
    </>
  );
}
