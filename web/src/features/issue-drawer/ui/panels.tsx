/** The drawer's routing explanation, dependencies and run history (with live activity) panels. */
import { useState } from "react";
import type { Issue, RoutingExplanation, Run, RunningEntry } from "../../../shared/wire.js";
import { routingFacts, runLine, topScores, withLive } from "../model/drawer.js";
import { branchUrl } from "../model/links.js";
import { RunActivity } from "./run-activity.js";

export function RoutingPanel({ routing }: { routing: RoutingExplanation | string | null }) {
  return (
    <section>
      <h3>Routing</h3>
      {routing === null && <p className="muted">Loading…</p>}
      {typeof routing === "string" && <p className="error">{routing}</p>}
      {routing !== null && typeof routing !== "string" && (
        <>
          <dl className="facts">
            {routingFacts(routing).map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
          {topScores(routing).length > 0 && (
            <p className="muted">Scores: {topScores(routing).join(", ")}</p>
          )}
          {routing.warnings.map((w) => (
            <p key={w.code + w.message} className="banner warning">
              {w.code}: {w.message}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

/** Blockers with their status, the parent and the children (§4.1). */
export function DependenciesPanel({ issue }: { issue: Issue }) {
  if (issue.blocked_by.length === 0 && issue.parent === null && issue.children.length === 0)
    return null;
  return (
    <section data-testid="dependencies">
      <h3>Dependencies</h3>
      <dl className="facts">
        {issue.blocked_by.length > 0 && (
          <div>
            <dt>Blocked by</dt>
            <dd>
              <ul className="plain">
                {issue.blocked_by.map((b) => (
                  <li key={b.id}>
                    {b.identifier}{" "}
                    <span className={`state-chip${b.state === null ? " unknown" : ""}`}>
                      {b.state ?? "unknown"}
                    </span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {issue.parent !== null && (
          <div>
            <dt>Parent</dt>
            <dd>{issue.parent}</dd>
          </div>
        )}
        {issue.children.length > 0 && (
          <div>
            <dt>Children</dt>
            <dd>{issue.children.join(", ")}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function RunItem({
  run,
  project,
  version,
}: {
  run: Run;
  project: { repo_url: string; scm: string } | null;
  version: unknown;
}) {
  const active = run.phase !== "finished";
  const [open, setOpen] = useState(active);
  const link = run.branch && project ? branchUrl(project, run.branch) : null;
  return (
    <li className={`run${active ? " active" : ""}`} data-testid="run" data-run={run.run_id}>
      <div className="run-line">
        <span className={`outcome outcome-${run.outcome ?? "active"}`}>
          {run.outcome ?? run.phase}
        </span>{" "}
        {runLine(run)}
      </div>
      {run.branch && (
        <div className="muted">
          Branch{" "}
          {link ? (
            <a href={link} target="_blank" rel="noreferrer noopener">
              {run.branch}
            </a>
          ) : (
            <code>{run.branch}</code>
          )}
        </div>
      )}
      {run.error && (
        <div className="error">
          {run.error.code}: {run.error.message}
        </div>
      )}
      {run.summary && <div className="muted">{run.summary}</div>}
      <button
        type="button"
        className="text-link"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="run-activity-toggle"
      >
        {open ? "Hide activity" : "Show activity"}
      </button>
      {open && <RunActivity runId={run.run_id} active={active} version={version} />}
    </li>
  );
}

export function RunsPanel({
  runs,
  live,
  project,
  version,
}: {
  runs: Run[] | string | null;
  /** The issue's active run in the live state snapshot. */
  live: RunningEntry | undefined;
  project: { repo_url: string; scm: string } | null;
  version: unknown;
}) {
  return (
    <section>
      <h3>Runs</h3>
      {runs === null && <p className="muted">Loading…</p>}
      {typeof runs === "string" && <p className="error">{runs}</p>}
      {Array.isArray(runs) && runs.length === 0 && <p className="muted">No runs yet.</p>}
      {Array.isArray(runs) && runs.length > 0 && (
        <ul className="runs">
          {runs.map((r) => (
            <RunItem key={r.run_id} run={withLive(r, live)} project={project} version={version} />
          ))}
        </ul>
      )}
    </section>
  );
}
