/**
 * The running-agents bar: live status, running count with tokens and cost,
 * budget use, and the persisted pause/resume switch.
 */
import { useState } from "react";
import { api, describeError } from "../../../shared/api-client.js";
import type { LiveStatus } from "../../../shared/live/live-client.js";
import type { StateSnapshot } from "../../../shared/wire.js";
import { formatTokens, formatUsd } from "../../../shared/format.js";
import { runningSummary } from "../model/columns.js";

export function Header({ state, live }: { state: StateSnapshot | null; live: LiveStatus }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = runningSummary(state);
  const paused = state?.paused.manual ?? false;
  const toggle = () => {
    setBusy(true);
    setError(null);
    api
      .post(`/api/v1/orchestrator/${paused ? "resume" : "pause"}`, {})
      .catch((err: unknown) => setError(describeError(err)))
      .finally(() => setBusy(false));
  };
  return (
    <header className="topbar">
      <h1>oompah</h1>
      <span className={`live live-${live}`} data-testid="live-status">
        {live}
      </span>
      <span data-testid="running-count">
        {run.count} running · {formatTokens(run.tokens)} tokens · {formatUsd(run.costUsd)}
      </span>
      {state && state.budget.limit > 0 && (
        <span className="budget">
          budget {formatUsd(state.budget.spent)} / {formatUsd(state.budget.limit)} (
          {state.budget.window})
        </span>
      )}
      {state && (
        <button type="button" onClick={toggle} disabled={busy}>
          {paused ? "Resume" : "Pause"}
        </button>
      )}
      {paused && (
        <span className="paused">
          paused{state?.paused.reason ? `: ${state.paused.reason}` : ""}
        </span>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </header>
  );
}

/** Banners for the alerts of the state snapshot (config error, budget, webhooks, trackers…). */
export function Banners({ state }: { state: StateSnapshot | null }) {
  if (!state) return null;
  const items = [...state.alerts];
  if (state.config.last_error && !items.some((a) => a.code === "config_invalid")) {
    items.push({
      code: "config_invalid",
      severity: "error",
      message: `${state.config.last_error.code}: ${state.config.last_error.message}`,
      since: state.config.loaded_at ?? state.started_at,
    });
  }
  if (items.length === 0) return null;
  return (
    <div className="banners">
      {items.map((a) => (
        <div
          key={`${a.code}:${a.project_id ?? ""}`}
          className={`banner ${a.severity}`}
          role="status"
        >
          <strong>{a.code}</strong> {a.project_id ? `[${a.project_id}] ` : ""}
          {a.message}
        </div>
      ))}
    </div>
  );
}
