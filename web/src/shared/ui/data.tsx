/**
 * Tables and fact lists: a data table (scrolling sideways when narrow) with
 * its column headers, and one labelled fact of a `<dl>`.
 */
import type { ReactNode, TableHTMLAttributes } from "react";
import "./page.css";

export interface Column {
  label: string;
  /** A right-aligned figure. */
  num?: boolean;
  /** Read to screen readers only (an actions column). */
  hidden?: boolean;
}

export function TableHead({ columns }: { columns: readonly (string | Column)[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => {
          const col = typeof c === "string" ? { label: c } : c;
          return (
            <th key={col.label} scope="col" className={col.num ? "num" : undefined}>
              {col.hidden ? <span className="sr-only">{col.label}</span> : col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

export type DataTableProps = TableHTMLAttributes<HTMLTableElement> & {
  columns: readonly (string | Column)[];
  caption?: string;
  /** The `<tbody>` and `<tfoot>`. */
  children: ReactNode;
};

export function DataTable({ columns, caption, children, className, ...table }: DataTableProps) {
  return (
    <div className="table-scroll">
      <table {...table} className={className ? `data-table ${className}` : "data-table"}>
        {caption && <caption>{caption}</caption>}
        <TableHead columns={columns} />
        {children}
      </table>
    </div>
  );
}

export function Fact({
  label,
  children,
  className,
  testId,
}: {
  label: string;
  children: ReactNode;
  className?: string | undefined;
  testId?: string;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
