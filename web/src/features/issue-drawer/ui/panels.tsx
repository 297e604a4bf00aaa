/** The drawer's routing explanation and run history panels. */
import type { RoutingExplanation, Run } from "../../../shared/wire.js";
import { routingFacts, runLine, topScores } from "../model/drawer.js";

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

export function RunsPanel({ runs }: { runs: Run[] | string | null }) {
  return (
    <section>
      <h3>Runs</h3>
      {runs === null && <p className="muted">Loading…</p>}
      {typeof runs === "string" && <p className="error">{runs}</p>}
      {Array.isArray(runs) && runs.length === 0 && <p className="muted">No runs yet.</p>}
      {Array.isArray(runs) && runs.length > 0 && (
        <ul className="runs">
          {runs.map((r) => (
            <li key={r.run_id}>
              {runLine(r)}
              {r.error && (
                <div className="error">
                  {r.error.code}: {r.error.message}
                </div>
              )}
              {r.summary && <div className="muted">{r.summary}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
