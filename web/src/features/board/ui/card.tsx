/**
 * One issue card: identifier, title, priority, type, labels, focus and spend
 * so far (while running, the badge's live run cost instead), the running
 * badge (turns, tokens, cost of the run), the retry
 * countdown and the skip reason (why an issue in an active status waits).
 * Draggable with the pointer or the keyboard (space to lift, arrows, space
 * to drop); a click or Enter without dragging opens the issue drawer.
 */
import { useDraggable } from "@dnd-kit/core";
import type { Issue, RetryEntry, RunningEntry } from "../../../shared/wire.js";
import { cardSkip, cardSpend, skipText, type IssueFacts } from "../model/card-facts.js";
import { formatTokens, formatUsd } from "../../../shared/format.js";
import { countdown, issueKey, priorityLabel } from "../model/columns.js";

export interface CardProps {
  issue: Issue;
  facts: IssueFacts | undefined;
  running: RunningEntry | undefined;
  retry: RetryEntry | undefined;
  nowMs: number;
  /** Distinguishes the same issue's drag handle across swimlane layouts. */
  dragScope: string;
  onOpen: (issue: Issue) => void;
}

export function Card({ issue, facts, running, retry, nowMs, dragScope, onOpen }: CardProps) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: `${dragScope}\u0000${issueKey(issue)}`,
    data: { issue },
  });
  const style = transform
    ? { transform: `translate(${transform.x}px, ${transform.y}px)` }
    : undefined;
  const prio = priorityLabel(issue.priority);
  const skip = cardSkip(facts, { running: !!running, retrying: !!retry });
  const focus = facts?.focus ?? null;
  const spend = cardSpend(facts, !!running);
  return (
    <article
      ref={setNodeRef}
      style={style}
      className={`card${isDragging ? " dragging" : ""}${running ? " is-running" : ""}`}
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
      {(focus !== null || spend !== null) && (
        <div className="card-meta">
          {focus !== null && (
            <span className="focus" data-testid="card-focus" title="Focus">
              {focus}
            </span>
          )}
          {spend !== null && (
            <span className="cost" data-testid="card-cost" title="Spent so far on this issue">
              {formatUsd(spend)}
            </span>
          )}
        </div>
      )}
      {running && (
        <div
          className="badge running"
          data-testid="running-badge"
          title={[running.profile, running.model].filter(Boolean).join(" · ")}
        >
          ● {running.phase ?? "running"} · {running.turns ?? 0} turns ·{" "}
          {formatTokens((running.input_tokens ?? 0) + (running.output_tokens ?? 0))} tok ·{" "}
          {formatUsd(running.cost_usd ?? 0)}
        </div>
      )}
      {retry && (
        <div className="badge retry" data-testid="retry-badge">
          retry #{retry.attempt} {countdown(retry.due_at, nowMs)}
          {retry.reason ? ` · ${retry.reason}` : ""}
        </div>
      )}
      {skip && (
        <div className="badge skip" data-testid="card-skip" data-reason={skip}>
          not dispatched: {skipText(skip)}
        </div>
      )}
    </article>
  );
}
