/** A status column: a drop target listing its cards, with an empty hint. */
import { useDroppable } from "@dnd-kit/core";
import type { Issue, RetryEntry, RunningEntry } from "../../../shared/wire.js";
import { issueKey, type ColumnView } from "../model/columns.js";
import { Card } from "./card.js";

export interface ColumnProps {
  column: ColumnView;
  running: Map<string, RunningEntry>;
  retries: Map<string, RetryEntry>;
  nowMs: number;
  onOpen: (issue: Issue) => void;
}

export function Column({ column, running, retries, nowMs, onOpen }: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: column.status });
  return (
    <section
      ref={setNodeRef}
      className={`column${isOver ? " over" : ""}`}
      data-testid="column"
      data-status={column.status}
      aria-label={column.status}
    >
      <h2>
        {column.status} <span className="count">{column.issues.length}</span>
      </h2>
      <div className="cards">
        {column.issues.length === 0 && <p className="muted empty">No issues</p>}
        {column.issues.map((issue) => (
          <Card
            key={issueKey(issue)}
            issue={issue}
            running={running.get(issueKey(issue))}
            retry={retries.get(issueKey(issue))}
            nowMs={nowMs}
            onOpen={onOpen}
          />
        ))}
      </div>
    </section>
  );
}
