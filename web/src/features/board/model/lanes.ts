/**
 * Swimlanes: the board split into one row of columns per project, in the
 * order of the state snapshot's project list (projects only the board knows
 * of come last, named by id). The project filter keeps one lane.
 */
import type { Board } from "../../../shared/wire.js";
import { boardColumns, type BoardFilter, type ColumnView } from "./columns.js";

export interface Lane {
  projectId: string;
  name: string;
  columns: ColumnView[];
  /** Issues in the lane's shown columns. */
  total: number;
}

export function boardLanes(
  board: Board | null,
  filter: BoardFilter,
  projects: readonly { id: string; name: string }[],
): Lane[] {
  const names = new Map(projects.map((p) => [p.id, p.name]));
  const ids = projects.map((p) => p.id);
  for (const col of board?.columns ?? [])
    for (const issue of col.issues) if (!ids.includes(issue.project_id)) ids.push(issue.project_id);
  return ids
    .filter((id) => filter.projectId === null || id === filter.projectId)
    .map((id) => {
      const columns = boardColumns(board, { ...filter, projectId: id });
      return {
        projectId: id,
        name: names.get(id) ?? id,
        columns,
        total: columns.reduce((n, c) => n + c.issues.length, 0),
      };
    });
}
