/**
 * The data every page starts from: the state snapshot and the board, fetched
 * once, then kept current by the live channel (a `snapshot` replaces the state
 * and refetches the board;
 * `state`, `issue_changed` and run events refetch what they affect, coalesced
 * so a burst of events costs one request each). A 401 means a token is
 * configured and the browser has no session yet: the app shows the login.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError, describeError } from "./api-client.js";
import { refetchFor } from "./live/cursor.js";
import { LiveClient, type LiveStatus } from "./live/live-client.js";
import type { Board, LiveMessage, StateSnapshot } from "./wire.js";

export interface DashboardData {
  state: StateSnapshot | null;
  board: Board | null;
  /** True until the first state and board arrived (or failed). */
  loading: boolean;
  error: string | null;
  /** A token is configured and this browser is not logged in. */
  needsLogin: boolean;
  live: LiveStatus;
  reload: () => void;
  /** Refetch the board now (after a change made from this page). */
  refreshBoard: () => void;
  /** Every applied live message, for pages that keep their own data current. */
  subscribe: LiveSubscribe;
}

/** Adds a listener of applied live messages; returns its removal. */
export type LiveSubscribe = (listener: (msg: LiveMessage) => void) => () => void;

const BOARD_PATH = "/api/v1/issues?include_terminal=true";

/** Runs `task` now, or once more after the running one when asked again meanwhile. */
function coalesced(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void task().finally(() => {
      running = false;
      if (again) {
        again = false;
        run();
      }
    });
  };
  return run;
}

export function useDashboard(): DashboardData {
  const [state, setState] = useState<StateSnapshot | null>(null);
  const [board, setBoard] = useState<Board | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [needsLogin, setNeedsLogin] = useState(false);
  const [live, setLive] = useState<LiveStatus>("connecting");

  const fail = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) setNeedsLogin(true);
    else setError(describeError(err));
  }, []);

  const listeners = useRef(new Set<(msg: LiveMessage) => void>());
  const subscribe = useCallback<LiveSubscribe>((listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const fetchers = useRef<{ state: () => void; board: () => void } | null>(null);
  fetchers.current ??= {
    state: coalesced(() =>
      api.get<StateSnapshot>("/api/v1/state").then((s) => {
        setState(s);
        setError(null);
      }, fail),
    ),
    board: coalesced(() =>
      api.get<Board>(BOARD_PATH).then(setBoard, (err: unknown) => {
        // No readable project is an empty board, not a broken page.
        if (err instanceof ApiError && err.code === "snapshot_unavailable") setBoard(null);
        else fail(err);
      }),
    ),
  };

  const reload = useCallback(() => {
    setNeedsLogin(false);
    setError(null);
    void Promise.all([
      api.get<StateSnapshot>("/api/v1/state").then(setState),
      api.get<Board>(BOARD_PATH).then(setBoard, (err: unknown) => {
        if (!(err instanceof ApiError && err.code === "snapshot_unavailable")) throw err;
      }),
    ])
      .catch(fail)
      .finally(() => setLoading(false));
  }, [fail]);

  useEffect(() => {
    reload();
  }, [reload]);

  useEffect(() => {
    if (needsLogin) return;
    const onMessage = (msg: LiveMessage): void => {
      for (const listener of listeners.current) listener(msg);
      if (msg.type === "snapshot") {
        // The snapshot's board omits terminal columns; refetch ours (it includes them).
        const data = msg.data as { state?: StateSnapshot };
        if (data.state) setState(data.state);
        fetchers.current?.board();
        return;
      }
      const what = refetchFor(msg.type);
      if (what.state) fetchers.current?.state();
      if (what.board) fetchers.current?.board();
    };
    const client = new LiveClient({ onMessage, onStatus: setLive });
    client.start();
    return () => client.stop();
  }, [needsLogin]);

  const refreshBoard = useCallback(() => fetchers.current?.board(), []);
  return { state, board, loading, error, needsLogin, live, reload, refreshBoard, subscribe };
}
