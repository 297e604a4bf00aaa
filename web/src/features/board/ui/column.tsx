/** A status column: a drop target listing its cards, with an empty hint. */
import { useDroppable } from "@dnd-kit/core";
import type { Board, Issue, RetryEntry, RunningEntry } from "../../../shared/wire.js";
import { factsOf } from "../model/card-facts.js";
import { issueKey, type ColumnView } from "../model/columns.js";
import { Card } from "./card.js";

export interface ColumnProps {
  column: ColumnView;
  /** The swimlane's project id, or "" on the plain board: keeps drop targets unique. */
  lane: string;
  board: Board | null;
  running: Map<string, RunningEntry>;
  retries: Map<string, RetryEntry>;
  nowMs: number;
  onOpen: (issue: Issue) => void;
}

export function Column({ column, lane, board, running, retries, nowMs, onOpen }: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({
    id: `${lane}\u0000${column.status}`,
    data: { status: column.status },
  });
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
            facts={factsOf(board, issue)}
            running={running.get(issueKey(issue))}
            retry={retries.get(issueKey(issue))}
            nowMs={nowMs}
            dragScope={lane}
            onOpen={onOpen}
          />
        ))}
      </div>
    </section>
  );
}
