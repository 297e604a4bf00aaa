/**
 * One issue card: identifier, title, priority, type, labels, the running
 * badge (turns, tokens, cost) and the retry countdown (the skip reason is in
 * the drawer: only the issue detail carries it). Draggable
 * with the pointer or the keyboard (space to lift, arrows, space to drop);
 * a click or Enter without dragging opens the issue drawer.
 */
import { useDraggable } from "@dnd-kit/core";
import type { Issue, RetryEntry, RunningEntry } from "../../../shared/wire.js";
import { countdown, formatTokens, formatUsd, issueKey, priorityLabel } from "../model/columns.js";

export interface CardProps {
  issue: Issue;
  running: RunningEntry | undefined;
  retry: RetryEntry | undefined;
  nowMs: number;
  onOpen: (issue: Issue) => void;
}

export function Card({ issue, running, retry, nowMs, onOpen }: CardProps) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: issueKey(issue),
    data: { issue },
  });
  const style = transform
    ? { transform: `translate(${transform.x}px, ${transform.y}px)` }
    : undefined;
  const prio = priorityLabel(issue.priority);
  return (
    <article
      ref={setNodeRef}
      style={style}
      className={`card${isDragging ? " dragging" : ""}`}
      data-testid="card"
      data-issue={issue.id}
      data-project={issue.project_id}
      {...attributes}
      {...listeners}
      onClick={() => onOpen(issue)}
      onKeyDown={(e) => {
        if (e.key === "Enter") onOpen(issue);
        else listeners?.onKeyDown?.(e);
      }}
    >
      <header className="card-head">
        <span className="identifier">{issue.identifier}</span>
        {prio && <span className={`prio prio-${issue.priority ?? "x"}`}>{prio}</span>}
        <span className="type">{issue.type}</span>
      </header>
      <div className="card-title">{issue.title}</div>
      {issue.labels.length > 0 && (
        <ul className="labels">
          {issue.labels.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {running && (
        <div className="badge running" title={`${running.profile ?? ""} ${running.model ?? ""}`}>
          ● running · {running.turns ?? 0} turns ·{" "}
          {formatTokens((running.input_tokens ?? 0) + (running.output_tokens ?? 0))} tok ·{" "}
          {formatUsd(running.cost_usd ?? 0)}
        </div>
      )}
      {retry && (
        <div className="badge retry">
          retry #{retry.attempt} {countdown(retry.due_at, nowMs)}
          {retry.reason ? ` · ${retry.reason}` : ""}
        </div>
      )}
    </article>
  );
}
