/**
 * The Kanban page: toolbar (project filter, swimlanes, terminal toggle, New
 * task, Needs Answer menu), the columns — one row per project with
 * swimlanes — and drag-and-drop status moves. A drop applies at once as a
 * pending move over the server board; `PATCH {status}` confirms it (the
 * refetched board then agrees) or it is rolled back with a visible message.
 */
import {
  DndContext,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import { useEffect, useMemo, useState } from "react";
import { api, describeError, issuePath } from "../../../shared/api-client.js";
import { useClock } from "../../../shared/use-clock.js";
import { OutcomeLine } from "../../../shared/ui/actions.js";
import { Check, Options } from "../../../shared/ui/field.js";
import { ProjectErrors } from "../../../shared/ui/page.js";
import type { Board, CanonicalStatus, Issue, StateSnapshot } from "../../../shared/wire.js";
import {
  boardColumns,
  issueKey,
  retriesByIssue,
  runningByIssue,
  type ColumnView,
} from "../model/columns.js";
import { boardLanes } from "../model/lanes.js";
import { needsAnswerIssues } from "../model/needs-answer.js";
import {
  applyPending,
  reconcile,
  rollbackMessage,
  settle,
  statusOf,
  type PendingMove,
} from "../model/optimistic.js";
import "./board.css";
import { Column } from "./column.js";
import { NeedsAnswerMenu } from "./needs-answer-menu.js";
import { NewTaskForm } from "./new-task-form.js";

/** Live updates can shift the layout mid-drag (a banner, a new card): keep drop targets measured. */
const MEASURING = { droppable: { strategy: MeasuringStrategy.Always } };

export interface BoardViewProps {
  state: StateSnapshot | null;
  board: Board | null;
  onOpen: (issue: Issue) => void;
  refreshBoard: () => void;
}

export function BoardView({ state, board, onOpen, refreshBoard }: BoardViewProps) {
  const [projectId, setProjectId] = useState<string | null>(null);
  const [showTerminal, setShowTerminal] = useState(false);
  const [lanes, setLanes] = useState(false);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<PendingMove[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const nowMs = useClock(1000);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );

  useEffect(() => setPending((p) => (p.length === 0 ? p : reconcile(p, board))), [board]);

  const shown = useMemo(() => applyPending(board, pending), [board, pending]);
  const running = useMemo(() => runningByIssue(state), [state]);
  const retries = useMemo(() => retriesByIssue(state), [state]);
  const projects = state?.projects ?? [];
  const projectNames = new Map(projects.map((p) => [p.id, p.name]));
  const filter = { projectId, showTerminal };
  const waiting = needsAnswerIssues(board, projectId);

  const row = (columns: ColumnView[], lane: string) => (
    <div className="columns">
      {columns.map((c) => (
        <Column
          key={c.status}
          column={c}
          lane={lane}
          board={shown}
          running={running}
          retries={retries}
          nowMs={nowMs}
          onOpen={onOpen}
        />
      ))}
    </div>
  );

  const onDragEnd = (e: DragEndEvent) => {
    const issue = (e.active.data.current as { issue?: Issue } | undefined)?.issue;
    const to = (e.over?.data.current as { status?: CanonicalStatus } | undefined)?.status;
    if (!issue || !to || statusOf(shown, issue) === to) return;
    const move: PendingMove = { project_id: issue.project_id, id: issue.id, to };
    setMessage(null);
    setPending((p) => [...settle(p, issueKey(issue)), move]);
    api.patch<Issue>(issuePath(issue.project_id, issue.id), { status: to }).then(
      () => {
        const confirmed = { ...move, confirmedAt: Date.now() };
        setPending((p) => p.map((m) => (m === move ? confirmed : m)));
        refreshBoard();
      },
      (err: unknown) => {
        setPending((p) => p.filter((m) => m !== move));
        setMessage(rollbackMessage(issue.identifier, to, describeError(err)));
      },
    );
  };

  return (
    <main className="board-page">
      <div className="toolbar">
        <label>
          Project{" "}
          <select
            value={projectId ?? ""}
            onChange={(e) => setProjectId(e.target.value === "" ? null : e.target.value)}
            data-testid="project-filter"
          >
            <Options
              options={[
                { value: "", label: "All projects" },
                ...projects.map((p) => ({ value: p.id, label: p.name })),
              ]}
            />
          </select>
        </label>
        <Check checked={showTerminal} onChange={setShowTerminal}>
          Show Done / Merged / Archived
        </Check>
        <Check checked={lanes} onChange={setLanes} testId="swimlanes-toggle">
          Swimlanes by project
        </Check>
        <button type="button" onClick={() => setCreating((c) => !c)}>
          New task
        </button>
        <span className="toolbar-end">
          <NeedsAnswerMenu issues={waiting} onOpen={onOpen} />
        </span>
      </div>
      <OutcomeLine
        outcome={message === null ? null : { ok: false, text: message }}
        className="toast"
        testId="move-error"
        onDismiss={() => setMessage(null)}
      />
      {creating && (
        <NewTaskForm
          projects={projects}
          defaultProject={projectId}
          onCreated={() => {
            setCreating(false);
            refreshBoard();
          }}
          onClose={() => setCreating(false)}
        />
      )}
      <ProjectErrors errors={board?.errors} names={projectNames} />
      <DndContext sensors={sensors} onDragEnd={onDragEnd} measuring={MEASURING}>
        {lanes
          ? boardLanes(shown, filter, projects).map((lane) => (
              <section
                key={lane.projectId}
                className="lane"
                data-testid="lane"
                data-project={lane.projectId}
                aria-label={`Project ${lane.name}`}
              >
                <h2 className="lane-title">
                  {lane.name} <span className="count">{lane.total}</span>
                </h2>
                {row(lane.columns, lane.projectId)}
              </section>
            ))
          : row(boardColumns(shown, filter), "")}
      </DndContext>
    </main>
  );
}
